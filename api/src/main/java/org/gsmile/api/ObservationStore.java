package org.gsmile.api;

import java.util.Map;
import java.util.Optional;
import org.gsmile.core.explain.Baseline;

/**
 * Observations kept beyond one explanation: y₀ for each explained prompt and the output shift of
 * each perturbed prompt, under keys that hold everything deciding them (model and its weights,
 * model settings, distance, tokens generated, the two prompts). An experiment run keeps one in its
 * folder, so that a resumed run, a changed metric or a second explainer of the same prompt asks the
 * model only for what no earlier step observed. Implementations are thread-safe.
 */
public interface ObservationStore {

    /** One perturbed prompt's shift from the original's output, and that output as text (may be empty). */
    record Shift(double delta, String output) {
        public Shift {
            if (!Double.isFinite(delta)) {
                throw new IllegalArgumentException("a stored shift is finite, got " + delta);
            }
            output = output == null ? "" : output;
        }
    }

    Optional<Baseline> baseline(String key);

    void putBaseline(String key, Baseline baseline);

    Optional<Shift> shift(String key);

    /** Stores several shifts at once (one write for a batch of observations). */
    void putShifts(Map<String, Shift> shifts);
}
