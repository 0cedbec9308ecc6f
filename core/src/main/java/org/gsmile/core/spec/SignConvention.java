package org.gsmile.core.spec;

/** Which way an explanation's scores point. */
public enum SignConvention implements Choice {
    /**
     * The surrogate's own sign: θ in Δ ≈ θ·z + θ₀ with Δ the output distance, so a unit whose
     * presence holds the output in place scores negative.
     */
    DISTANCE("distance"),
    /** −θ: a unit whose presence holds the output in place scores positive, as SHAP and Captum users read scores. */
    IMPORTANCE("importance");

    private final String label;

    SignConvention(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public static SignConvention of(String name) {
        return Choice.parse(SignConvention.class, Setting.SIGN, name);
    }
}
