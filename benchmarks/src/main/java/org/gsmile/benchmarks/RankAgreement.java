package org.gsmile.benchmarks;

import java.util.Arrays;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/** How far two attributions agree: Spearman's rank correlation and the Jaccard index of top-k sets. */
public final class RankAgreement {
    private RankAgreement() {
    }

    /**
     * Spearman's ρ: Pearson's correlation of the ranks, ties given their average rank (scipy's
     * convention, and commons-math3's default); NaN when either vector is constant.
     */
    public static double spearman(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("Spearman needs two vectors of the same length of at least 2");
        }
        return new SpearmansCorrelation().correlation(a, b);
    }

    /**
     * Shared units of the two top-k sets by |score| (ties broken as {@code Bootstrap.topK} breaks them),
     * over k (over n when there are fewer units).
     */
    public static double topOverlap(double[] a, double[] b, int k) {
        int[] x = org.gsmile.core.adaptive.Bootstrap.topK(a, k);
        int[] y = org.gsmile.core.adaptive.Bootstrap.topK(b, k);
        long shared = Arrays.stream(x).filter(i -> Arrays.stream(y).anyMatch(j -> j == i)).count();
        return (double) shared / Math.min(k, a.length);
    }

    /**
     * The q-th percentile (0 to 100) of the values, interpolated linearly between order statistics:
     * numpy's default ({@code numpy.percentile}, method "linear").
     */
    public static double percentile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q / 100 * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /** |A ∩ B| / |A ∪ B| of two index sets. */
    public static double jaccard(int[] a, int[] b) {
        long inter = Arrays.stream(a).filter(x -> Arrays.stream(b).anyMatch(y -> y == x)).count();
        long union = a.length + b.length - inter;
        return union == 0 ? 1.0 : (double) inter / union;
    }
}
