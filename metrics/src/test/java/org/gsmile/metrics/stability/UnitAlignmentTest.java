package org.gsmile.metrics.stability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnitAlignmentTest {

    private static UnitAlignment align(String x, String xPrime) {
        return UnitAlignment.ofTexts(words(x), words(xPrime));
    }

    private static List<String> words(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
    }

    @Test
    void theSamePromptAlignsUnitForUnit() {
        UnitAlignment a = align("Lily wanted to play", "Lily wanted to play");
        assertEquals(UnitAlignment.identity(4), a);
        assertEquals(4, a.matched());
    }

    @Test
    void anInsertedWordMapsToNothing() {
        UnitAlignment a = align("the cat sat", "please the cat sat");
        assertArrayEquals(new int[] {1, 2, 3}, a.forward());
        assertArrayEquals(new int[] {-1, 0, 1, 2}, a.backward());
        assertArrayEquals(new int[] {0, 1, 3}, align("the cat sat", "the cat ### sat").forward());
    }

    @Test
    void repeatedWordsKeepTheirOwnCounterparts() {
        // Both "the" and both "to be" map to their own copies, in order.
        assertArrayEquals(new int[] {0, 1, 2, 4, 5}, align("the dog saw the cat", "the dog saw please the cat").forward());
        assertArrayEquals(new int[] {0, 1, 2, 4, 5, 6}, align("to be or not to be", "to be or please not to be").forward());
        // "a b a" against "a": either "a" could match; the first lies closer (|0-0| = 0 < |2-0| = 2).
        assertArrayEquals(new int[] {0, -1, -1}, align("a b a", "a").forward());
        // The neutral word repeats a prompt word: "a" inserted at the start of "a b a". Matching x's
        // first "a" to x′'s first costs 0 + 1 + 1 = 2, to its second 1 + 1 + 1 = 3: the second is
        // called the inserted one. Either is a correct text alignment; the rule moves the others least.
        UnitAlignment a = align("a b a", "a a b a");
        assertArrayEquals(new int[] {0, 2, 3}, a.forward());
        assertArrayEquals(new int[] {0, -1, 1, 2}, a.backward());
        // Reordered words cannot all match: the longest order-keeping matching keeps two of three.
        assertEquals(2, align("red big ball", "big red ball").matched());
    }

    @Test
    void punctuationAndCaseDoNotSeparateAUnitFromItself() {
        assertArrayEquals(new int[] {0, 1}, align("Red ball.", "red ball").forward());
        assertArrayEquals(new int[] {0, 1, 2, -1}, align("the cat sat .", "the cat sat").forward());
        assertEquals("ball", UnitAlignment.normalise("Ball!\""));
        assertEquals("dont", UnitAlignment.normalise("don't"));
        // A unit of punctuation only matches itself.
        assertEquals("###", UnitAlignment.normalise(" ### "));
        assertArrayEquals(new int[] {0, 1}, align("### go", "### go").forward());
        assertArrayEquals(new int[] {-1, 1}, align(". go", "! go").forward());
        assertArrayEquals(new int[0], align("", "a").forward());
    }

    @Test
    void anAlignmentMustMapBothWaysInOrder() {
        assertThrows(IllegalArgumentException.class, () -> new UnitAlignment(new int[] {0}, new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> new UnitAlignment(new int[] {1, 0}, new int[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> new UnitAlignment(new int[] {2}, new int[] {-1}));
    }
}
