package org.gsmile.odd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One case of a suite: a scenario turned into a prompt (or an editing instruction) by its template.
 *
 * @param id       {@code PREFIX-VALUE-VALUE-...}: the prefix (the suite's name unless the caller gives
 *                 another) and the scenario's values in dimension order, so the same scenario has the same
 *                 id whatever the strategy; cut to 64 characters with a hash when longer
 * @param prompt   the template's text with its slots filled, runs of spaces made one
 * @param relevant the template's relevant words with their slots filled (those left empty dropped), each
 *                 a word or a run of words of the prompt: the ground truth of the accuracy metric
 * @param scenario dimension to value, in dimension order
 * @param scene    the input image of an image-editing suite ({@link Scene#file}), null for a text suite
 */
public record ScenarioCase(String id, String prompt, List<String> relevant, Map<String, String> scenario,
                           String scene) {
    public ScenarioCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        relevant = List.copyOf(relevant);
        scenario = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scenario));
    }

    /** {@code weather=rainy time=night ...}: the scenario in one line. */
    public String label() {
        return Taxonomy.label(scenario);
    }
}
