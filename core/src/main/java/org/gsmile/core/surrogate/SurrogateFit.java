package org.gsmile.core.surrogate;

/**
 * A fitted linear surrogate Δ ≈ θ·z + θ₀ and how well it fits.
 *
 * @param coefficients θ, one per unit
 * @param intercept    θ₀
 * @param fidelity     fit quality on the training samples
 * @param ridge        the L2 penalty that had to be added to make the system solvable (0 when none)
 */
public record SurrogateFit(double[] coefficients, double intercept, Fidelity fidelity, double ridge) {

    public double predict(double[] z) {
        double s = intercept;
        for (int i = 0; i < z.length; i++) {
            s += coefficients[i] * z[i];
        }
        return s;
    }
}
