package org.gsmile.experiments.plan;

import java.util.List;
import java.util.Objects;

/**
 * One prompt an experiment explains.
 *
 * @param id       unique within the experiment: as given, else {@code case-N} for the N-th entry of
 *                 {@code cases}, {@code STEM-N} for the N-th row of a cases file {@code STEM.jsonl} or {@code STEM.csv}
 * @param prompt   the prompt, as written
 * @param relevant the words that matter (ground truth for the accuracy metric), empty when not given
 * @param source   where it was written, {@code FILE:LINE}, for messages
 */
public record CaseEntry(String id, String prompt, List<String> relevant, String source) {
    public CaseEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        relevant = List.copyOf(relevant);
        Objects.requireNonNull(source, "source");
    }

    /** Whether the case carries ground truth. */
    public boolean hasRelevant() {
        return !relevant.isEmpty();
    }
}
