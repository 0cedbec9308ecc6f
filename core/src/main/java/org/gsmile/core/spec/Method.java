package org.gsmile.core.spec;

/** What computes the attributions: the surrogate, or a reference by its definition. */
public enum Method implements Choice {
    /** the weighted linear surrogate (gSMILE). */
    SURROGATE("surrogate"),
    /** exact Shapley values over all 2^n coalitions. */
    EXACT_SHAPLEY("shapley"),
    /** leave-one-out: the shift when each unit alone is removed. */
    LEAVE_ONE_OUT("loo");

    private final String label;

    Method(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The value the user named, or one line listing the accepted names. */
    public static Method of(String name) {
        return Choice.parse(Method.class, Setting.REFERENCE, name);
    }

    /** Whether this is a reference rather than the surrogate; the JSON config names only references. */
    public boolean isReference() {
        return this != SURROGATE;
    }
}
