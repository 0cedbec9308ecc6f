package org.gsmile.experiments.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gsmile.core.UserInputException;
import org.gsmile.experiments.plan.MetricsConfig.AccuracyOptions;
import org.gsmile.experiments.plan.MetricsConfig.ConsistencyOptions;
import org.gsmile.experiments.plan.MetricsConfig.FaithfulnessOptions;
import org.gsmile.experiments.plan.MetricsConfig.FidelityOptions;
import org.gsmile.experiments.plan.MetricsConfig.StabilityOptions;
import org.gsmile.metrics.stability.PromptChange;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/** The {@code metrics} section: each metric's options checked, defaults filled. */
final class MetricsSection {
    static final List<String> METRIC_KEYS = MetricsConfig.METRICS;
    private static final int MANY = 1000;

    private final Nodes nodes;
    private final List<ModelEntry> models;
    private final List<CaseEntry> cases;
    private final List<String> warnings;

    private MetricsSection(Nodes nodes, List<ModelEntry> models, List<CaseEntry> cases, List<String> warnings) {
        this.nodes = nodes;
        this.models = models;
        this.cases = cases;
        this.warnings = warnings;
    }

    /** @param metrics the {@code metrics} entry, or null for none */
    static MetricsConfig read(Nodes nodes, NodeTuple metrics, List<ModelEntry> models, List<CaseEntry> cases,
                              List<String> warnings) {
        if (metrics == null || Nodes.isNull(metrics.getValueNode())) {
            return MetricsConfig.none();
        }
        return new MetricsSection(nodes, models, cases, warnings).read(nodes.mapping(metrics.getValueNode(), "metrics",
                ", like {fidelity: {fresh: 32}, consistency: {}}"));
    }

    private MetricsConfig read(MappingNode map) {
        FidelityOptions fidelity = null;
        AccuracyOptions accuracy = null;
        ConsistencyOptions consistency = null;
        StabilityOptions stability = null;
        FaithfulnessOptions faithfulness = null;
        for (Map.Entry<String, NodeTuple> e : nodes.entries(map, "metrics", METRIC_KEYS, ExperimentFile::elsewhere)
                .entrySet()) {
            String metric = e.getKey();
            Map<String, NodeTuple> o = options(metric, e.getValue().getValueNode());
            switch (metric) {
                case "fidelity" -> fidelity = new FidelityOptions(whole(o, metric, "fresh", 1, 100_000,
                        FidelityOptions.DEFAULT_FRESH));
                case "accuracy" -> {
                    accuracy = new AccuracyOptions(whole(o, metric, "k", 1, Integer.MAX_VALUE, AccuracyOptions.DEFAULT_K),
                            !o.containsKey("exactShapley")
                                    || nodes.bool(o.get("exactShapley").getValueNode(), "accuracy.exactShapley"));
                    needsRelevant(e.getValue().getKeyNode(), accuracy.exactShapley());
                }
                case "consistency" -> consistency = new ConsistencyOptions(whole(o, metric, "runs", 2, MANY,
                        ConsistencyOptions.DEFAULT_RUNS));
                case "stability" -> stability = stability(o);
                case "faithfulness" -> faithfulness = faithfulness(o);
                default -> throw new IllegalStateException(metric);
            }
        }
        return new MetricsConfig(fidelity, accuracy, consistency, stability, faithfulness);
    }

    private static List<String> keysOf(String metric) {
        return switch (metric) {
            case "fidelity" -> List.of("fresh");
            case "accuracy" -> List.of("k", "exactShapley");
            case "consistency" -> List.of("runs");
            case "stability" -> List.of("k", "changes", "words", "seeds");
            case "faithfulness" -> List.of("k", "random", "modelAccuracy");
            default -> throw new IllegalStateException(metric);
        };
    }

