package org.gsmile.core.spec;

/** The sample weights of the surrogate fit. */
public enum KernelKind implements Choice {
    /** the Shapley kernel with the efficiency constraint: scores estimate Shapley values. */
    SHAPLEY("shapley", Double.NaN),
    /** exp(-d^2/sigma^2) on the fraction d of units removed: the thesis. */
    GAUSSIAN("gaussian", 0.5),
    /**
     * sqrt(exp(-d^2/sigma^2)) on the Word Mover's distance d between the original and the perturbed
     * prompt, sigma 0.25 by default: the weight as the thesis group's code applies it.
     */
    WMD("wmd", 0.25),
    /** every sample weighs the same. */
    UNIFORM("uniform", Double.NaN);

    private final String label;
    private final double defaultSigma;

    KernelKind(String label, double defaultSigma) {
        this.label = label;
        this.defaultSigma = defaultSigma;
    }

    /** Whether the kernel has a width, {@code sigma}. */
    public boolean usesSigma() {
        return !Double.isNaN(defaultSigma);
    }

    /** The width when none is given; NaN for a kernel without one. */
    public double defaultSigma() {
        return defaultSigma;
    }

    @Override
    public String label() {
        return label;
    }

    /** The value the user named, or one line listing the accepted names. */
    public static KernelKind of(String name) {
        return Choice.parse(KernelKind.class, Setting.KERNEL, name);
    }
}
