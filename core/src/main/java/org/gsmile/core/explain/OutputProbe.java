package org.gsmile.core.explain;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How the explainer observes the model: what it runs on the original prompt and what it records
 * for each perturbed prompt, in the form an {@link org.gsmile.core.distance.OutputDistance} compares.
 * Nearly all of a probe's time is model time, which is how the explainer accounts it.
 *
 * @param <O> the observation: token scores, text, an embedding
 */
public interface OutputProbe<O> {

    /**
     * Runs the model on the original prompt (for example, greedy generation of y₀) and fixes what
     * later observations are taken against. Called once, before any {@link #observe}.
     *
     * @return the model's output text, shown to the user
     */
    String prepare(String prompt);

    /** Observes the model on each prompt; results in the order of the prompts. */
    CompletableFuture<List<O>> observe(List<String> prompts);

    /** Model calls made by {@link #prepare} (not cached: they run once per explanation). */
    default int preparationCalls() {
        return 1;
    }
}
