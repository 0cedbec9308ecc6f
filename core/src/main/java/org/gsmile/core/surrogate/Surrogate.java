package org.gsmile.core.surrogate;

/** Fits Δ ≈ θ·z + θ₀ to samples (z, Δ) with per-sample weights. */
public interface Surrogate {
    String name();

    /**
     * @param z       binary design matrix [samples][units]
     * @param y       observed output distances, one per sample
     * @param weights non-negative sample weights
     */
    SurrogateFit fit(double[][] z, double[] y, double[] weights);

    /** {@link #fit}'s coefficients alone, for refits that read nothing else (a surrogate may skip the rest). */
    default double[] coefficients(double[][] z, double[] y, double[] weights) {
        return fit(z, y, weights).coefficients();
    }

    /** Shared argument checks, so every surrogate rejects bad input the same way. */
    static void checkInput(double[][] z, double[] y, double[] weights) {
        if (z.length == 0) {
            throw new IllegalArgumentException("no samples to fit");
        }
        if (y.length != z.length || weights.length != z.length) {
            throw new IllegalArgumentException("z, y and weights need one row per sample: "
                    + z.length + ", " + y.length + ", " + weights.length);
        }
        int p = z[0].length;
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            if (z[i].length != p) {
                throw new IllegalArgumentException("row " + i + " of z has " + z[i].length + " columns, expected " + p);
            }
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weight " + i + " must be finite and non-negative, got " + weights[i]);
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] is not finite: " + y[i]);
            }
            total += weights[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("all sample weights are zero");
        }
    }
}
