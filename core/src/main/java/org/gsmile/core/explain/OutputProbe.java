package org.gsmile.core.explain;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How the explainer observes the model: what it runs on the original prompt and what it records
 * for each perturbed prompt, in the form an {@link org.gsmile.core.distance.OutputDistance} compares.
 * Nearly all of a probe's time is model time, which is how the explainer accounts it.
 *
 * <p>A probe holds no state from one prompt to the next: {@link #prepare} returns what belongs to
 * one prompt, so one probe can serve several explanations at once.
 *
 * @param <O> the observation: token scores, text, an embedding
 */
public interface OutputProbe<O> {

    /**
     * Runs the model on the original prompt (for example, greedy generation of y₀) and fixes what
     * later observations of this prompt's perturbations are taken against.
     */
    Prepared<O> prepare(String prompt);

    /**
     * As {@link #prepare}, for a prompt whose y₀ is already known (read back from an earlier run):
     * probes that can observe against a given y₀ skip generating it, and report no preparation call.
     */
    default Prepared<O> resume(Baseline baseline) {
        return prepare(baseline.prompt());
    }

    /** One prompt's baseline and the way to observe its perturbations. */
    interface Prepared<O> {

        /** The prompt and the model's output for it, y₀. */
        Baseline baseline();

        /** Observes the model on each prompt; results in the order of the prompts, null for a failed call. */
        CompletableFuture<List<O>> observe(List<String> prompts);

        /** Why each prompt whose observation was null failed, in the model's or server's words. */
        default java.util.Map<String, String> failures() {
            return java.util.Map.of();
        }

        /** Model calls made to prepare (not cached: they run once per explanation). */
        default int preparationCalls() {
            return 1;
        }

        /** An observation as text, for audits (see {@link Sample#output()}); empty where it has none. */
        default String describe(O observation) {
            return "";
        }

        /** The most prompts the model behind this probe runs in one call; see {@link MeasuredInParts}. */
        default int batchSize() {
            return 1;
        }

        /** Observations answered from a persisted store rather than the model, so far. */
        default int storeHits() {
            return 0;
        }

        /**
         * Wall time this probe's {@link #observe} futures spent after the model had answered, so far: work of
         * the probe's own (a stored observation measures its shifts there), which an explainer timing the
         * futures counts outside the model, not in it.
         */
        default long afterModelNanos() {
            return 0;
        }
    }
}
