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

    /** |A ∩ B| / |A ∪ B| of two index sets. */
    public static double jaccard(int[] a, int[] b) {
        long inter = Arrays.stream(a).filter(x -> Arrays.stream(b).anyMatch(y -> y == x)).count();
        long union = a.length + b.length - inter;
        return union == 0 ? 1.0 : (double) inter / union;
    }
}