    /** A metric's options: null and {} for the defaults. */
    private Map<String, NodeTuple> options(String metric, Node value) {
        if (Nodes.isNull(value)) {
            return Map.of();
        }
        MappingNode m = nodes.mapping(value, metric, " (its options, or {} for the defaults)");
        return nodes.entries(m, metric, keysOf(metric), null);
    }

    private int whole(Map<String, NodeTuple> o, String metric, String key, int min, int max, int otherwise) {
        NodeTuple t = o.get(key);
        return t == null ? otherwise : nodes.wholeInt(t.getValueNode(), metric + "." + key, min, max, "a whole number");
    }

    /** Without ground truth, accuracy is its agreement with exact Shapley values alone, if that is computed. */
    private void needsRelevant(Node at, boolean exactShapley) {
        List<String> without = cases.stream().filter(c -> !c.hasRelevant()).map(CaseEntry::id).toList();
        if (without.size() == cases.size() && !exactShapley) {
            throw nodes.error(at, "accuracy needs ground truth and no case has any: give cases their relevant words,"
                    + " as in {id: rain, prompt: \"Remove the rain.\", relevant: [rain]}, or leave accuracy out");
        }
        if (without.size() == cases.size()) {
            warnings.add("accuracy: no case has relevant words, so ATT-AUROC and precision@k are skipped and accuracy"
                    + " is the agreement with exact Shapley values alone");
            return;
        }
        if (!without.isEmpty()) {
            warnings.add("accuracy: " + without.size() + " of " + cases.size() + " cases have no relevant words ("
                    + abbreviate(without) + "): ATT-AUROC and precision@k skip them");
        }
    }

