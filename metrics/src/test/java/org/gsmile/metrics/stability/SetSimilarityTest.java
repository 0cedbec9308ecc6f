package org.gsmile.metrics.stability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Hand-worked; the same cases are recomputed by tools/reference/stability_faithfulness.py. */
class SetSimilarityTest {
    static final double TOL = 1e-12;

    @Test
    void identicalScoresAreFullySimilar() {
        double[] a = {-0.4, 0.1, -0.3, 0.05};
        assertEquals(1.0, SetSimilarity.topKJaccard(a, a, 2), 0.0);
        assertEquals(1.0, SetSimilarity.ruzicka(a, a), 0.0);
    }

    @Test
    void aNeutralWordRisingIntoTheTopSetLowersBoth() {
        // x = a b c d with |θ| 4 3 2 1; x′ = please a b c d with please at 3.5.
        // Top 2 of x: {a, b}; of x′: {a, please}, please counting as its own element:
        // |{a}| / |{a, b, please}| = 1/3. Ruzicka: Σmin = 4 + 3 + 2 + 1 (+ 0 for please) = 10,
        // Σmax = 10 + 3.5 = 13.5, so 10 / 13.5 = 0.7407407407407407.
        double[] a = {4, 3, 2, 1};
        double[] b = {3.5, 4, 3, 2, 1};
        UnitAlignment al = UnitAlignment.ofTexts(java.util.List.of("a", "b", "c", "d"),
                java.util.List.of("please", "a", "b", "c", "d"));
        assertEquals(0.3333333333333333, SetSimilarity.topKJaccard(a, b, al, 2), TOL);
        assertEquals(0.7407407407407407, SetSimilarity.ruzicka(a, b, al), TOL);
        // Signs do not matter, only magnitudes.
        double[] negated = {-3.5, -4, -3, -2, -1};
        assertEquals(0.3333333333333333, SetSimilarity.topKJaccard(a, negated, al, 2), TOL);
        assertEquals(0.7407407407407407, SetSimilarity.ruzicka(a, negated, al), TOL);
        // Below the top set the word changes nothing in the Jaccard index: k = 1 compares {a} with {a}.
        assertEquals(1.0, SetSimilarity.topKJaccard(a, b, al, 1), 0.0);
    }

    @Test
    void magnitudesThatMoveLowerRuzicka() {
        // |a| = 1, 2, 0.5 and |b| = 2, 1, 0: Σmin = 1 + 1 + 0 = 2, Σmax = 2 + 2 + 0.5 = 4.5: 2 / 4.5 = 0.4444444444444444.
        // Top 1: {1} against {0}: 0.
        double[] a = {1, -2, 0.5};
        double[] b = {2, -1, 0};
        assertEquals(0.4444444444444444, SetSimilarity.ruzicka(a, b), TOL);
        assertEquals(0.0, SetSimilarity.topKJaccard(a, b, 1), 0.0);
        // Top 2: {1, 0} against {0, 1}: 1.
        assertEquals(1.0, SetSimilarity.topKJaccard(a, b, 2), 0.0);
    }

    @Test
    void unmatchedUnitsOfEitherSideCountInTheUnion() {
        // x = the cat sat . and x′ = the cat sat (the "." removed): Ruzicka 3 / 4.
        UnitAlignment removed = UnitAlignment.ofTexts(java.util.List.of("the", "cat", "sat", "."),
                java.util.List.of("the", "cat", "sat"));
        assertEquals(0.75, SetSimilarity.ruzicka(new double[] {1, 1, 1, 1}, new double[] {1, 1, 1}, removed), TOL);
        // k beyond a side's units takes all of them: {0, 1} against {0, 1, c}: 2/3.
        UnitAlignment added = UnitAlignment.ofTexts(java.util.List.of("a", "b"), java.util.List.of("a", "b", "c"));
        assertEquals(0.6666666666666666, SetSimilarity.topKJaccard(new double[] {1, 2}, new double[] {1, 2, 3}, added, 10), TOL);
    }

    @Test
    void zeroOverZeroIsFullAgreement() {
        double[] zeros = {0, 0, 0};
        assertEquals(1.0, SetSimilarity.ruzicka(zeros, zeros), 0.0);
        assertEquals(1.0, SetSimilarity.topKJaccard(zeros, zeros, 2), 0.0, "ties in prompt order: {0, 1} both");
        assertEquals(1.0, SetSimilarity.topKJaccard(new double[0], new double[0], 2), 0.0);
        assertEquals(0.0, SetSimilarity.ruzicka(zeros, new double[] {0, 1, 0}), 0.0);
    }

    @Test
    void theTopSetBreaksTiesInPromptOrder() {
        assertArrayEquals(new int[] {1, 0, 2}, SetSimilarity.topK(new double[] {1, -3, 1, 0.5}, 3));
        assertArrayEquals(new int[] {0, 1}, SetSimilarity.topK(new double[] {1, 1}, 5));
        assertThrows(IllegalArgumentException.class, () -> SetSimilarity.topKJaccard(new double[] {1}, new double[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> SetSimilarity.ruzicka(new double[] {1}, new double[] {1, 2}));
    }
}
