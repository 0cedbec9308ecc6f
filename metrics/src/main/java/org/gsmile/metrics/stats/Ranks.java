package org.gsmile.metrics.stats;

import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/** Ranks with ties sharing their average rank (the "fractional" ranking of scipy.stats.rankdata). */
public final class Ranks {
    private static final NaturalRanking AVERAGE = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    private Ranks() {
    }

    /**
     * Ranks from 1 (smallest value) to n; tied values share the mean of the ranks they span.
     *
     * @throws IllegalArgumentException on a NaN value: a NaN has no place in an order
     */
    public static double[] ascending(double[] values) {
        requireNumbers(values);
        return AVERAGE.rank(values);
    }

    /**
     * Ranks by |value|, 1 for the largest magnitude (as attribution rankings read: rank 1 is the most
     * important unit, whatever its sign); tied magnitudes share their average rank.
     */
    public static double[] byMagnitudeDescending(double[] values) {
        requireNumbers(values);
        double[] negated = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            negated[i] = -Math.abs(values[i]);
        }
        return AVERAGE.rank(negated);
    }

    /**
     * Σ(t³ − t) over the groups of t tied values in {@code ranks} (as average ranks give them: tied
     * values have equal ranks), the tie term of Kendall's W and of Friedman's test; 0 without ties.
     */
    public static double tieTerm(double[] ranks) {
        double[] sorted = ranks.clone();
        java.util.Arrays.sort(sorted);
        double sum = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) {
                j++;
            }
            double t = j - i + 1;
            sum += t * t * t - t;
            i = j + 1;
        }
        return sum;
    }

    static void requireNumbers(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException("value " + i + " is NaN: it cannot be ranked");
            }
        }
    }
}
