package org.gsmile.metrics;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.gsmile.core.spec.Choice;

/**
 * An {@link Evaluation} as the JSON object {@code gsmile evaluate --format json} prints and each
 * experiment cell stores under {@code metrics}: one key per metric computed ({@code fidelity},
 * {@code accuracy}, {@code consistency}, {@code stability}, {@code faithfulness}), each holding its
 * record's components by name, then {@code skipped} and {@code costs}. Non-finite numbers are
 * null; options are written by their user names.
 */
public final class EvaluationJson {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new SimpleModule()
            .addSerializer(Choice.class, new JsonSerializer<>() {
                @Override
                public void serialize(Choice c, JsonGenerator g, SerializerProvider p) throws IOException {
                    g.writeString(c.label());
                }
            }));

    private EvaluationJson() {
    }

    public static ObjectNode tree(Evaluation v) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode fidelity = root.putObject("fidelity");
        fidelity.set("inSample", JSON.valueToTree(v.inSample()));
        if (v.outOfSample() != null) {
            ObjectNode out = JSON.valueToTree(v.outOfSample());
            out.set("predicted", JSON.valueToTree(v.predicted()));
            out.set("actual", JSON.valueToTree(v.actual()));
            fidelity.set("outOfSample", out);
        }
        if (v.accuracy() != null || v.shapley() != null || v.skipped().containsKey("accuracy")
                || v.skipped().containsKey("shapley")) {
            ObjectNode accuracy = v.accuracy() == null ? root.putObject("accuracy") : JSON.valueToTree(v.accuracy());
            root.set("accuracy", accuracy);
            if (v.shapley() != null) {
                accuracy.set("shapley", JSON.valueToTree(v.shapley()));
            } else if (v.skipped().containsKey("shapley")) {
                accuracy.putObject("shapley").put("skipped", v.skipped().get("shapley"));
            }
            if (v.accuracy() == null && v.skipped().containsKey("accuracy")) {
                accuracy.put("skipped", v.skipped().get("accuracy"));
            }
        }
        if (v.consistency() != null) {
            ObjectNode c = JSON.valueToTree(v.consistency());
            c.set("scores", JSON.valueToTree(v.runScores()));
            root.set("consistency", c);
        }
        if (v.stability() != null) {
            root.set("stability", JSON.valueToTree(v.stability()));
        }
        if (v.faithfulness() != null) {
            root.set("faithfulness", JSON.valueToTree(v.faithfulness()));
        }
        ObjectNode costs = root.putObject("costs");
        for (Map.Entry<String, Evaluation.MetricCost> c : v.costs().entrySet()) {
            costs.set(c.getKey(), JSON.valueToTree(c.getValue()));
        }
        nullNonFinite(root);
        return root;
    }

    /** NaN and ±∞ become null: JSON has no such numbers, and a reader should see "not defined". */
    static void nullNonFinite(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getValue().isFloatingPointNumber() && !Double.isFinite(f.getValue().asDouble())) {
                    f.setValue(JsonNodeFactory.instance.nullNode());
                } else {
                    nullNonFinite(f.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isFloatingPointNumber() && !Double.isFinite(a.get(i).asDouble())) {
                    a.set(i, JsonNodeFactory.instance.nullNode());
                } else {
                    nullNonFinite(a.get(i));
                }
            }
        }
    }
}
