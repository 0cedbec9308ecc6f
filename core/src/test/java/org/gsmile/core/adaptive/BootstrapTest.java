package org.gsmile.core.adaptive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.reference.ConstrainedLeastSquares;
import org.gsmile.core.reference.SampleWeighting;
import org.gsmile.core.reference.ShapleyKernel;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void percentileIsNumpysLinearOne() {
        double[] x = {0.3, -1.2, 2.5, 0.7, 0.0, 1.1, -0.4, 0.9, 3.3, -2.0, 0.5};
        java.util.Arrays.sort(x);
        // numpy.percentile(x, [2.5, 97.5, 50]), in tools/reference/rank_and_percentile.py
        assertEquals(-1.8, Bootstrap.percentile(x, 0.025), 1e-12);
        assertEquals(3.0999999999999996, Bootstrap.percentile(x, 0.975), 1e-12);
        assertEquals(0.5, Bootstrap.percentile(x, 0.5), 1e-12);
    }

    @Test
    void topKBreaksTiesByIndex() {
        assertArrayEquals(new int[] {2, 0, 3}, Bootstrap.topK(new double[] {0.5, -0.1, -0.9, 0.5}, 3));
    }

    static List<Mask> allMasks(int n) {
        List<Mask> masks = new ArrayList<>();
        for (int s = 0; s < 1 << n; s++) {
            boolean[] k = new boolean[n];
            for (int i = 0; i < n; i++) {
                k[i] = ((s >> i) & 1) == 1;
            }
            masks.add(Mask.of(k));
        }
        return masks;
    }

    @Test
    void everyCoalitionObservedLeavesNothingToResample() {
        // A non-additive game fully enumerated: the fit is exact Shapley and the intervals close on it.
        List<Mask> masks = allMasks(4);
        double[] y = org.gsmile.core.reference.ShapleyValuesTestGame.GAME;
        double[] theta = org.gsmile.core.reference.ShapleyValuesTestGame.PHI;
        BootstrapResult b = Bootstrap.run(masks, y, new ShapleyKernel(), new ConstrainedLeastSquares(), theta, 30,
                0.95, 2, new SplittableRandom(1));
        assertArrayEquals(theta, b.lower(), 1e-12);
        assertArrayEquals(theta, b.upper(), 1e-12);
    }

    @Test
    void anExactlyAdditiveGameHasPointIntervalsAndAStableTop() {
        // v(S) = 1 − 0.6·[0∈S] − 0.3·[1∈S] − 0.1·[3∈S]: every resample fits it exactly.
        List<Mask> masks = allMasks(4);
        double[] y = new double[masks.size()];
        for (int s = 0; s < y.length; s++) {
            y[s] = 1 - 0.6 * (s & 1) - 0.3 * ((s >> 1) & 1) - 0.1 * ((s >> 3) & 1);
        }
        double[] theta = {-0.6, -0.3, 0, -0.1};
        BootstrapResult b = Bootstrap.run(masks, y, new ShapleyKernel(), new ConstrainedLeastSquares(), theta, 50,
                0.95, 2, new SplittableRandom(1));
        assertArrayEquals(theta, b.lower(), 1e-9);
        assertArrayEquals(theta, b.upper(), 1e-9);
        assertEquals(1.0, b.topKStability());
        assertTrue(b.topKExcludeZero());
        assertArrayEquals(new int[] {0, 1}, b.topK());
    }

    @Test
    void noiseGivesWideIntervalsAndAnUnstableTop() {
        // 40 of the 254 proper coalitions of 8 units: no stratum complete, so every sample can vary.
        List<Mask> all = new ArrayList<>(allMasks(8).subList(1, 255));
        java.util.Collections.shuffle(all, new java.util.Random(3));
        List<Mask> masks = all.subList(0, 40);
        SplittableRandom noise = new SplittableRandom(7);
        double[] y = new double[masks.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = noise.nextGaussian();
        }
        double[] theta = new ConstrainedLeastSquares().fit(masks.stream().map(Mask::asFeatures).toArray(double[][]::new),
                y, SampleWeighting.uniform().weights(masks)).coefficients();
        BootstrapResult b = Bootstrap.run(masks, y, SampleWeighting.uniform(), new ConstrainedLeastSquares(), theta, 200,
                0.95, 3, new SplittableRandom(2));
        assertTrue(b.topKStability() < 0.5, "stability " + b.topKStability());
        assertFalse(b.topKExcludeZero());
        for (int u = 0; u < 8; u++) {
            assertTrue(b.lower()[u] < theta[u] && theta[u] < b.upper()[u]);
        }
    }
}
