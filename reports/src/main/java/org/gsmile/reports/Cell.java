package org.gsmile.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One cell of a run as its file {@code cells/<id>.json} gives it (see the package documentation for
 * the format). The explanation and the metrics stay JSON: the report reads what it shows from them and
 * tolerates keys it does not know.
 *
 * @param file          the file, relative to the run folder
 * @param id            the cell's id (a hash of its resolved configuration)
 * @param model         the model's name in the experiment
 * @param modelRef      the model reference it resolved from ({@code local:stories260K})
 * @param caseName      the case's name
 * @param prompt        the prompt
 * @param relevant      the ground-truth relevant words, empty where the case gives none
 * @param setting       the setting's label ({@code samples=32 kernel=shapley}, or {@code default})
 * @param settingValues the setting's values, as JSON
 * @param replicate     the replicate, from 0
 * @param seed          the cell's seed
 * @param ok            whether the cell finished ({@code status} "ok"); failed cells carry {@code error}
 * @param error         one line, or null
 * @param explanation   the explanation as {@code ExplanationJson} writes it, or null for a failed cell
 * @param metricsKey    what the metrics were computed from, or null
 * @param metrics       the metric blocks (an empty object where none were computed)
 * @param timingsMs     model, metrics and total time in milliseconds (an empty object where absent)
 * @param scenario      a scenario suite's case: dimension to value (an empty object for a plain prompt)
 * @param scene         an image-editing case's input image, relative to the models folder, or null
 * @param images        the images an image-editing cell saved in the run folder ({@link ShownImages#NONE} for others)
 */
public record Cell(String file, String id, String model, String modelRef, String caseName, String prompt,
                   List<String> relevant, String setting, JsonNode settingValues, int replicate, long seed,
                   boolean ok, String error, JsonNode explanation, String metricsKey, JsonNode metrics,
                   JsonNode timingsMs, JsonNode scenario, String scene, ShownImages images) {
    public Cell {
        relevant = List.copyOf(relevant);
    }
}
