package org.gsmile.metrics.accuracy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.gsmile.core.UserInputException;
import org.gsmile.core.unit.Unit;
import org.gsmile.metrics.stats.HandExplanation;
import org.junit.jupiter.api.Test;

class RelevanceTest {
    private static final List<Unit> WORDS = HandExplanation.words("Once upon a time, there was a little girl named Lily.");

    private static boolean[] flags(int n, int... on) {
        boolean[] f = new boolean[n];
        for (int i : on) {
            f[i] = true;
        }
        return f;
    }

    @Test
    void wordsMatchUnitsLowerCasedWithoutSurroundingPunctuation() {
        // Units: 0 Once, 1 upon, 2 a, 3 time, 4 there, 5 was, 6 a, 7 little, 8 girl, 9 named, 10 Lily.
        Relevance r = Relevance.ofWords(WORDS, List.of("time", "LILY", "Girl!"));
        assertArrayEquals(flags(11, 3, 8, 10), r.relevant());
        assertEquals(3, r.count());
        // A repeated word marks every unit it is.
        assertArrayEquals(flags(11, 2, 6), Relevance.ofWords(WORDS, List.of("a")).relevant());
        // Inner punctuation is part of the word.
        List<Unit> dont = HandExplanation.words("I don't know");
        assertArrayEquals(flags(3, 1), Relevance.ofWords(dont, List.of("DON'T")).relevant());
    }

    @Test
    void aMultiWordUnitIsRelevantWhenOneOfItsWordsIs() {
        List<Unit> phrases = List.of(new Unit("Once upon a time,", 0, 17), new Unit("there was a little girl", 18, 41),
                new Unit("with a red ball.", 42, 58), new Unit("red", 59, 62));
        assertArrayEquals(flags(4, 1), Relevance.ofWords(phrases, List.of("girl")).relevant());
        // A word of several words matches the units holding them in a row.
        assertArrayEquals(flags(4, 2), Relevance.ofWords(phrases, List.of("red ball")).relevant());
        assertArrayEquals(flags(4, 2, 3), Relevance.ofWords(phrases, List.of("red")).relevant());
        // Whole words only: "tim" is not "time".
        UserInputException e = assertThrows(UserInputException.class, () -> Relevance.ofWords(phrases, List.of("tim")));
        assertEquals("{relevant} word \"tim\" matches no unit of the prompt (Once upon a time,, there was a little girl,"
                + " with a red ball., red): give words that occur in the prompt", e.template());
    }

    @Test
    void badWordsAreOneLineNamingThem() {
        UserInputException none = assertThrows(UserInputException.class,
                () -> Relevance.ofWords(WORDS, List.of("girl", "dragon")));
        assertEquals("{relevant} word \"dragon\" matches no unit of the prompt (Once, upon, a, time,, there, was, a,"
                + " little, girl, named, Lily.): give words that occur in the prompt", none.template());
        UserInputException empty = assertThrows(UserInputException.class, () -> Relevance.ofWords(WORDS, List.of()));
        assertEquals("{relevant} names no word: give the words of the prompt that matter, e.g. {relevant=once}",
                empty.template());
        UserInputException punct = assertThrows(UserInputException.class, () -> Relevance.ofWords(WORDS, List.of("?!")));
        assertEquals(true, punct.template().startsWith("{relevant} word \"?!\" has no letter or digit"));
    }

    @Test
    void labelsAreOneZeroOrOnePerUnit() {
        List<Unit> units = HandExplanation.words("a b c d e f g");
        assertArrayEquals(flags(7, 0, 4), Relevance.ofLabels(units, new int[] {1, 0, 0, 0, 1, 0, 0}).relevant());
        UserInputException count = assertThrows(UserInputException.class,
                () -> Relevance.ofLabels(units, new int[] {1, 0, 0, 0, 1, 0}));
        assertEquals("{relevance} has 6 labels for 7 units (a, b, c, d, e, f, g): give one 0/1 label per unit",
                count.template());
        UserInputException value = assertThrows(UserInputException.class,
                () -> Relevance.ofLabels(units, new int[] {1, 0, 0, 2, 1, 0, 0}));
        assertEquals("{relevance} label 4 (unit #4 \"d\") is 2: labels are 0 (not relevant) or 1 (relevant)",
                value.template());
        // The message renders for the command line like every other.
        assertEquals("--relevance has 6 labels", count.render((k, v) -> "--" + k).substring(0, 24));
    }

    @Test
    void isAValue() {
        boolean[] f = {true, false};
        Relevance r = new Relevance(f);
        f[1] = true;
        assertEquals(new Relevance(new boolean[] {true, false}), r, "copied in");
        r.relevant()[0] = false;
        assertEquals(true, r.isRelevant(0), "copied out");
    }
}
