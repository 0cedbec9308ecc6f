package org.gsmile.core.spec;

/** How the perturbation masks are drawn. */
public enum SamplerKind implements Choice {
    /** whole coalition-size strata from the extremes inward, each mask with its complement. */
    STRATA("strata"),
    /** every proper coalition, whatever the budget. */
    EXHAUSTIVE("exhaustive"),
    /** KernelSHAP's coalition-size law. */
    SHAPLEY("shapley"),
    /** KernelSHAP's law, each mask followed by its complement. */
    PAIRED_SHAPLEY("paired-shapley"),
    /** each unit kept with probability keep: the thesis's sampler. */
    BERNOULLI("bernoulli"),
    /** Bernoulli(keep) masks, each followed by its complement. */
    PAIRED_BERNOULLI("paired-bernoulli"),
    /** exactly round((1 - keep) n) units dropped. */
    FIXED("fixed"),
    /** every single-unit and leave-one-out prompt, then coalitions of 3 and of n/2 units: the size-profile design. */
    PROFILE("profile"),
    /** Leverage SHAP (Musco and Witter 2025): every size equally likely, paired, without replacement. */
    LEVERAGE("leverage"),
    /** the unified framework's modified l2 weights (Chen et al. 2025), paired, without replacement. */
    MODIFIED_L2("modified-l2");

    private final String label;

    SamplerKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The value the user named, or one line listing the accepted names. */
    public static SamplerKind of(String name) {
        return Choice.parse(SamplerKind.class, Setting.SAMPLER, name);
    }
}
