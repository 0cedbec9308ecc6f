package org.gsmile.api;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.gsmile.core.explain.Baseline;

/**
 * An {@link ObservationStore} held in memory for one process: what a command that runs several
 * explanations of one prompt (an evaluation: the explanation, its exact Shapley reference, its
 * re-runs) shares, so that each perturbed prompt reaches the model once.
 */
public final class MemoryObservationStore implements ObservationStore {
    private final Map<String, Baseline> baselines = new ConcurrentHashMap<>();
    private final Map<String, Shift> shifts = new ConcurrentHashMap<>();

    @Override
    public Optional<Baseline> baseline(String key) {
        return Optional.ofNullable(baselines.get(key));
    }

    @Override
    public void putBaseline(String key, Baseline baseline) {
        baselines.putIfAbsent(key, baseline);
    }

    @Override
    public Optional<Shift> shift(String key) {
        return Optional.ofNullable(shifts.get(key));
    }

    @Override
    public void putShifts(Map<String, Shift> batch) {
        batch.forEach(shifts::putIfAbsent);
    }
}
