package org.gsmile.core.spec;

/** The surrogate fit. */
public enum SurrogateKind implements Choice {
    /** exact weighted least squares (rows of infinite weight held exactly). */
    WLS("wls"),
    /** Tribuo's LinearSGDTrainer with the same weights. */
    SGD("sgd"),
    /** Shapley values from the game's size profile: exact on complete sizes, a linear model within the others, smooth across sizes. */
    PROFILE("profile");

    private final String label;

    SurrogateKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The value the user named, or one line listing the accepted names. */
    public static SurrogateKind of(String name) {
        return Choice.parse(SurrogateKind.class, Setting.SURROGATE, name);
    }
}
