package org.gsmile.metrics.stats;

/**
 * Kendall's coefficient of concordance W of m raters over n items, with the correction for ties:
 *
 * <pre>
 *   W = 12·S / ( m²(n³ − n) − m·ΣT ),   S = Σⱼ (Rⱼ − m(n+1)/2)²,   Rⱼ = Σᵢ rᵢⱼ,   T = Σ_groups (t³ − t)
 * </pre>
 *
 * where rᵢⱼ is the rank rater i gives item j and T sums over every group of t items one rater ties,
 * over all raters. W is 1 when every rater ranks the items alike and near 0 when their rankings are
 * unrelated; it equals Friedman's χ² / (m(n − 1)) (scipy.stats.friedmanchisquare, whose tie correction
 * is the same).
 *
 * <p>For attributions a rater is a run and an item a unit, and each row is ranked by |score|
 * descending (rank 1 the largest magnitude), ties sharing their average rank: W asks whether the runs
 * agree on which units matter most, not on the signs.
 */
public final class KendallW {
    private KendallW() {
    }

    /**
     * @param scores rows = raters (runs), columns = items (units); every row of the same length
     * @return W in [0, 1]; NaN when there are fewer than 2 items (no order to agree on), and NaN when
     *         every rater ties every item (the denominator and S are both 0: nothing was ranked, so
     *         agreement is undefined rather than perfect; such runs are flat and say so elsewhere).
     *         One rater with at least one untied pair gives 1.
     * @throws IllegalArgumentException with no rater, rows of different lengths or a NaN score
     */
    public static double of(double[][] scores) {
        int m = scores.length;
        if (m == 0) {
            throw new IllegalArgumentException("Kendall's W needs at least one rater");
        }
        int n = scores[0].length;
        for (double[] row : scores) {
            if (row.length != n) {
                throw new IllegalArgumentException("raters score " + n + " and " + row.length + " items: every row"
                        + " must score the same items");
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double[] rankSums = new double[n];
        double ties = 0;
        for (double[] row : scores) {
            double[] r = Ranks.byMagnitudeDescending(row);
            for (int j = 0; j < n; j++) {
                rankSums[j] += r[j];
            }
            ties += Ranks.tieTerm(r);
        }
        double mean = m * (n + 1) / 2.0;
        double s = 0;
        for (double rj : rankSums) {
            s += (rj - mean) * (rj - mean);
        }
        double denominator = (double) m * m * ((double) n * n * n - n) - m * ties;
        if (denominator <= 0) {
            return Double.NaN;
        }
        return 12 * s / denominator;
    }
}
