package org.gsmile.metrics.accuracy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.spec.SignConvention;
import org.gsmile.metrics.Scores;
import org.gsmile.metrics.stats.HandExplanation;
import org.junit.jupiter.api.Test;

class AttributionAccuracyTest {
    /** |θ| = 0.9, 0.4, 0.4, 0.1, 0.7: ranking a, e, then b and c tied (b first, prompt order), d. */
    private static final double[] THETA = {-0.9, 0.4, -0.4, 0.1, 0.7};

    @Test
    void handWorked() {
        for (SignConvention sign : SignConvention.values()) {
            Explanation e = HandExplanation.scored("a b c d e", THETA, 0, sign);
            Relevance ab = Relevance.ofLabels(e.units(), new int[] {1, 1, 0, 0, 0});
            // AUROC of |θ|: relevant 0.9 beats 0.4, 0.1, 0.7 (3); relevant 0.4 ties 0.4 (½), beats 0.1 (1),
            // loses to 0.7: 4.5 of 6 pairs. scipy mannwhitneyu / (P·N) agrees (metrics.py).
            AttributionAccuracy k2 = AttributionAccuracy.of(e, ab, 2);
            assertEquals(0.75, k2.attAuroc(), 1e-15, sign.label());
            // Top 2: a (relevant), e (not): 1/2.
            assertEquals(0.5, k2.precisionAtK(), 0.0);
            assertEquals(2, k2.relevantUnits());
            assertEquals(2, k2.k());
            // Top 3 adds b, which wins the tie with c by prompt order: 2/3.
            assertEquals(2.0 / 3, AttributionAccuracy.of(e, ab, 3).precisionAtK(), 0.0);

            Relevance c = Relevance.ofLabels(e.units(), new int[] {0, 0, 1, 0, 0});
            // c (0.4) against a .9, b .4, d .1, e .7: beats d (1), ties b (½): 1.5/4. Top 3 is a, e, b: 0.
            AttributionAccuracy onlyC = AttributionAccuracy.of(e, c, 3);
            assertEquals(0.375, onlyC.attAuroc(), 1e-15);
            assertEquals(0.0, onlyC.precisionAtK(), 0.0);
            // Top 4 is a, e, b, c: 1/4.
            assertEquals(0.25, AttributionAccuracy.of(e, c, 4).precisionAtK(), 0.0);
            // One class only: 0.5.
            assertEquals(0.5, AttributionAccuracy.of(e, Relevance.ofLabels(e.units(), new int[5]), 1).attAuroc(), 0.0);
        }
    }

    @Test
    void theTopKIsTheRankingTheUserSees() {
        Explanation e = HandExplanation.scored("a b c d e", THETA, 0, SignConvention.IMPORTANCE);
        double[] magnitude = Scores.distanceConvention(e);
        for (int i = 0; i < magnitude.length; i++) {
            magnitude[i] = Math.abs(magnitude[i]);
        }
        assertArrayEquals(e.attribution().ranking(), AttributionAccuracy.ranking(magnitude));
        assertArrayEquals(new int[] {0, 4, 1, 2, 3}, AttributionAccuracy.ranking(magnitude));
    }

    @Test
    void kOutOfRangeIsAUserError() {
        Explanation e = HandExplanation.scored("a b c d", new double[] {0.1, 0.2, 0.3, 0.4}, 0, SignConvention.DISTANCE);
        Relevance r = Relevance.ofLabels(e.units(), new int[] {1, 0, 0, 0});
        UserInputException big = assertThrows(UserInputException.class, () -> AttributionAccuracy.of(e, r, 5));
        assertEquals("{k} is 5 but the prompt has 4 units: precision@k looks at the top k of them; give {k=4} or less",
                big.template());
        UserInputException zero = assertThrows(UserInputException.class, () -> AttributionAccuracy.of(e, r, 0));
        assertEquals(true, zero.template().startsWith("{k} must be at least 1, got 0"));
        assertEquals(1.0, AttributionAccuracy.of(e, r, 4).precisionAtK() * 4, 0.0);
        assertThrows(IllegalArgumentException.class,
                () -> AttributionAccuracy.of(e, new Relevance(new boolean[3]), 1));
    }
}
