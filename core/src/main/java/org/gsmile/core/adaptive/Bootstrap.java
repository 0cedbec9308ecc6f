package org.gsmile.core.adaptive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gsmile.core.mask.Coalitions;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.reference.SampleWeighting;
import org.gsmile.core.surrogate.Surrogate;

/**
 * The bootstrap of a surrogate fit: resample the samples with replacement, reweight them as the
 * explanation would (the Shapley kernel depends on the whole set), refit, and read percentile
 * intervals and the stability of the top-k set off the refits. Resampling reuses the observed
 * output distances: it costs no model call.
 *
 * <p>Stratified by coalition size, as the designs are: samples are resampled with replacement
 * within their size stratum, so every resample keeps the design's stratum counts. A stratum that
 * was observed whole is resampled too, although it has no sampling error of its own: the spread
 * it adds (how much the estimate leans on single coalitions) stands in for the strata a budget
 * never reached, which no resampling can see, and errs on the safe side for a stopping rule. Only
 * when every coalition was observed is nothing resampled: the fit is then exact and the intervals
 * close on it. Rows of infinite weight are constraints, not samples, and are kept in every resample.
 */
public final class Bootstrap {
    public static final int DEFAULT_REPS = 200;
    public static final double DEFAULT_LEVEL = 0.95;

    private Bootstrap() {
    }

    static void checkSettings(int reps, double level, int topK) {
        if (reps < 0) {
            throw new IllegalArgumentException("bootstrap resamples must not be negative, got " + reps);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
        if (topK < 1) {
            throw new IllegalArgumentException("top-k needs k of at least 1, got " + topK);
        }
    }

    /**
     * @param masks  the fitted rows, anchors included
     * @param y      their output distances
     * @param theta  the fit's coefficients on all rows
     * @param random the explanation's generator, after every mask was drawn
     */
    public static BootstrapResult run(List<Mask> masks, double[] y, SampleWeighting weighting, Surrogate surrogate,
                                      double[] theta, int reps, double level, int topK, SplittableRandom random) {
        int p = theta.length;
        int k = Math.min(topK, p);
        double[] w = weighting.weights(masks);
        List<Integer> fixed = new ArrayList<>();
        int n = masks.isEmpty() ? 0 : masks.get(0).size();
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
        boolean everything = true;
        for (int s = 1; s < n; s++) {
            everything &= new HashSet<>(strata.get(s).stream().map(masks::get).toList()).size() == Coalitions.choose(n, s);
        }
        List<List<Integer>> free = new ArrayList<>();
        for (int s = 0; s <= n; s++) {
            List<Integer> rows = strata.get(s);
            if (everything) {
                fixed.addAll(rows);
            } else if (!rows.isEmpty()) {
                free.add(rows);
            }
        }
        int[] top = topK(theta, k);
        // The resamples are drawn in order from the explanation's generator, then refitted in parallel:
        // each refit depends on its resample alone, so the result is the same bit for bit, and the
        // refits are most of an explanation's time outside the model once the distances are measured.
        int[][] rows = resamples(reps, masks.size(), fixed, free, random);
        double[][] refits = new double[reps][];
        IntStream.range(0, reps).parallel().forEach(r -> {
            List<Mask> rm = new ArrayList<>(rows[r].length);
            double[] ry = new double[rows[r].length];
            double[][] z = new double[rows[r].length][];
            for (int at = 0; at < ry.length; at++) {
                int i = rows[r][at];
                rm.add(masks.get(i));
                ry[at] = y[i];
                z[at] = masks.get(i).asFeatures();
            }
            refits[r] = surrogate.coefficients(z, ry, weighting.weights(rm));
        });
        return summarise(refits, p, top, k, level);
    }

    /*
     * The loops over resamples live in the two methods below, not in run: with them in it, C2 compiled
     * run, with all it calls inlined, for up to 0.7 s a compile (JFR's compilation events on
     * compare-architectures.yaml), where run itself is called once per explanation.
     */

    /** Each resample's rows: the fixed ones, then each free stratum drawn with replacement, in order. */
    private static int[][] resamples(int reps, int size, List<Integer> fixed, List<List<Integer>> free,
                                     SplittableRandom random) {
        int[][] rows = new int[reps][size];
        for (int r = 0; r < reps; r++) {
            int at = 0;
            for (int i : fixed) {
                rows[r][at++] = i;
            }
            for (List<Integer> stratum : free) {
                for (int j = 0; j < stratum.size(); j++) {
                    rows[r][at++] = stratum.get(random.nextInt(stratum.size()));
                }
            }
        }
        return rows;
    }

    /** Percentile intervals and the top-k set's stability over the refits. */
    private static BootstrapResult summarise(double[][] refits, int p, int[] top, int k, double level) {
        int reps = refits.length;
        double[][] draws = new double[p][reps];
        int same = 0;
        for (int r = 0; r < reps; r++) {
            double[] t = refits[r];
            for (int u = 0; u < p; u++) {
                draws[u][r] = t[u];
            }
            if (sameSet(top, topK(t, k))) {
                same++;
            }
        }
        double[] lower = new double[p];
        double[] upper = new double[p];
        double tail = (1 - level) / 2;
        boolean excludeZero = true;
        for (int u = 0; u < p; u++) {
            Arrays.sort(draws[u]);
            lower[u] = percentile(draws[u], tail);
            upper[u] = percentile(draws[u], 1 - tail);
        }
        for (int u : top) {
            excludeZero &= lower[u] > 0 || upper[u] < 0;
        }
        return new BootstrapResult(lower, upper, top, reps == 0 ? 0 : (double) same / reps, excludeZero);
    }

    /** The k indices of largest |θ|, largest first; ties to the lower index. */
    public static int[] topK(double[] theta, int k) {
        Integer[] idx = new Integer[theta.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(Math.abs(theta[b]), Math.abs(theta[a]));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] top = new int[Math.min(k, theta.length)];
        for (int i = 0; i < top.length; i++) {
            top[i] = idx[i];
        }
        return top;
    }

    private static boolean sameSet(int[] a, int[] b) {
        int[] x = a.clone();
        int[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        return Arrays.equals(x, y);
    }

    /**
     * numpy's default ("linear") percentile of sorted values, q in [0, 1]: commons-math3's
     * {@code Percentile} with {@code EstimationType.R_7} by definition, but not bit for bit, so it
     * stays written out here (see BootstrapPercentileTest).
     */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
