package org.gsmile.core.adaptive;

/** Why an explanation stopped drawing samples. */
public enum StopReason {
    /** A fixed budget was spent. */
    BUDGET("budget"),
    /** The top-k units were stable under the bootstrap and their intervals excluded 0. */
    STABLE("stable"),
    /** The adaptive budget reached its cap before the top-k units were stable. */
    MAX_SAMPLES("max-samples"),
    /** The sampler had no unused coalition left: every coalition it can draw was observed. */
    EXHAUSTED("exhausted");

    private final String label;

    StopReason(String label) {
        this.label = label;
    }

    /** The name in JSON and text output. */
    public String label() {
        return label;
    }
}
