package org.gsmile.core.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gsmile.core.model.TokenScores;
import org.junit.jupiter.api.Test;

class TokenDistancesTest {
    // Three tokens on the unit circle after normalisation: e0 = (1,0), e1 = (0,1), e2 = (−1,0).
    // The raw vectors have other lengths, so the test fails if normalisation is skipped.
    static final float[][] EMBEDDINGS = {{2, 0}, {0, 0.5f}, {-3, 0}};
    static final double SQRT2 = Math.sqrt(2);

    @Test
    void pointMassesCostTheirEmbeddingDistance() {
        TokenWassersteinDistance d = new TokenWassersteinDistance(EMBEDDINGS, 32);
        assertEquals(SQRT2, d.positionDistance(new float[] {1, 0, 0}, new float[] {0, 1, 0}), 1e-7);
        assertEquals(2.0, d.positionDistance(new float[] {1, 0, 0}, new float[] {0, 0, 1}), 1e-7);
    }

    @Test
    void transportTakesTheCheaperPlan() {
        // Moving 0.5 from e0 straight to e2 costs 0.5·2 = 1, less than 0.5·√2 + 0.5·√2 through e1.
        TokenWassersteinDistance d = new TokenWassersteinDistance(EMBEDDINGS, 32);
        assertEquals(1.0, d.positionDistance(new float[] {0.5f, 0.5f, 0}, new float[] {0, 0.5f, 0.5f}), 1e-7);
    }

    @Test
    void supportIsTheUnionOfTopKWithMassRenormalised() {
        float[] p = {0.6f, 0.3f, 0.1f};
        float[] q = {0.6f, 0.1f, 0.3f};
        // top-1 of each side is token 0 alone: both renormalise to a point mass on it.
        assertEquals(0.0, new TokenWassersteinDistance(EMBEDDINGS, 1).positionDistance(p, q), 1e-7);
        // top-2 covers {0,1} and {0,2}: the union is everything; 0.2 moves from e1 to e2 at √2.
        assertEquals(0.2 * SQRT2, new TokenWassersteinDistance(EMBEDDINGS, 2).positionDistance(p, q), 1e-6);
    }

    @Test
    void averagesOverPositions() {
        TokenScores a = new TokenScores(new int[] {0, 1}, new double[] {-0.1, -0.2},
                new float[][] {{1, 0, 0}, {0, 1, 0}});
        TokenScores b = new TokenScores(new int[] {0, 1}, new double[] {-0.4, -1.0},
                new float[][] {{0, 0, 1}, {0, 1, 0}});
        assertEquals((2.0 + 0.0) / 2, new TokenWassersteinDistance(EMBEDDINGS, 32).distance(a, b), 1e-7);
        // logprob-shift: ((−0.1 − −0.4) + (−0.2 − −1.0)) / 2 = 0.55
        assertEquals(0.55, new LogProbShiftDistance().distance(a, b), 1e-12);
        assertEquals(-0.55, new LogProbShiftDistance().distance(b, a), 1e-12);
    }

    @Test
    void refusesScoresOfDifferentContinuations() {
        TokenScores a = new TokenScores(new int[] {0}, new double[] {-0.1}, new float[][] {{1, 0, 0}});
        TokenScores b = new TokenScores(new int[] {1}, new double[] {-0.1}, new float[][] {{1, 0, 0}});
        assertThrows(IllegalArgumentException.class, () -> new LogProbShiftDistance().distance(a, b));
    }
}
