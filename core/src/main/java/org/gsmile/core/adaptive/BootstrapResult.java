package org.gsmile.core.adaptive;

/**
 * What resampling the samples says about a fit.
 *
 * @param lower            per unit, the lower end of the percentile interval of θ
 * @param upper            per unit, the upper end
 * @param topK             the fit's top-k units by |θ|, largest first
 * @param topKStability    share of resamples whose top-k set equals the fit's
 * @param topKExcludeZero  whether every top-k unit's interval lies on one side of 0
 */
public record BootstrapResult(double[] lower, double[] upper, int[] topK, double topKStability,
                              boolean topKExcludeZero) {
    public BootstrapResult {
        lower = lower.clone();
        upper = upper.clone();
        topK = topK.clone();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    @Override
    public int[] topK() {
        return topK.clone();
    }
}
