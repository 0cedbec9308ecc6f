package org.gsmile.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RankAgreementTest {

    @Test
    void spearmanMatchesScipyWithAndWithoutTies() {
        // scipy.stats.spearmanr, in tools/reference/rank_and_percentile.py; the second case has ties, which
        // commons-math3's SpearmansCorrelation ranks by their average as scipy does.
        assertEquals(0.792824967172092, RankAgreement.spearman(new double[] {0.3, -1.2, 2.5, 0.7, 0.0, 1.1, -0.4},
                new double[] {0.1, -0.9, 2.0, 0.7, 0.7, 0.2, -0.4}), 1e-12);
        assertEquals(-0.8324426649129643, RankAgreement.spearman(new double[] {1, 2, 2, 3, 5, 5, 5, 8},
                new double[] {8, 7, 7, 1, 2, 3, 3, 0}), 1e-12);
    }

    @Test
    void jaccardOfTopSets() {
        assertEquals(0.5, RankAgreement.jaccard(new int[] {1, 2, 3}, new int[] {3, 2, 7}), 0);
        assertEquals(1.0, RankAgreement.jaccard(new int[] {4, 1}, new int[] {1, 4}), 0);
        assertEquals(0.0, RankAgreement.jaccard(new int[] {0}, new int[] {1}), 0);
    }

    @Test
    void percentileIsNumpysLinearOne() {
        // numpy.percentile, in tools/reference/rank_and_percentile.py.
        double[] x = {0.3, -1.2, 2.5, 0.7, 0.0, 1.1, -0.4};
        assertEquals(-0.72, RankAgreement.percentile(x, 10), 1e-12);
        assertEquals(0.3, RankAgreement.percentile(x, 50), 1e-12);
        assertEquals(0.22000000000000003, RankAgreement.percentile(new double[] {0.9, 0.1, 0.5, 0.7}, 10), 1e-12);
    }

    @Test
    void topOverlapCountsSharedUnitsByMagnitude() {
        assertEquals(2.0 / 3, RankAgreement.topOverlap(new double[] {-5, 1, 4, 0, 3}, new double[] {5, 0, -4, 3.5, 0},
                3), 1e-12);
        assertEquals(1.0, RankAgreement.topOverlap(new double[] {1, 2}, new double[] {2, 1}, 3), 0);
    }
}
