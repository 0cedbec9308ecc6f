package org.gsmile.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every scalar of a cell's metric blocks under a dotted path ({@code fidelity.outOfSample.spearman}).
 * Lists of numbers (curves, predicted and actual distances, score arrays) are not scalars and are left
 * out; lists of objects are entered by their {@code change} label where they have one
 * ({@code stability.changes.start.ruzicka}), else by index ({@code consistency.units[2].cv}), and a
 * unit's own text and offsets are left out. JSON null (a number that was not finite) is NaN; a string
 * is a note (such as {@code accuracy.shapley.skipped}), kept apart.
 */
final class MetricPaths {
    private MetricPaths() {
    }

    record Flat(Map<String, Double> values, Map<String, String> notes) {
    }

    static Flat flatten(JsonNode metrics) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        walk("", metrics, values, notes);
        return new Flat(values, notes);
    }

    /** Whether a path is of one list element (per unit, per change): summaries over cells skip those. */
    static boolean perElement(String path) {
        return path.contains("[");
    }

    private static void walk(String path, JsonNode node, Map<String, Double> values, Map<String, String> notes) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                if (f.getKey().equals("unit") && f.getValue().isObject()) {
                    continue;
                }
                walk(path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getValue(), values, notes);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode el = node.get(i);
                if (!el.isObject()) {
                    return;
                }
                JsonNode label = el.get("change");
                String seg = label != null && label.isTextual() ? path + "." + label.asText() : path + "[" + i + "]";
                for (Map.Entry<String, JsonNode> f : el.properties()) {
                    if (f.getKey().equals("change") || (f.getKey().equals("unit") && f.getValue().isObject())) {
                        continue;
                    }
                    walk(seg + "." + f.getKey(), f.getValue(), values, notes);
                }
            }
        } else if (node.isNumber()) {
            values.put(path, node.asDouble());
        } else if (node.isNull()) {
            values.put(path, Double.NaN);
        } else if (node.isBoolean()) {
            values.put(path, node.asBoolean() ? 1.0 : 0.0);
        } else if (node.isTextual()) {
            notes.put(path, node.asText());
        }
    }
}
