package org.gsmile.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gsmile.core.unit.Unit;
import org.junit.jupiter.api.Test;

class PunctuationSplitterTest {
    static final String PROMPT = "Once upon a time, there was a girl. She said: \"Hi!\" It cost 3.5 coins\nThe end";

    @Test
    void phrasesEndAtClausePunctuation() {
        assertEquals(List.of(new Unit("Once upon a time,", 0, 17), new Unit("there was a girl.", 18, 35),
                new Unit("She said:", 36, 45), new Unit("\"Hi!\"", 46, 51), new Unit("It cost 3.5 coins", 52, 69),
                new Unit("The end", 70, 77)), PunctuationSplitter.phrases().split(PROMPT));
    }

    @Test
    void sentencesEndAtFullStopsAndLineBreaks() {
        assertEquals(List.of(new Unit("Once upon a time, there was a girl.", 0, 35),
                new Unit("She said: \"Hi!\"", 36, 51), new Unit("It cost 3.5 coins", 52, 69),
                new Unit("The end", 70, 77)), PunctuationSplitter.sentences().split(PROMPT));
    }

    @Test
    void blankAndPunctuationOnlyPrompts() {
        assertEquals(List.of(), PunctuationSplitter.phrases().split("  \n "));
        assertEquals(List.of(new Unit("...", 1, 4)), PunctuationSplitter.sentences().split(" ... "));
    }
}
