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
    @Test
    void refitsInParallelGiveWhatOneRefitAtATimeGave() {
        // The Shapley kernel with its anchors (constraints) and some strata whole, some partial.
        List<Mask> all = allMasks(7);
        java.util.Collections.shuffle(all, new java.util.Random(5));
        List<Mask> masks = new ArrayList<>();
        masks.add(all.stream().filter(m -> m.keptCount() == 0).findFirst().orElseThrow());
        masks.add(all.stream().filter(m -> m.keptCount() == 7).findFirst().orElseThrow());
        for (Mask m : all) {
            if (m.keptCount() == 1 || m.keptCount() == 6 || (m.keptCount() == 3 && masks.size() < 30)) {
                masks.add(m);
            }
        }
        SplittableRandom noise = new SplittableRandom(11);
        double[] y = new double[masks.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = masks.get(i).keptCount() == 7 ? 0 : noise.nextDouble();
        }
        ShapleyKernel kernel = new ShapleyKernel();
        ConstrainedLeastSquares wls = new ConstrainedLeastSquares();
        double[] theta = wls.fit(masks.stream().map(Mask::asFeatures).toArray(double[][]::new), y,
                kernel.weights(masks)).coefficients();
        BootstrapResult got = Bootstrap.run(masks, y, kernel, wls, theta, 200, 0.95, 3, new SplittableRandom(9));
        double[][] expected = sequentialBounds(masks, y, kernel, wls, theta, 200, 3, new SplittableRandom(9));
        assertArrayEquals(expected[0], got.lower(), 0.0);
        assertArrayEquals(expected[1], got.upper(), 0.0);
        assertEquals(expected[2][0], got.topKStability(), 0.0);
    }

    /** The bootstrap as it was written before its refits ran in parallel: lower, upper, {stability}. */
    static double[][] sequentialBounds(List<Mask> masks, double[] y, SampleWeighting weighting,
                                       ConstrainedLeastSquares surrogate, double[] theta, int reps, int k,
                                       SplittableRandom random) {
        int p = theta.length;
        double[] w = weighting.weights(masks);
        int n = masks.get(0).size();
        List<Integer> fixed = new ArrayList<>();
        List<List<Integer>> strata = new ArrayList<>();
        for (int s = 0; s <= n; s++) {
            strata.add(new ArrayList<>());
        }
        for (int i = 0; i < w.length; i++) {
            if (w[i] == Double.POSITIVE_INFINITY) {
                fixed.add(i);
            } else {
                strata.get(masks.get(i).keptCount()).add(i);
            }
        }
        List<List<Integer>> free = strata.stream().filter(r -> !r.isEmpty()).toList();
        int[] top = Bootstrap.topK(theta, k);
        java.util.Arrays.sort(top);
        double[][] draws = new double[p][reps];
        int same = 0;
        for (int r = 0; r < reps; r++) {
            List<Mask> rm = new ArrayList<>();
            double[] ry = new double[masks.size()];
            int at = 0;
            for (int i : fixed) {
                rm.add(masks.get(i));
                ry[at++] = y[i];
            }
            for (List<Integer> stratum : free) {
                for (int j = 0; j < stratum.size(); j++) {
                    int i = stratum.get(random.nextInt(stratum.size()));
                    rm.add(masks.get(i));
                    ry[at++] = y[i];
                }
            }
            double[] t = surrogate.fit(rm.stream().map(Mask::asFeatures).toArray(double[][]::new), ry,
                    weighting.weights(rm)).coefficients();
            for (int u = 0; u < p; u++) {
                draws[u][r] = t[u];
            }
            int[] tk = Bootstrap.topK(t, k);
            java.util.Arrays.sort(tk);
            same += java.util.Arrays.equals(top, tk) ? 1 : 0;
        }
        double[] lower = new double[p];
        double[] upper = new double[p];
        double tail = (1 - 0.95) / 2;
        for (int u = 0; u < p; u++) {
            java.util.Arrays.sort(draws[u]);
            lower[u] = Bootstrap.percentile(draws[u], tail);
            upper[u] = Bootstrap.percentile(draws[u], 1 - tail);
        }
        return new double[][] {lower, upper, {(double) same / reps}};
    }
}
