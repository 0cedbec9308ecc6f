package org.gsmile.experiments.plan;

import java.util.Map;
import java.util.Objects;
import org.gsmile.core.spec.ExplanationSpec;

/**
 * One explanation an experiment computes: a model, a case, a grid point and a replicate.
 *
 * @param id            16 hex digits: the start of the SHA-256 of the cell's resolved configuration
 *                      (see {@link Plan}); equal for equal configurations, whatever the file's layout
 * @param model         the model
 * @param kase          the case
 * @param setting       the grid point's label, {@code samples=32 kernel=shapley}, or {@code default}
 * @param settingValues the grid point's axis values, by key, in axis order
 * @param spec          the spec this cell explains with
 * @param replicate     0 to {@code seeds - 1}
 * @param seed          the explanation's seed: {@link Plan#seedOf}(experiment seed, id)
 */
public record Cell(String id, ModelEntry model, CaseEntry kase, String setting, Map<String, Object> settingValues,
                   ExplanationSpec spec, int replicate, long seed) {
    public Cell {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(kase, "kase");
        Objects.requireNonNull(setting, "setting");
        settingValues = Grid.copy(settingValues);
        Objects.requireNonNull(spec, "spec");
    }
}
