package org.gsmile.experiments.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.unit.Unit;

/**
 * The JSON form of an explanation. Its keys and their order are a published format (README,
 * "JSON output"): add keys, never rename or remove them. Non-finite numbers are written as null.
 */
public final class ExplanationJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExplanationJson() {
    }

    public static String write(Explanation e) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", e.provenance().modelId());
        root.put("prompt", e.prompt());
        root.put("output", e.output());
        ArrayNode units = root.putArray("units");
        for (Unit u : e.units()) {
            units.addObject().put("text", u.text()).put("start", u.start()).put("end", u.end());
        }
        numbers(root.putArray("attribution"), e.attribution());
        numbers(root.putArray("normalized"), e.normalized());
        number(root, "intercept", e.intercept());
        ObjectNode fidelity = root.putObject("fidelity");
        number(fidelity, "r2w", e.fidelity().r2w());
        number(fidelity, "r2wAdjusted", e.fidelity().r2wAdjusted());
        number(fidelity, "mseW", e.fidelity().mseW());
        number(fidelity, "ridge", e.ridge());
        ObjectNode calls = root.putObject("calls");
        calls.put("requested", e.calls().requested());
        calls.put("unique", e.calls().unique());
        calls.put("cacheHits", e.calls().cacheHits());
        calls.put("generations", e.calls().preparation());
        calls.put("failed", e.calls().failed());
        calls.put("retries", e.calls().retries());
        calls.put("diskCacheHits", e.calls().diskCacheHits());
        ObjectNode timings = root.putObject("timingsMs");
        number(timings, "model", round(e.timings().modelMs()));
        number(timings, "total", round(e.timings().totalMs()));
        root.put("seed", e.provenance().seed());
        ObjectNode config = root.putObject("config");
        for (Map.Entry<String, Object> c : e.provenance().config().entrySet()) {
            config.putPOJO(c.getKey(), c.getValue());
        }
        ObjectNode provenance = root.putObject("provenance");
        provenance.put("modelSha256", e.provenance().modelSha256());
        provenance.put("gsmileVersion", e.provenance().gsmileVersion());
        ObjectNode sampling = root.putObject("sampling");
        sampling.put("budget", e.sampling().budget());
        sampling.put("samples", e.sampling().samples());
        sampling.put("rounds", e.sampling().rounds());
        sampling.put("stopReason", e.sampling().stopReason().label());
        sampling.put("topK", e.sampling().topK());
        number(sampling, "topKStability", e.sampling().topKStability());
        number(sampling, "level", e.sampling().level());
        ArrayNode intervals = sampling.putArray("intervals");
        double[] lower = e.sampling().lower();
        double[] upper = e.sampling().upper();
        for (int i = 0; i < lower.length; i++) {
            numbers(intervals.addArray(), new double[] {lower[i], upper[i]});
        }
        ArrayNode unreplaced = sampling.putArray("unreplacedUnits");
        e.sampling().unreplacedUnits().forEach(unreplaced::add);
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise an explanation", ex);
        }
    }

    private static void numbers(ArrayNode array, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                array.add(v);
            } else {
                array.addNull();
            }
        }
    }

    private static void number(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
