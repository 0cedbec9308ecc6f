package org.gsmile.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gsmile.core.unit.Unit;
import org.junit.jupiter.api.Test;

class WordSplitterTest {

    @Test
    void keepsPunctuationAttachedAndRecordsOffsets() {
        List<Unit> units = new WordSplitter().split("  Lily saw a ball.\tIt was red!  ");
        assertEquals(List.of(new Unit("Lily", 2, 6), new Unit("saw", 7, 10), new Unit("a", 11, 12),
                new Unit("ball.", 13, 18), new Unit("It", 19, 21), new Unit("was", 22, 25),
                new Unit("red!", 26, 30)), units);
    }

    @Test
    void blankPromptHasNoUnits() {
        assertEquals(List.of(), new WordSplitter().split(" \n\t "));
    }
}
