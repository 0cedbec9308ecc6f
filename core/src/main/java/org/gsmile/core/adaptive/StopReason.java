package org.gsmile.core.adaptive;

/** Why an explanation stopped drawing samples. */
public enum StopReason {
    /** A fixed budget was spent. */
    BUDGET("budget"),
    /** The top-k units were stable under the bootstrap and their intervals excluded 0. */
    STABLE("stable"),
    /**
     * The top-k set held over the last rounds and its margin over the next unit, and its smallest
     * unit's distance from 0, exceed two standard errors of the scores, estimated from how far they
     * moved between rounds: more samples are not expected to change it, although the (conservative)
     * bootstrap did not call it stable.
     */
    CONVERGED("converged"),
    /**
     * The top-k set cannot be decided within the cap: the units on either side of its boundary are
     * closer than the samples left up to the cap could separate (a near-tie), so more samples would
     * not decide it. The ranking across that boundary is not supported by the data.
     */
    TIED("tied"),
    /** The adaptive budget reached its cap before the top-k units were stable, converged or found tied. */
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
