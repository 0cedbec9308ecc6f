package org.gsmile.core.kernel;

/**
 * w = exp(−δ²/σ²), the gSMILE kernel. With δ the fraction of units removed, the default σ = 0.5
 * gives a sample with half its units removed weight e⁻¹ ≈ 0.37 and one with 90 % removed ≈ 0.04:
 * near perturbations dominate without the far ones vanishing, which the surrogate needs to see
 * every unit dropped often enough.
 */
public record GaussianKernel(double sigma) implements Kernel {
    public static final double DEFAULT_SIGMA = 0.5;

    public GaussianKernel {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be a positive finite number, got " + sigma);
        }
    }

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public double weight(double distance) {
        return Math.exp(-(distance * distance) / (sigma * sigma));
    }
}
