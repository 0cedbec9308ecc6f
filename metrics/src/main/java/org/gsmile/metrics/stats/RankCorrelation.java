package org.gsmile.metrics.stats;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Spearman's ρ and Kendall's τ-b as commons-math3 computes them (ρ: Pearson's r of the average
 * ranks; τ-b: (concordant − discordant) / √((n₀ − n₁)(n₀ − n₂)), ties corrected), with the undefined
 * cases answered NaN instead of an exception: fewer than 2 pairs, or one side constant.
 */
public final class RankCorrelation {
    private RankCorrelation() {
    }

    public static double spearman(double[] x, double[] y) {
        return defined(x, y) ? new SpearmansCorrelation().correlation(x, y) : Double.NaN;
    }

    public static double kendall(double[] x, double[] y) {
        return defined(x, y) ? new KendallsCorrelation().correlation(x, y) : Double.NaN;
    }

    private static boolean defined(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " values against " + y.length);
        }
        Ranks.requireNumbers(x);
        Ranks.requireNumbers(y);
        return x.length >= 2 && !constant(x) && !constant(y);
    }

    private static boolean constant(double[] v) {
        for (double d : v) {
            if (d != v[0]) {
                return false;
            }
        }
        return true;
    }
}
