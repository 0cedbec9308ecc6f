package org.gsmile.core.spec;

/** The sample weights of the surrogate fit. */
public enum KernelKind implements Choice {
    /** the Shapley kernel with the efficiency constraint: scores estimate Shapley values. */
    SHAPLEY("shapley"),
    /** exp(-d^2/sigma^2) on the fraction d of units removed: the thesis. */
    GAUSSIAN("gaussian"),
    /** every sample weighs the same. */
    UNIFORM("uniform");

    private final String label;

    KernelKind(String label) {
        this.label = label;
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
