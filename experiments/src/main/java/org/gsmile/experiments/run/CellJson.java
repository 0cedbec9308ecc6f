package org.gsmile.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.json.ExplanationJson;
import org.gsmile.experiments.plan.Cell;
import org.gsmile.models.http.UrlSecrets;

/**
 * A finished cell as {@code cells/<id>.json} holds it (the format {@code org.gsmile.reports}
 * documents): what the cell is, whether it worked, its explanation, its metrics and its times.
 */
final class CellJson {
    static final int SCHEMA = 1;

    private CellJson() {
    }

    static ObjectNode header(Cell c) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("schema", SCHEMA);
        o.put("id", c.id());
        o.put("model", c.model().name());
        o.put("modelRef", UrlSecrets.mask(c.model().ref()));
        o.put("case", c.kase().id());
        o.put("prompt", c.kase().prompt());
        ArrayNode relevant = o.putArray("relevant");
        c.kase().relevant().forEach(relevant::add);
        ObjectNode scenario = o.putObject("scenario");
        c.kase().scenario().forEach(scenario::put);
        if (c.kase().scene() != null) {
            o.put("scene", c.kase().scene());
        } else {
            o.putNull("scene");
        }
        o.put("setting", c.setting());
        o.set("settingValues", RunDirectory.JSON.valueToTree(c.settingValues()));
        o.put("replicate", c.replicate());
        o.put("seed", c.seed());
        return o;
    }

    static void ok(ObjectNode o, Explanation e, String metricsKey, ObjectNode metrics, double modelMs, double metricsMs,
                   double totalMs) {
        o.put("status", "ok");
        o.putNull("error");
        o.set("explanation", ExplanationJson.tree(e));
        o.put("metricsKey", metricsKey);
        o.set("metrics", metrics);
        timings(o, modelMs, metricsMs, totalMs);
    }

    static void failed(ObjectNode o, Explanation e, String error, double totalMs) {
        o.put("status", "failed");
        o.put("error", error);
        JsonNode explanation = e == null ? null : ExplanationJson.tree(e);
        o.set("explanation", explanation == null ? JsonNodeFactory.instance.nullNode() : explanation);
        o.putNull("metricsKey");
        o.putObject("metrics");
        timings(o, Double.NaN, Double.NaN, totalMs);
    }

    private static void timings(ObjectNode o, double modelMs, double metricsMs, double totalMs) {
        ObjectNode t = o.putObject("timingsMs");
        put(t, "model", modelMs);
        put(t, "metrics", metricsMs);
        put(t, "total", totalMs);
    }

    private static void put(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, Math.round(v * 1000) / 1000.0);
        } else {
            o.putNull(key);
        }
    }

    /** The error as one line in the experiment file's terms ({@code maxSamples: 256}), without secrets. */
    static String oneLine(RuntimeException e) {
        String message = e instanceof UserInputException u ? u.render(org.gsmile.experiments.plan.ExperimentFileException::yaml)
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        int nl = message.indexOf('\n');
        return UrlSecrets.mask(nl < 0 ? message : message.substring(0, nl));
    }
}
