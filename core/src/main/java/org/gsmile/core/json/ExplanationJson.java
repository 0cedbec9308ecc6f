package org.gsmile.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gsmile.core.UserInputException;
import org.gsmile.core.adaptive.Hierarchy;
import org.gsmile.core.adaptive.SamplingReport;
import org.gsmile.core.adaptive.StopReason;
import org.gsmile.core.explain.Artifact;
import org.gsmile.core.explain.Attribution;
import org.gsmile.core.explain.Baseline;
import org.gsmile.core.explain.CallStats;
import org.gsmile.core.explain.Cost;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.Fit;
import org.gsmile.core.explain.Provenance;
import org.gsmile.core.explain.Sample;
import org.gsmile.core.explain.Timings;
import org.gsmile.core.explain.Warning;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.SpecConfig;
import org.gsmile.core.surrogate.Fidelity;
import org.gsmile.core.unit.Unit;

/**
 * The JSON form of an explanation, written and read back: {@code read(write(e))} equals {@code e}.
 * Its keys and their order are a published format (README, "JSON output"): add keys, never rename
 * or remove them. Non-finite numbers are written as null; a sample weight of null is +∞ (the
 * anchors the fit holds exactly), any other null is NaN.
 */
public final class ExplanationJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExplanationJson() {
    }

    public static String write(Explanation e) {
        try {
            return MAPPER.writeValueAsString(tree(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise an explanation", ex);
        }
    }

    /** The explanation as a JSON tree, for writers that embed it (result files, reports). */
    public static ObjectNode tree(Explanation e) {
        ObjectNode root = MAPPER.createObjectNode();
        Provenance p = e.provenance();
        root.put("model", p.modelId());
        root.put("prompt", e.prompt());
        root.put("output", e.output());
        ArrayNode units = root.putArray("units");
        for (Unit u : e.units()) {
            units.addObject().put("text", u.text()).put("start", u.start()).put("end", u.end());
        }
        numbers(root.putArray("attribution"), e.attribution().scores());
        numbers(root.putArray("normalized"), e.attribution().normalized());
        number(root, "intercept", e.attribution().intercept());
        ObjectNode fidelity = root.putObject("fidelity");
        number(fidelity, "r2w", e.fit().fidelity().r2w());
        number(fidelity, "r2wAdjusted", e.fit().fidelity().r2wAdjusted());
        number(fidelity, "mseW", e.fit().fidelity().mseW());
        number(fidelity, "ridge", e.fit().ridge());
        CallStats c = e.calls();
        ObjectNode calls = root.putObject("calls");
        calls.put("requested", c.requested());
        calls.put("unique", c.unique());
        calls.put("cacheHits", c.cacheHits());
        calls.put("generations", c.preparation());
        calls.put("failed", c.failed());
        calls.put("retries", c.retries());
        calls.put("diskCacheHits", c.diskCacheHits());
        ObjectNode timings = root.putObject("timingsMs");
        number(timings, "model", e.cost().timings().modelMs());
        number(timings, "total", e.cost().timings().totalMs());
        root.put("seed", p.seed());
        ObjectNode config = root.putObject("config");
        for (Map.Entry<String, Object> entry : p.config().entrySet()) {
            config.putPOJO(entry.getKey(), entry.getValue());
        }
        ObjectNode provenance = root.putObject("provenance");
        provenance.put("modelSha256", p.modelSha256());
        provenance.put("gsmileVersion", p.gsmileVersion());
        provenance.put("method", p.spec().method().label());
        SamplingReport s = e.sampling();
        ObjectNode sampling = root.putObject("sampling");
        sampling.put("budget", s.budget());
        sampling.put("samples", s.samples());
        sampling.put("rounds", s.rounds());
        sampling.put("stopReason", s.stopReason().label());
        sampling.put("topK", s.topK());
        number(sampling, "topKStability", s.topKStability());
        number(sampling, "level", s.level());
        ArrayNode intervals = sampling.putArray("intervals");
        double[] lower = s.lower();
        double[] upper = s.upper();
        for (int i = 0; i < lower.length; i++) {
            numbers(intervals.addArray(), new double[] {lower[i], upper[i]});
        }
        ArrayNode unreplaced = sampling.putArray("unreplacedUnits");
        s.unreplacedUnits().forEach(unreplaced::add);
        if (s.hierarchy() != null) {
            // Only hierarchical explanations have it (--units phrases-then-words, sentences-then-words).
            Hierarchy h = s.hierarchy();
            ObjectNode node = sampling.putObject("hierarchy");
            node.put("groups", h.groups());
            node.put("count", h.count());
            node.put("groupSamples", h.groupSamples());
            ArrayNode refined = node.putArray("refined");
            for (Hierarchy.Refined r : h.refined()) {
                ObjectNode g = refined.addObject();
                g.put("group", r.group());
                g.put("text", r.text());
                g.put("words", r.words());
                g.put("samples", r.samples());
            }
        }
        ArrayNode tokens = root.putArray("outputTokens");
        for (int t : e.baseline().outputTokens()) {
            tokens.add(t);
        }
        ArrayNode warnings = root.putArray("warnings");
        for (Warning w : e.warnings()) {
            warnings.addObject().put("code", w.code().label()).put("message", w.message()).put("remedy", w.remedy());
        }
        ArrayNode samples = root.putArray("samples");
        for (Sample sample : e.samples()) {
            ObjectNode o = samples.addObject();
            o.put("mask", sample.mask().toString());
            o.put("prompt", sample.prompt());
            number(o, "inputDistance", sample.inputDistance());
            number(o, "weight", sample.weight());
            number(o, "outputDistance", sample.outputDistance());
            o.put("output", sample.output());
        }
        // Only where a front end wrote files (explain-image --out), as config's maskToken only with a mask.
        if (!e.artifacts().isEmpty()) {
            ArrayNode files = root.putArray("files");
            for (Artifact a : e.artifacts()) {
                ObjectNode o = files.addObject();
                o.put("role", a.role());
                o.put("file", a.file());
                o.put("mask", a.mask());
                o.put("prompt", a.prompt());
                number(o, "outputDistance", a.outputDistance());
                o.put("sha256", a.sha256());
            }
        }
        return root;
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws UserInputException naming the first missing or malformed key
     */
    public static Explanation read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException ex) {
            throw new UserInputException("not an explanation: the text is not JSON (" + ex.getOriginalMessage() + ")", ex);
        }
        return read(root);
    }

    public static Explanation read(JsonNode root) {
        List<Unit> units = new ArrayList<>();
        for (JsonNode u : array(root, "units")) {
            units.add(new Unit(text(u, "text"), whole(u, "start"), whole(u, "end")));
        }
        Attribution attribution = new Attribution(units, doubles(array(root, "attribution")),
                number(root, "intercept"));
        JsonNode f = object(root, "fidelity");
        Fit fit = new Fit(new Fidelity(number(f, "r2w"), number(f, "r2wAdjusted"), number(f, "mseW")),
                number(f, "ridge"));
        JsonNode c = object(root, "calls");
        CallStats calls = new CallStats(whole(c, "requested"), whole(c, "unique"), whole(c, "cacheHits"),
                whole(c, "generations"), whole(c, "failed"), whole(c, "retries"), whole(c, "diskCacheHits"));
        JsonNode t = object(root, "timingsMs");
        Cost cost = new Cost(calls, new Timings(number(t, "model"), number(t, "total")));
        Map<String, Object> config = MAPPER.convertValue(object(root, "config"),
                MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
        ExplanationSpec spec = SpecConfig.fromMap(config);
        Map<String, Object> modelSettings = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : config.entrySet()) {
            if (SpecConfig.NOT_SPEC.contains(entry.getKey()) && !entry.getKey().equals("model")
                    && !entry.getKey().equals("baseline")) {
                modelSettings.put(entry.getKey(), entry.getValue());
            }
        }
        JsonNode p = object(root, "provenance");
        Provenance provenance = new Provenance(spec, whole64(root, "seed"), text(root, "model"),
                text(p, "modelSha256"), modelSettings, text(p, "gsmileVersion"));
        JsonNode s = object(root, "sampling");
        JsonNode intervals = array(s, "intervals");
        double[] lower = new double[intervals.size()];
        double[] upper = new double[intervals.size()];
        for (int i = 0; i < lower.length; i++) {
            lower[i] = value(intervals.get(i).get(0));
            upper[i] = value(intervals.get(i).get(1));
        }
        List<Integer> unreplaced = new ArrayList<>();
        array(s, "unreplacedUnits").forEach(n -> unreplaced.add(n.asInt()));
        Hierarchy hierarchy = null;
        if (s.has("hierarchy") && !s.get("hierarchy").isNull()) {
            JsonNode h = s.get("hierarchy");
            List<Hierarchy.Refined> refined = new ArrayList<>();
            for (JsonNode g : array(h, "refined")) {
                refined.add(new Hierarchy.Refined(whole(g, "group"), text(g, "text"), whole(g, "words"),
                        whole(g, "samples")));
            }
            hierarchy = new Hierarchy(text(h, "groups"), whole(h, "count"), whole(h, "groupSamples"), refined);
        }
        SamplingReport sampling = new SamplingReport(text(s, "budget"), whole(s, "samples"), whole(s, "rounds"),
                stopReason(text(s, "stopReason")), whole(s, "topK"), number(s, "topKStability"), number(s, "level"),
                lower, upper, unreplaced, hierarchy);
        JsonNode tokenNode = root.path("outputTokens");
        int[] tokens = new int[tokenNode.size()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = tokenNode.get(i).asInt();
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode o : root.path("samples")) {
            JsonNode w = o.get("weight");
            samples.add(new Sample(Mask.parse(text(o, "mask")), text(o, "prompt"), number(o, "inputDistance"),
                    w == null || w.isNull() ? Double.POSITIVE_INFINITY : w.asDouble(), number(o, "outputDistance"),
                    o.path("output").asText("")));
        }
        List<Warning> warnings = new ArrayList<>();
        for (JsonNode w : root.path("warnings")) {
            warnings.add(new Warning(Warning.Code.of(text(w, "code")), text(w, "message"), text(w, "remedy")));
        }
        List<Artifact> artifacts = new ArrayList<>();
        for (JsonNode a : root.path("files")) {
            artifacts.add(new Artifact(text(a, "role"), text(a, "file"), a.path("mask").asText(""),
                    a.path("prompt").asText(""), number(a, "outputDistance"), a.path("sha256").asText("")));
        }
        return new Explanation(new Baseline(text(root, "prompt"), text(root, "output"), tokens), attribution, fit,
                samples, sampling, cost, provenance, warnings, artifacts);
    }

    private static StopReason stopReason(String label) {
        for (StopReason r : StopReason.values()) {
            if (r.label().equals(label)) {
                return r;
            }
        }
        throw new UserInputException("not an explanation: unknown sampling.stopReason '" + label + "'");
    }

    private static JsonNode field(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new UserInputException("not an explanation: the JSON has no '" + key + "'");
        }
        return v;
    }

    private static JsonNode object(JsonNode node, String key) {
        JsonNode v = field(node, key);
        if (!v.isObject()) {
            throw new UserInputException("not an explanation: '" + key + "' is not an object");
        }
        return v;
    }

    private static JsonNode array(JsonNode node, String key) {
        JsonNode v = field(node, key);
        if (!v.isArray()) {
            throw new UserInputException("not an explanation: '" + key + "' is not a list");
        }
        return v;
    }

    private static String text(JsonNode node, String key) {
        return field(node, key).asText();
    }

    private static int whole(JsonNode node, String key) {
        JsonNode v = field(node, key);
        if (!v.canConvertToInt()) {
            throw new UserInputException("not an explanation: '" + key + "' is not a whole number");
        }
        return v.asInt();
    }

    private static long whole64(JsonNode node, String key) {
        JsonNode v = field(node, key);
        if (!v.canConvertToLong()) {
            throw new UserInputException("not an explanation: '" + key + "' is not a whole number");
        }
        return v.asLong();
    }

    private static double number(JsonNode node, String key) {
        JsonNode v = field(node, key);
        if (!v.isNumber() && !v.isNull()) {
            throw new UserInputException("not an explanation: '" + key + "' is not a number");
        }
        return value(v);
    }

    private static double value(JsonNode v) {
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    private static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        Iterator<JsonNode> it = array.elements();
        for (int i = 0; it.hasNext(); i++) {
            d[i] = value(it.next());
        }
        return d;
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
}
