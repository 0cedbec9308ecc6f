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
    FIXED("fixed");

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
