package org.gsmile.core.surrogate;

/**
 * How well the surrogate reproduces the observed output shifts, on the samples it was fitted to.
 *
 * @param r2w         weighted R² = 1 − Σw(y−ŷ)² / Σw(y−ȳ_w)²; with constant y it is 1 for a perfect
 *                    fit and 0 otherwise (scikit-learn's convention)
 * @param r2wAdjusted 1 − (1−R²)(n−1)/(n−p−1) with n the samples of positive weight and p the units;
 *                    NaN when n ≤ p+1 (too few samples to adjust)
 * @param mseW        weighted mean squared error Σw(y−ŷ)² / Σw
 */
public record Fidelity(double r2w, double r2wAdjusted, double mseW) {

    public static Fidelity of(double[] y, double[] predicted, double[] w, int features) {
        double sw = 0;
        double swy = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            sw += w[i];
            swy += w[i] * y[i];
            if (w[i] > 0) {
                n++;
            }
        }
        double mean = swy / sw;
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < y.length; i++) {
            double r = y[i] - predicted[i];
            double d = y[i] - mean;
            sse += w[i] * r * r;
            sst += w[i] * d * d;
        }
        double r2;
        if (sst > 0) {
            r2 = 1.0 - sse / sst;
        } else {
            r2 = sse == 0 ? 1.0 : 0.0;
        }
        double dof = n - features - 1;
        double adjusted = dof > 0 ? 1.0 - (1.0 - r2) * (n - 1) / dof : Double.NaN;
        return new Fidelity(r2, adjusted, sse / sw);
    }
}
