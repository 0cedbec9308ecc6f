package org.gsmile.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gsmile.core.UserInputException;
import org.gsmile.core.unit.Unit;
import org.junit.jupiter.api.Test;

class MarkedPromptTest {

    @Test
    void bracketsAreRemovedAndTheMarkedSpanIsOneUnit() {
        MarkedPrompt m = MarkedPrompt.parse("The [[stone bridge]] fell into the [[ river ]].");
        assertEquals("The stone bridge fell into the  river .", m.text());
        assertEquals(List.of(new Unit("stone bridge", 4, 16), new Unit("river", 32, 37)), m.marked());
    }

    @Test
    void markedUnitsAndWordsTogether() {
        MarkedPrompt m = MarkedPrompt.parse("The [[stone bridge]]s fell");
        List<Unit> units = new MarkedSplitter(m, new WordSplitter()).split(m.text());
        assertEquals(List.of(new Unit("The", 0, 3), new Unit("stone bridge", 4, 16), new Unit("s", 16, 17),
                new Unit("fell", 18, 22)), units);
        assertEquals("The fell", new DropOperator().apply(m.text(), units, org.gsmile.core.mask.Mask.of(true, false,
                false, true)));
    }

    @Test
    void badMarkersAreUserErrors() {
        for (String bad : List.of("a [[b c", "a b]] c", "[[a [[b]] c]]", "a [[ ]] b", "[[]]")) {
            UserInputException e = assertThrows(UserInputException.class, () -> MarkedPrompt.parse(bad), bad);
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void detectsMarkers() {
        assertTrue(MarkedPrompt.hasMarkers("a ]] b"));
        assertFalse(MarkedPrompt.hasMarkers("a [b] c"));
    }

    @Test
    void theSplitterOnlyKnowsItsOwnPrompt() {
        MarkedPrompt m = MarkedPrompt.parse("[[a b]] c");
        assertThrows(IllegalArgumentException.class, () -> new MarkedSplitter(m, new WordSplitter()).split("a b c d"));
    }
}
