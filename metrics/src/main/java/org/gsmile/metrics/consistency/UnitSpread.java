package org.gsmile.metrics.consistency;

import org.apache.commons.math3.distribution.TDistribution;
import org.gsmile.core.unit.Unit;

/**
 * How one unit's score varies over R runs x₁..x_R of the same explanation:
 *
 * <pre>
 *   mean = Σx / R
 *   sd   = √( Σ(x − mean)² / (R − 1) )          the sample standard deviation
 *   cv   = sd / |mean|                          NaN when mean = 0
 *   [lower, upper] = mean ∓ t₀.₉₇₅,R−1 · sd / √R  the 95 % t interval of the mean
 * </pre>
 *
 * The interval is for the mean score over runs (what an average of R explanations would report),
 * from Student's t with R − 1 degrees of freedom (commons-math3 {@code TDistribution}); it assumes the
 * runs are independent draws, which they are: each run's seed gives independent sampler and
 * bootstrap streams. With identical runs sd = 0 and the interval is the point.
 *
 * @param unit  the unit
 * @param mean  mean score, in the runs' own sign convention
 * @param sd    sample standard deviation (R − 1)
 * @param cv    coefficient of variation sd / |mean|; NaN when the mean is 0
 * @param lower lower end of the 95 % interval of the mean
 * @param upper upper end
 */
public record UnitSpread(Unit unit, double mean, double sd, double cv, double lower, double upper) {
    /** The level of the interval. */
    public static final double LEVEL = 0.95;

    /**
     * @param scores the unit's score in each run, at least 2
     * @throws IllegalArgumentException with fewer than 2 scores or a score that is not finite
     */
    public static UnitSpread of(Unit unit, double[] scores) {
        int r = scores.length;
        if (r < 2) {
            throw new IllegalArgumentException("a spread needs at least 2 runs, got " + r);
        }
        double mean = 0;
        for (double x : scores) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("score " + x + " of unit " + unit.text() + " is not finite");
            }
            mean += x;
        }
        mean /= r;
        double ss = 0;
        for (double x : scores) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (r - 1));
        double cv = mean == 0 ? Double.NaN : sd / Math.abs(mean);
        // commons-math3 inverts the t CDF numerically, by default only to 1e-9; 1e-14 makes the quantile
        // exact to double precision (t₀.₉₇₅,₂ = 4.302652729749462, scipy's t.ppf).
        double t = new TDistribution(null, r - 1, 1e-14).inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
        double half = t * sd / Math.sqrt(r);
        return new UnitSpread(unit, mean, sd, cv, mean - half, mean + half);
    }
}
