package org.gsmile.core.spec;

/** Named sets of defaults for the sampler, the kernel and the budget; values given explicitly win. */
public enum Preset implements Choice {
    /** strata sampler, Shapley kernel, 64 samples: the fastest to agree with exact Shapley values. */
    DEFAULT("default"),
    /** Bernoulli(keep) sampler, Gaussian kernel, 64 samples: the thesis recipe, for reproductions. */
    THESIS("thesis");

    private final String label;

    Preset(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The value the user named, or one line listing the accepted names. */
    public static Preset of(String name) {
        return Choice.parse(Preset.class, Setting.PRESET, name);
    }
}
