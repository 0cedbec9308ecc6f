package org.gsmile.core.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gsmile.core.model.TokenScores;
import org.junit.jupiter.api.Test;

class TokenDistancesTest {
    // Three tokens on the unit circle after normalisation: e0 = (1,0), e1 = (0,1), e2 = (−1,0).
    // The raw vectors have other lengths, so the test fails if normalisation is skipped.
    static final float[][] EMBEDDINGS = {{2, 0}, {0, 0.5f}, {-3, 0}};
    static final double SQRT2 = Math.sqrt(2);

    @Test
    void oneCostMatrixPerTableContent() throws Exception {
        float[][] table = {{1, 2}, {3, -1}, {0.5f, 0.25f}, {-2, 4}};
        float[][] equal = {{1, 2}, {3, -1}, {0.5f, 0.25f}, {-2, 4}};
        double[][] first = TokenWassersteinDistance.costMatrix(table);
        // The same table, and an equal one of another model (a checkpoint and its ONNX export), share it.
        assertSame(first, TokenWassersteinDistance.costMatrix(table));
        assertSame(first, TokenWassersteinDistance.costMatrix(equal));
        assertEquals(Math.hypot(1 / Math.sqrt(5) - 3 / Math.sqrt(10), 2 / Math.sqrt(5) + 1 / Math.sqrt(10)), first[0][1], 1e-15);
        // A table changed in place gets its own.
        equal[3][0] = 2;
        assertNotSame(first, TokenWassersteinDistance.costMatrix(equal));
        // Distances built at once on a new table (a run's cells starting together) share one matrix.
        float[][] fresh = {{7, 1}, {1, 7}, {-1, 2}};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<double[][]> build = () -> TokenWassersteinDistance.costMatrix(fresh);
            List<Future<double[][]>> all = pool.invokeAll(List.of(build, build, build, build));
            for (Future<double[][]> f : all) {
                assertSame(all.get(0).get(), f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

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
