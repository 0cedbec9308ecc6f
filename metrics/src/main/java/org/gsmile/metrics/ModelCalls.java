package org.gsmile.metrics;

import org.gsmile.core.explain.CallStats;
import org.gsmile.core.explain.Explanation;

/** What an explanation a metric ran cost the model, as every metric counts it. */
public final class ModelCalls {
    private ModelCalls() {
    }

    /**
     * Distinct prompts that reached the model, plus the generation of y₀, less what a response cache
     * or an observation store answered: a metric re-run inside an experiment whose observations are
     * stored costs only what is new.
     */
    public static int of(Explanation e) {
        CallStats c = e.calls();
        return Math.max(0, c.unique() + c.preparation() - c.diskCacheHits());
    }
}
