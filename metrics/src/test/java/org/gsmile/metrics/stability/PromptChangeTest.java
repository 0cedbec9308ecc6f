package org.gsmile.metrics.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.gsmile.core.UserInputException;
import org.gsmile.core.unit.Unit;
import org.gsmile.perturbation.MarkedSplitter;
import org.gsmile.perturbation.WordSplitter;
import org.junit.jupiter.api.Test;

class PromptChangeTest {
    static final List<String> WORDS = List.of("please", "###");

    private static List<String> v(PromptChange c, String prompt) {
        return c.variants(prompt, WORDS);
    }

    @Test
    void insertionsAtTheStartTheMiddleAndTheEnd() {
        String p = "Lily wanted to play with her red ball";
        assertEquals(List.of("please Lily wanted to play with her red ball", "### Lily wanted to play with her red ball"),
                v(PromptChange.INSERT_START, p));
        // 8 words, 7 gaps: the 4th (⌈7/2⌉), after ⌊8/2⌋ = 4 words.
        assertEquals(List.of("Lily wanted to play please with her red ball", "Lily wanted to play ### with her red ball"),
                v(PromptChange.INSERT_MIDDLE, p));
        assertEquals(List.of("Lily wanted to play with her red ball please", "Lily wanted to play with her red ball ###"),
                v(PromptChange.INSERT_END, p));
        // 5 words, 4 gaps: the 2nd, after ⌊5/2⌋ = 2 words.
        assertEquals("Tom saw please a big dog", v(PromptChange.INSERT_MIDDLE, "Tom saw a big dog").get(0));
        // Surrounding whitespace stays where it was; a word goes next to the text.
        assertEquals("  please Lily ran. \n", v(PromptChange.INSERT_START, "  Lily ran. \n").get(0));
        assertEquals("  Lily ran. please \n", v(PromptChange.INSERT_END, "  Lily ran. \n").get(0));
        // One word has no middle.
        assertEquals(List.of(), v(PromptChange.INSERT_MIDDLE, "Lily"));
    }

    @Test
    void wordsGoOutsideMarkedUnits() {
        String p = "the [[stone bridge]] fell";
        assertEquals("please the [[stone bridge]] fell", v(PromptChange.INSERT_START, p).get(0));
        // Gaps outside markers: after "the" and after "]]"; the first of 2 (the space inside the marker is no gap).
        assertEquals("the please [[stone bridge]] fell", v(PromptChange.INSERT_MIDDLE, p).get(0));
        assertEquals("[[stone bridge]] please fell", v(PromptChange.INSERT_MIDDLE, "[[stone bridge]] fell").get(0));
        assertEquals("[[a b]] please", v(PromptChange.INSERT_END, "[[a b]]").get(0));
        assertEquals("please [[a b]]", v(PromptChange.INSERT_START, "[[a b]]").get(0));
        assertEquals(List.of(), v(PromptChange.INSERT_MIDDLE, "[[a b]]"), "all of it one unit: no gap outside");
        // Escaped brackets are text, not markers.
        assertEquals("see please \\[[1\\]] here", v(PromptChange.INSERT_MIDDLE, "see \\[[1\\]] here").get(0));
        // Every variant still splits into the original units plus the neutral word, the marked one whole.
        MarkedSplitter splitter = new MarkedSplitter(new WordSplitter());
        for (PromptChange c : List.of(PromptChange.INSERT_START, PromptChange.INSERT_MIDDLE, PromptChange.INSERT_END)) {
            List<Unit> units = splitter.segment(v(c, p).get(0)).units();
            assertEquals(4, units.size(), c.label());
            assertEquals(3, UnitAlignment.of(splitter.segment(p).units(), units).matched(), c.label());
            assertEquals(1, units.stream().filter(u -> u.text().equals("stone bridge")).count(), c.label());
        }
    }

    @Test
    void punctuationIsAddedWhenMissingAndRemovedWhenPresent() {
        assertEquals(List.of("Lily wanted to play with her red ball."),
                v(PromptChange.PUNCTUATION, "Lily wanted to play with her red ball"));
        assertEquals(List.of("Lily played"), v(PromptChange.PUNCTUATION, "Lily played."));
        assertEquals(List.of("Where is the ball"), v(PromptChange.PUNCTUATION, "Where is the ball?!"));
        assertEquals(List.of("She said \"hi"), v(PromptChange.PUNCTUATION, "She said \"hi.\""));
        // A run that was a unit of its own takes the space before it.
        assertEquals(List.of("Lily played"), v(PromptChange.PUNCTUATION, "Lily played ."));
        // Whitespace after the text stays.
        assertEquals(List.of("Lily played.\n"), v(PromptChange.PUNCTUATION, "Lily played\n"));
        // Inside a final marked unit, so no unit is added or lost.
        assertEquals(List.of("the [[red ball.]]"), v(PromptChange.PUNCTUATION, "the [[red ball]]"));
        assertEquals(List.of("the [[red ball]]"), v(PromptChange.PUNCTUATION, "the [[red ball!]]"));
        // A marked unit that was punctuation only goes with its marker.
        assertEquals(List.of("Lily"), v(PromptChange.PUNCTUATION, "Lily [[!!]]"));
        // An escaped bracket is text, and punctuation.
        assertEquals(List.of("see \\[[1"), v(PromptChange.PUNCTUATION, "see \\[[1\\]]"));
        // Nothing but punctuation: no variant.
        assertEquals(List.of(), v(PromptChange.PUNCTUATION, "?!"));
        assertEquals(1, PromptChange.PUNCTUATION.variants("ball", List.of()).size(), "one variant, whatever the words");
    }

    @Test
    void aBrokenMarkerFailsAsTheExplainerWouldReportIt() {
        assertThrows(UserInputException.class, () -> v(PromptChange.INSERT_START, "a [[b"));
    }

    @Test
    void namesAreTheLabelsWithANearMissSuggested() {
        for (PromptChange c : PromptChange.values()) {
            assertEquals(c, PromptChange.of(c.label()));
        }
        assertEquals("unknown {changes} 'Middle': did you mean middle? choose start, middle, end or punctuation",
                assertThrows(UserInputException.class, () -> PromptChange.of("Middle")).template());
        assertEquals("unknown {changes} 'punct': did you mean punctuation? choose start, middle, end or punctuation",
                assertThrows(UserInputException.class, () -> PromptChange.of("punct")).template());
        assertEquals("unknown {changes} 'xyzzy': choose start, middle, end or punctuation",
                assertThrows(UserInputException.class, () -> PromptChange.of("xyzzy")).template());
        assertEquals("{changes} is empty: choose start, middle, end or punctuation",
                assertThrows(UserInputException.class, () -> PromptChange.of(" ")).template());
    }
}