    private static String abbreviate(List<String> ids) {
        return ids.size() <= 5 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 5)) + ", ...";
    }

    private StabilityOptions stability(Map<String, NodeTuple> o) {
        int k = whole(o, "stability", "k", 1, Integer.MAX_VALUE, StabilityOptions.DEFAULT_K);
        List<String> changes = StabilityOptions.CHANGES;
        if (o.containsKey("changes")) {
            changes = new ArrayList<>();
            List<Node> seen = new ArrayList<>();
            for (Node n : nodes.list(o.get("changes").getValueNode(), "stability.changes",
                    ", like changes: [start, middle, end, punctuation]")) {
                String c = nodes.name(n, "stability.changes");
                try {
                    PromptChange.of(c);
                } catch (UserInputException x) {
                    throw nodes.error(n, x.template());
                }
                int before = changes.indexOf(c);
                if (before >= 0) {
                    throw nodes.error(n, "stability.changes lists " + c + " twice (first at " + Nodes.at(seen.get(before))
                            + "): remove one");
                }
                changes.add(c);
                seen.add(n);
            }
        }
        List<String> words = StabilityOptions.DEFAULT_WORDS;
        if (o.containsKey("words")) {
            NodeTuple t = o.get("words");
            if (changes.stream().noneMatch(c -> !c.equals("punctuation"))) {
                throw nodes.error(t.getKeyNode(), "stability.words has no effect without start, middle or end in"
                        + " stability.changes: they are the words those changes insert; leave words out");
            }
            words = new ArrayList<>();
            List<Node> seen = new ArrayList<>();
            for (Node n : nodes.list(t.getValueNode(), "stability.words", ", like words: [please, \"###\"]")) {
                String w = nodes.nonBlank(n, "a stability word", "a neutral word, like please");
                if (!w.strip().equals(w) || w.codePoints().anyMatch(Character::isWhitespace)) {
                    throw nodes.error(n, "a stability word is one word, without spaces, got " + Nodes.describe(n)
                            + ": list each word on its own");
                }
                if (w.contains("[[") || w.contains("]]")) {
                    throw nodes.error(n, "a stability word holds [[ or ]], which would read as a unit marker, got "
                            + Nodes.describe(n) + ": give plain words");
                }
                int before = words.indexOf(w);
                if (before >= 0) {
                    throw nodes.error(n, "stability.words lists " + w + " twice (first at " + Nodes.at(seen.get(before))
                            + "): remove one");
                }
                words.add(w);
                seen.add(n);
            }
        }
        int seeds = StabilityOptions.DEFAULT_SEEDS;
        if (o.containsKey("seeds")) {
            Node n = o.get("seeds").getValueNode();
            seeds = nodes.wholeInt(n, "stability.seeds", 0, MANY, "a whole number");
        }
        return new StabilityOptions(k, changes, words, seeds);
    }

    private FaithfulnessOptions faithfulness(Map<String, NodeTuple> o) {
        int k = whole(o, "faithfulness", "k", 1, Integer.MAX_VALUE, FaithfulnessOptions.DEFAULT_K);
        int random = whole(o, "faithfulness", "random", 1, MANY, FaithfulnessOptions.DEFAULT_RANDOM);
        Map<String, Double> accuracy = new LinkedHashMap<>();
        NodeTuple t = o.get("modelAccuracy");
        if (t != null) {
            List<String> names = models.stream().map(ModelEntry::name).toList();
            MappingNode m = nodes.mapping(t.getValueNode(), "faithfulness.modelAccuracy",
                    " from model name to accuracy, like {" + names.get(0) + ": 0.31}");
            if (m.getValue().isEmpty()) {
                throw nodes.error(t.getValueNode(), "faithfulness.modelAccuracy is empty: give every model's accuracy"
                        + " (" + Nodes.all(names) + "), or leave modelAccuracy out");
            }
            if (names.size() < 2) {
                throw nodes.error(t.getKeyNode(), "faithfulness.modelAccuracy correlates the models' mean ATT-AUROC with"
                        + " their accuracy, so it needs two or more models; this experiment has one: leave modelAccuracy"
                        + " out, or add models");
            }
            if (cases.stream().noneMatch(CaseEntry::hasRelevant)) {
                throw nodes.error(t.getKeyNode(), "faithfulness.modelAccuracy correlates the models' mean ATT-AUROC,"
                        + " which needs ground truth, and no case has any: give cases their relevant words, or leave"
                        + " modelAccuracy out");
            }
            Map<String, Double> given = new LinkedHashMap<>();
            for (NodeTuple e : m.getValue()) {
                String name = nodes.text(e.getKeyNode(), "a model name");
                if (!names.contains(name)) {
                    String near = Nodes.nearest(name, names);
                    throw nodes.error(e.getKeyNode(), "faithfulness.modelAccuracy names '" + name + "', which is not a"
                            + " model of this experiment: " + (near != null ? "did you mean " + near + "? " : "")
                            + "the models are " + Nodes.all(names));
                }
                double a = nodes.number(e.getValueNode(), "faithfulness.modelAccuracy." + name);
                if (!(a >= 0 && a <= 1)) {
                    throw nodes.error(e.getValueNode(), "faithfulness.modelAccuracy." + name + " is an accuracy, between 0"
                            + " and 1, got " + ExplainerSection.format(a));
                }
                given.put(name, a);
            }
            List<String> missing = names.stream().filter(n -> !given.containsKey(n)).toList();
            if (!missing.isEmpty()) {
                throw nodes.error(t.getKeyNode(), "faithfulness.modelAccuracy has no accuracy for "
                        + Nodes.all(missing) + ": give one for every model (" + Nodes.all(names) + ")");
            }
            names.forEach(n -> accuracy.put(n, given.get(n)));
            if (names.size() == 2) {
                warnings.add("faithfulness: with two models the correlation of ATT-AUROC with modelAccuracy is +1 or -1;"
                        + " it says more with three or more");
            }
            if (accuracy.values().stream().distinct().count() == 1) {
                throw nodes.error(t.getValueNode(), "faithfulness.modelAccuracy gives every model the same accuracy, "
                        + ExplainerSection.format(accuracy.values().iterator().next())
                        + ": a correlation needs accuracies that differ");
            }
        }
        return new FaithfulnessOptions(k, random, accuracy);
    }
}
