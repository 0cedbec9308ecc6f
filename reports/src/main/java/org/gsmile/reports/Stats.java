package org.gsmile.reports;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/** Mean, sd and a 95 % Student-t interval of the mean over the finite values of a list. */
record Stats(int n, int missing, double mean, double sd, double lower, double upper) {

    static Stats of(List<Double> values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                n++;
                sum += v;
            }
        }
        int missing = values.size() - n;
        if (n == 0) {
            return new Stats(0, missing, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        if (n == 1) {
            return new Stats(1, missing, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double sd = Math.sqrt(ss / (n - 1));
        // commons-math solves for the quantile to 1e-9 unless told otherwise; the tables print 16 digits.
        double half = new TDistribution(null, n - 1, 1e-15).inverseCumulativeProbability(0.975) * sd / Math.sqrt(n);
        return new Stats(n, missing, mean, sd, mean - half, mean + half);
    }

    /** Half the interval's width, NaN with fewer than two values. */
    double halfWidth() {
        return (upper - lower) / 2;
    }
}
