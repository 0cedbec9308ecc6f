package org.gsmile.experiments.plan;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gsmile.core.UserInputException;

/**
 * One prompt an experiment explains.
 *
 * @param id       unique within the experiment: as given, else {@code case-N} for the N-th entry of
 *                 {@code cases}, {@code STEM-N} for the N-th row of a cases file {@code STEM.jsonl} or {@code STEM.csv},
 *                 {@code SUITE-VALUE-...} for a case of a scenario suite (its prefix, then the scenario's values)
 * @param prompt   the prompt, as written (for an image-editing suite: the instruction)
 * @param relevant the words that matter (ground truth for the accuracy metric), empty when not given
 * @param source   where it was written, {@code FILE:LINE}, for messages (a suite's case: its {@code cases} entry)
 * @param scenario for a case of a scenario suite, its scenario: dimension to value, in the taxonomy's
 *                 dimension order; empty for a plain prompt
 * @param scene    for a case of an image-editing suite, its input image as the taxonomy writes it: a path
 *                 relative to the models folder ({@code $GSMILE_MODELS}), like
 *                 {@code tinyeditor/scenes/scene03_rainy_day_sharp.png}; null otherwise
 */
public record CaseEntry(String id, String prompt, List<String> relevant, String source, Map<String, String> scenario,
                        String scene) {
    public CaseEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        relevant = List.copyOf(relevant);
        Objects.requireNonNull(source, "source");
        scenario = Collections.unmodifiableMap(new LinkedHashMap<>(scenario));
    }

    /** A plain prompt: no scenario, no scene. */
    public CaseEntry(String id, String prompt, List<String> relevant, String source) {
        this(id, prompt, relevant, source, Map.of(), null);
    }

    /** Whether the case carries ground truth. */
    public boolean hasRelevant() {
        return !relevant.isEmpty();
    }

    /**
     * Where the case's scene is: as written when absolute, else in the models folder; null for a case
     * without a scene.
     *
     * @param modelsFolder the folder {@code GSMILE_MODELS} names, or null when it is not set
     * @throws UserInputException when the scene is relative and there is no models folder
     */
    public Path scenePath(Path modelsFolder) {
        if (scene == null) {
            return null;
        }
        Path p = Path.of(scene);
        if (p.isAbsolute()) {
            return p;
        }
        if (modelsFolder == null) {
            throw new UserInputException("case " + id + " edits the scene " + scene + ", a path in the models folder:"
                    + " set GSMILE_MODELS to that folder (the one that holds tinyeditor/)");
        }
        return modelsFolder.resolve(p).normalize();
    }

    /** Whether the case comes from a scenario suite. */
    public boolean hasScenario() {
        return !scenario.isEmpty();
    }
}
