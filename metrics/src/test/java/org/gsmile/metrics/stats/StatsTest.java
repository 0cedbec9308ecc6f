package org.gsmile.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

/**
 * The shared rank utilities on hand-worked cases; the scipy cross-checks are recomputed by
 * tools/reference/metrics.py.
 */
class StatsTest {

    @Test
    void ranksByMagnitudeShareTheAverageRankOfTies() {
        // |x| = 0.3, 0.5, 0.3, 0: 0.5 is rank 1, the two 0.3 share ranks 2 and 3 (2.5), 0 is rank 4.
        double[] r = Ranks.byMagnitudeDescending(new double[] {0.3, -0.5, 0.3, 0.0});
        assertArrayEquals(new double[] {2.5, 1, 2.5, 4}, r, 0.0);
        // One group of t = 2: 2³ − 2 = 6.
        assertEquals(6, Ranks.tieTerm(r), 0.0);
        assertEquals(0, Ranks.tieTerm(new double[] {1, 2, 3}), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Ranks.ascending(new double[] {1, Double.NaN}));
    }

    @Test
    void aurocCountsTiesAsHalf() {
        // Positives 0.9 and 0.4, negatives 0.4, 0.1, 0.7. 0.9 beats all three (3); 0.4 ties 0.4 (½), beats
        // 0.1 (1), loses to 0.7 (0): 4.5 of 2·3 = 6 pairs, 0.75. scipy mannwhitneyu(pos, neg).statistic / 6
        // gives the same (metrics.py).
        double[] s = {0.9, 0.4, 0.4, 0.1, 0.7};
        boolean[] pos = {true, true, false, false, false};
        assertEquals(0.75, Auroc.of(s, pos), 1e-15);
        // Only one class: no pair to order, 0.5 by convention.
        assertEquals(0.5, Auroc.of(s, new boolean[5]), 0.0);
        assertEquals(0.5, Auroc.of(s, new boolean[] {true, true, true, true, true}), 0.0);
        // Perfect and reversed separation.
        assertEquals(1.0, Auroc.of(new double[] {3, 2, 1}, new boolean[] {true, false, false}), 0.0);
        assertEquals(0.0, Auroc.of(new double[] {1, 2, 3}, new boolean[] {true, false, false}), 0.0);
    }

    @Test
    void kendallWWithoutTies() {
        // Ranks by |score| descending: [1,2,3,4], [2,1,3,4], [1,2,4,3]. Rank sums R = 4, 5, 10, 11, mean
        // m(n+1)/2 = 7.5, S = 3.5² + 2.5² + 2.5² + 3.5² = 37, W = 12·37 / (3²·(4³ − 4)) = 444/540 = 37/45.
        double[][] scores = {{4, 3, 2, 1}, {3, 4, 2, 1}, {-4, 3, 1, -2}};
        assertEquals(37.0 / 45, KendallW.of(scores), 1e-15);
        assertEquals(0.8222222222222222, KendallW.of(scores), 1e-12);   // scipy friedmanchisquare / (m(n−1))
    }

    @Test
    void kendallWCorrectsForTies() {
        // |row 1| = |row 3| = .5 .5 .2 .1: ranks 1.5 1.5 3 4 (T = 2³ − 2 = 6 each); row 2 ranks 4 3 2 1.
        // R = 7, 6, 8, 9, S = .5² + 1.5² + .5² + 1.5² = 5; W = 12·5 / (9·60 − 3·12) = 60/504 = 5/42.
        double[][] scores = {{0.5, -0.5, 0.2, 0.1}, {1, 2, 3, 4}, {0.5, -0.5, 0.2, 0.1}};
        assertEquals(5.0 / 42, KendallW.of(scores), 1e-15);
        assertEquals(0.11904761904761904, KendallW.of(scores), 1e-12);   // scipy friedmanchisquare (metrics.py)
    }

    @Test
    void kendallWDegenerateCases() {
        // Identical rankings agree perfectly, also with ties: W = 1.
        assertEquals(1.0, KendallW.of(new double[][] {{3, 1, 2}, {30, 10, 20}}), 1e-15);
        assertEquals(1.0, KendallW.of(new double[][] {{1, 1, 2}, {-5, 5, 9}}), 1e-15);
        // One rater who ranks something: 1.
        assertEquals(1.0, KendallW.of(new double[][] {{0.2, 0.1, 0.3}}), 1e-15);
        // One item, or every rater tying every item: nothing to agree on, NaN.
        assertEquals(Double.NaN, KendallW.of(new double[][] {{1}, {2}}));
        assertEquals(Double.NaN, KendallW.of(new double[][] {{0, 0, 0}, {0.1, -0.1, 0.1}}));
        // Two raters with reversed rankings of 2 items: S = 0, W = 0.
        assertEquals(0.0, KendallW.of(new double[][] {{1, 2}, {2, 1}}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> KendallW.of(new double[][] {{1, 2}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> KendallW.of(new double[0][]));
    }

    @Test
    void rankCorrelationsAreCommonsMathsWithNanForTheUndefinedCases() {
        double[] x = {1, 2, 2, 3, 5, 5, 5, 8};
        double[] y = {8, 7, 7, 1, 2, 3, 3, 0};
        assertEquals(new SpearmansCorrelation().correlation(x, y), RankCorrelation.spearman(x, y), 0.0);
        assertEquals(new KendallsCorrelation().correlation(x, y), RankCorrelation.kendall(x, y), 0.0);
        // scipy.stats.spearmanr(x, y) (tools/reference/rank_and_percentile.py, RankAgreementTest's case).
        assertEquals(-0.8324426649129643, RankCorrelation.spearman(x, y), 1e-12);
        assertEquals(Double.NaN, RankCorrelation.spearman(new double[] {1}, new double[] {2}));
        assertEquals(Double.NaN, RankCorrelation.spearman(new double[] {1, 1}, new double[] {1, 2}));
        assertEquals(Double.NaN, RankCorrelation.kendall(new double[] {1, 2}, new double[] {3, 3}));
    }
}
