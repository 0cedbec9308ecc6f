package org.gsmile.experiments.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.gsmile.core.UserInputException;
import org.gsmile.core.spec.Choice;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.KernelKind;
import org.gsmile.core.spec.Method;
import org.gsmile.core.spec.OperatorKind;
import org.gsmile.core.spec.Preset;
import org.gsmile.core.spec.SampleBudget;
import org.gsmile.core.spec.SamplerKind;
import org.gsmile.core.spec.SignConvention;
import org.gsmile.core.spec.SpecConfig;
import org.gsmile.core.spec.SurrogateKind;
import org.gsmile.core.spec.UnitKind;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The {@code explainer} and {@code grid} sections: each setting's value checked where it is written,
 * the grid expanded (cartesian product, {@code zip}, {@code exclude}) and every point's spec built,
 * a refusal reported at the value responsible for it at that point.
 */
final class ExplainerSection {
    /** The explainer keys, exactly the spec's settings, in the order the documentation lists them. */
    static final List<String> KEYS = List.of("preset", "units", "operator", "maskToken", "sampler", "kernel",
            "surrogate", "distance", "reference", "samples", "maxSamples", "topK", "keep", "sigma", "maxNewTokens",
            "sign");
    /** The command line's bound on samples (ExplainOptions.MAX_SAMPLES): more than any analysis needs. */
    static final int MAX_SAMPLES = 100_000;
    /** The most grid points an experiment may have (before exclude). */
    static final int MAX_POINTS = 10_000;
    private static final Pattern SETTING = Pattern.compile("\\{([a-zA-Z]+)(?:=[^}]*)?}");

    private final Nodes nodes;
    /** Where a refusal that names no given setting is reported: the explainer key, else the file's top. */
    private final Node anchor;
    private final Map<String, Object> fixed = new LinkedHashMap<>();
    private final Map<String, Node> fixedNodes = new HashMap<>();
    private final List<AxisIn> axes = new ArrayList<>();

    /** An axis as read: its key, and each value with the node it was written at. */
    private record AxisIn(String key, Node keyNode, List<Object> values, List<Node> valueNodes) {
    }

    private ExplainerSection(Nodes nodes, Node anchor) {
        this.nodes = nodes;
        this.anchor = anchor;
    }

    /**
     * @param explainer the {@code explainer} entry, or null
     * @param grid      the {@code grid} entry, or null
     * @param root      the file's top mapping
     */
    static Grid read(Nodes nodes, NodeTuple explainer, NodeTuple grid, Node root) {
        ExplainerSection s = new ExplainerSection(nodes, explainer != null ? explainer.getKeyNode() : root);
        if (explainer != null && !Nodes.isNull(explainer.getValueNode())) {
            s.readSettings(nodes.mapping(explainer.getValueNode(), "explainer", ", like {preset: default, samples: 64}"));
        }
        List<List<String>> zip = new ArrayList<>();
        List<Map<String, Object>> exclude = new ArrayList<>();
        List<Node> excludeNodes = new ArrayList<>();
        Node excludeKey = null;
        if (grid != null && !Nodes.isNull(grid.getValueNode())) {
            MappingNode g = nodes.mapping(grid.getValueNode(), "grid", ", like {zip: [[samples, kernel]]}");
            if (s.axes.isEmpty()) {
                throw nodes.error(grid.getKeyNode(), "grid has nothing to combine: no explainer setting is a list;"
                        + " vary one with a list, as in {samples=[32, 64]}, or leave grid out");
            }
            Map<String, NodeTuple> e = nodes.entries(g, "grid", List.of("zip", "exclude"), ExperimentFile::elsewhere);
            if (e.containsKey("zip")) {
                zip = s.readZip(e.get("zip").getValueNode());
            }
            if (e.containsKey("exclude")) {
                excludeKey = e.get("exclude").getKeyNode();
                for (Node entry : nodes.list(e.get("exclude").getValueNode(), "grid exclude",
                        ", like exclude: [{samples: 32, kernel: gaussian}]")) {
                    exclude.add(s.readExclude(entry));
                    excludeNodes.add(entry);
                }
            }
        }
        s.checkRepeats(zip);
        return s.expand(zip, exclude, excludeNodes, excludeKey);
    }

    /** An axis on its own lists each value once (a zipped one may repeat a value: its tuples are checked). */
    private void checkRepeats(List<List<String>> zip) {
        for (AxisIn a : axes) {
            if (zip.stream().anyMatch(g -> g.contains(a.key))) {
                continue;
            }
            for (int i = 0; i < a.values.size(); i++) {
                int before = a.values.indexOf(a.values.get(i));
                if (before < i) {
                    throw nodes.error(a.valueNodes.get(i), "{" + a.key + "} lists " + format(a.values.get(i))
                            + " twice (first at " + Nodes.at(a.valueNodes.get(before)) + "): remove one");
                }
            }
        }
    }

    // ---- settings ----------------------------------------------------------------------------

    private void readSettings(MappingNode map) {
        for (Map.Entry<String, NodeTuple> e : nodes.entries(map, "explainer", KEYS, ExplainerSection::notExplainer)
                .entrySet()) {
            String key = e.getKey();
            Node v = e.getValue().getValueNode();
            if (Nodes.isNull(v)) {
                throw nodes.error(e.getValue().getKeyNode(), "{" + key
                        + "} has no value: give one (a list of values varies it), or leave {" + key + "} out");
            }
            if (v instanceof SequenceNode q) {
                if (q.getValue().isEmpty()) {
                    throw nodes.error(v, "{" + key + "} is an empty list: give the values to vary, as in "
                            + key + ": [" + example(key) + "], or leave {" + key + "} out");
                }
                List<Object> values = new ArrayList<>();
                List<Node> valueNodes = new ArrayList<>();
                for (Node item : q.getValue()) {
                    values.add(value(key, item));
                    valueNodes.add(item);
                }
                axes.add(new AxisIn(key, e.getValue().getKeyNode(), values, valueNodes));
            } else {
                fixed.put(key, value(key, v));
                fixedNodes.put(key, v);
            }
        }
    }

    /** Keys that belong elsewhere in the file, said so rather than "did you mean". */
    private static String notExplainer(String key) {
        return switch (key) {
            case "model", "models" -> "models are listed at the top level, under models";
            case "prompt", "prompts", "cases" -> "prompts are listed at the top level, under cases";
            case "seed", "seeds" -> key + " is the experiment's, at the top level (each cell derives its own seed)";
            case "zip", "exclude" -> key + " belongs under grid, at the top level";
            case "concurrency" -> "concurrency is the run's (cells at once, at the top level) or a model's (calls at"
                    + " once, on the model entry)";
            case "logprobs", "apiKeyEnv", "cache", "maxRetries", "timeout" -> key
                    + " is a model setting: give it on the model entry, as in models: [{ref: ..., " + key + ": ...}]";
            default -> MetricsSection.METRIC_KEYS.contains(key) ? key + " is a metric: list it under metrics" : null;
        };
    }

    /** A value of an explainer setting, checked on its own, in the form {@link Grid} holds it. */
    private Object value(String key, Node n) {
        return switch (key) {
            case "preset" -> choice(key, n, Preset::of);
            case "units" -> choice(key, n, UnitKind::of);
            case "operator" -> choice(key, n, OperatorKind::of);
            case "sampler" -> choice(key, n, SamplerKind::of);
            case "kernel" -> choice(key, n, KernelKind::of);
            case "surrogate" -> choice(key, n, SurrogateKind::of);
            case "distance" -> choice(key, n, DistanceKind::of);
            case "sign" -> choice(key, n, SignConvention::of);
            case "reference" -> {
                String name = nodes.name(n, "{reference}");
                Method m = (Method) choice(key, n, Method::of, name);
                if (!m.isReference()) {
                    throw nodes.error(n, "unknown {reference} '" + name + "': choose shapley or loo (without"
                            + " {reference} the surrogate explains)");
                }
                yield m.label();
            }
            case "maskToken" -> nodes.text(n, "{maskToken}");
            case "samples" -> {
                if (Nodes.isText(n) && nodes.text(n, key).strip().equalsIgnoreCase("auto")) {
                    yield "auto";
                }
                yield nodes.wholeInt(n, "{samples}", 1, MAX_SAMPLES, "a whole number from 1 to " + MAX_SAMPLES
                        + " or auto");
            }
            case "maxSamples" -> nodes.wholeInt(n, "{maxSamples}", SampleBudget.MIN_AUTO, MAX_SAMPLES,
                    "a whole number from " + SampleBudget.MIN_AUTO + " to " + MAX_SAMPLES);
            case "topK", "maxNewTokens" -> nodes.wholeInt(n, "{" + key + "}", Integer.MIN_VALUE, Integer.MAX_VALUE,
                    "a whole number");
            case "keep", "sigma" -> nodes.number(n, "{" + key + "}");
            default -> throw new IllegalStateException("no reader for " + key);
        };
    }

    private Object choice(String key, Node n, Function<String, ? extends Choice> of) {
        return ((Choice) choice(key, n, of, nodes.name(n, "{" + key + "}"))).label();
    }

    private Object choice(String key, Node n, Function<String, ? extends Choice> of, String name) {
        try {
            return of.apply(name);
        } catch (UserInputException e) {
            throw nodes.error(n, e.template());
        }
    }

    private static String example(String key) {
        return switch (key) {
            case "samples" -> "32, 64";
            case "kernel" -> "shapley, gaussian";
            case "keep" -> "0.3, 0.5";
            case "sigma" -> "0.25, 0.5";
            case "preset" -> "default, thesis";
            case "units" -> "words, sentences";
            default -> "...";
        };
    }

    /** A value as a label shows it: 0.5, 64, gaussian. */
    static String format(Object value) {
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    // ---- grid --------------------------------------------------------------------------------

    private AxisIn axis(String key) {
        for (AxisIn a : axes) {
            if (a.key.equals(key)) {
                return a;
            }
        }
        return null;
    }

    /** A name in zip or exclude that must be an axis. */
    private AxisIn axisNamed(Node n, String key, String in) {
        AxisIn a = axis(key);
        if (a != null) {
            return a;
        }
        if (KEYS.contains(key)) {
            throw nodes.error(n, in + " names {" + key + "}, which has one value: only settings given as a list are"
                    + " grid axes (" + axisNames() + "); give {" + key + "} a list to vary it");
        }
        String near = Nodes.nearest(key, axes.stream().map(AxisIn::key).toList());
        if (near == null) {
            near = Nodes.nearest(key, KEYS);
        }
        throw nodes.error(n, in + " names '" + key + "', which is not a grid axis: "
                + (near != null ? "did you mean " + near + "? " : "") + "the axes are " + axisNames());
    }

    private String axisNames() {
        return Nodes.all(axes.stream().map(AxisIn::key).toList());
    }

    private List<List<String>> readZip(Node zipNode) {
        List<List<String>> groups = new ArrayList<>();
        Map<String, Node> zipped = new HashMap<>();
        for (Node g : nodes.list(zipNode, "zip", ", like zip: [[samples, kernel]]")) {
            if (!(g instanceof SequenceNode q)) {
                throw nodes.error(g, "zip takes a list of groups, each a list of axes varied together, like"
                        + " zip: [[samples, kernel]], got " + Nodes.describe(g));
            }
            if (q.getValue().size() < 2) {
                throw nodes.error(g, "a zip group varies two or more axes together, got "
                        + (q.getValue().isEmpty() ? "none" : "only " + Nodes.describe(q.getValue().get(0)))
                        + ": an axis on its own needs no zip");
            }
            List<String> group = new ArrayList<>();
            AxisIn first = null;
            for (Node item : q.getValue()) {
                String key = nodes.name(item, "a zip group");
                AxisIn a = axisNamed(item, key, "zip");
                Node before = zipped.putIfAbsent(key, item);
                if (before != null) {
                    throw nodes.error(item, "zip names {" + key + "} twice (first at " + Nodes.at(before)
                            + "): an axis is in one group at most");
                }
                if (first == null) {
                    first = a;
                } else if (a.values.size() != first.values.size()) {
                    throw nodes.error(g, "zip " + "[" + String.join(", ", group) + ", " + key + "] varies lists of"
                            + " different lengths: {" + first.key + "} has " + first.values.size() + " values, {" + key
                            + "} " + a.values.size() + "; give them equal lengths, or leave them out of zip");
                }
                group.add(key);
            }
            // Values may repeat within one zipped axis, but not the tuples.
            Map<List<Object>, Integer> tuples = new HashMap<>();
            for (int i = 0; i < first.values.size(); i++) {
                List<Object> t = new ArrayList<>();
                for (String key : group) {
                    t.add(axis(key).values.get(i));
                }
                Integer before = tuples.putIfAbsent(t, i);
                if (before != null) {
                    throw nodes.error(g, "zip " + group + " gives " + tupleLabel(group, t) + " twice (values "
                            + (before + 1) + " and " + (i + 1) + "): remove one");
                }
            }
            groups.add(group);
        }
        return groups;
    }

    private static String tupleLabel(List<String> keys, List<Object> values) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            parts.add(keys.get(i) + "=" + format(values.get(i)));
        }
        return String.join(" ", parts);
    }

    private Map<String, Object> readExclude(Node entry) {
        if (!(entry instanceof MappingNode m)) {
            throw nodes.error(entry, "an exclude entry takes axis values, like {samples: 32, kernel: gaussian}, got "
                    + Nodes.describe(entry));
        }
        if (m.getValue().isEmpty()) {
            throw nodes.error(entry, "an exclude entry is empty: it would remove every grid point; name axis values,"
                    + " like {samples: 32, kernel: gaussian}");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = nodes.text(t.getKeyNode(), "an exclude key");
            AxisIn a = axisNamed(t.getKeyNode(), key, "exclude");
            Object value = value(key, t.getValueNode());
            if (!a.values.contains(value)) {
                throw nodes.error(t.getValueNode(), "exclude {" + key + "} " + format(value) + " is not a value of the {"
                        + key + "} axis (" + a.values.stream().map(ExplainerSection::format)
                        .collect(Collectors.joining(", ")) + ")");
            }
            out.put(key, value);
        }
        return out;
    }

    /** The grid points: the cartesian product of the axes (zip groups as one), first axis slowest, less the excluded. */
    private Grid expand(List<List<String>> zip, List<Map<String, Object>> exclude, List<Node> excludeNodes,
                        Node excludeKey) {
        // Dimensions: an axis on its own, or a zip group at the place of its first axis.
        List<List<Integer>> dims = new ArrayList<>();
        Map<String, List<Integer>> groupOf = new HashMap<>();
        for (List<String> group : zip) {
            List<Integer> d = group.stream().map(k -> axes.indexOf(axis(k))).sorted().toList();
            for (String k : group) {
                groupOf.put(k, d);
            }
        }
        for (int i = 0; i < axes.size(); i++) {
            List<Integer> d = groupOf.getOrDefault(axes.get(i).key, List.of(i));
            if (!dims.contains(d)) {
                dims.add(d);
            }
        }
        long total = 1;
        for (List<Integer> d : dims) {
            total *= axes.get(d.get(0)).values.size();
            if (total > MAX_POINTS) {
                throw nodes.error(anchor, "the grid has more than " + MAX_POINTS + " points: vary fewer settings, zip"
                        + " some together, or split the experiment");
            }
        }
        List<int[]> points = new ArrayList<>();
        int[] counter = new int[dims.size()];
        for (long p = 0; p < total; p++) {
            int[] index = new int[axes.size()];
            for (int d = 0; d < dims.size(); d++) {
                for (int a : dims.get(d)) {
                    index[a] = counter[d];
                }
            }
            points.add(index);
            for (int d = dims.size() - 1; d >= 0; d--) {
                if (++counter[d] < axes.get(dims.get(d).get(0)).values.size()) {
                    break;
                }
                counter[d] = 0;
            }
        }
        boolean[] removed = new boolean[points.size()];
        for (int x = 0; x < exclude.size(); x++) {
            boolean matched = false;
            for (int p = 0; p < points.size(); p++) {
                if (matches(exclude.get(x), points.get(p))) {
                    removed[p] = true;
                    matched = true;
                }
            }
            if (!matched) {
                throw nodes.error(excludeNodes.get(x), "this exclude matches no grid point (zipped axes vary together):"
                        + " remove it");
            }
        }
        List<Grid.Point> kept = new ArrayList<>();
        Map<Map<String, Object>, String> configs = new HashMap<>();
        for (int p = 0; p < points.size(); p++) {
            if (removed[p]) {
                continue;
            }
            Grid.Point point = point(points.get(p));
            Map<String, Object> config = SpecConfig.toMap(point.spec(), null, Map.of());
            String same = configs.putIfAbsent(config, point.label());
            if (same != null) {
                throw nodes.error(anchor, "grid points " + same + " and " + point.label() + " explain the same way"
                        + " (the spec ignores the setting that differs): remove one of the values");
            }
            kept.add(point);
        }
        if (kept.isEmpty()) {
            throw nodes.error(excludeKey, "grid exclude removes every grid point: leave at least one");
        }
        List<Grid.Axis> gridAxes = axes.stream().map(a -> new Grid.Axis(a.key, a.values)).toList();
        return new Grid(fixed, gridAxes, zip, exclude, kept);
    }

    private boolean matches(Map<String, Object> exclude, int[] index) {
        for (Map.Entry<String, Object> e : exclude.entrySet()) {
            AxisIn a = axis(e.getKey());
            if (!a.values.get(index[axes.indexOf(a)]).equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The point at these value indexes, its spec built; a refusal is reported where it was caused. */
    private Grid.Point point(int[] index) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int a = 0; a < axes.size(); a++) {
            values.put(axes.get(a).key, axes.get(a).values.get(index[a]));
        }
        String label = axes.isEmpty() ? "default" : values.entrySet().stream()
                .map(e -> e.getKey() + "=" + format(e.getValue())).collect(Collectors.joining(" "));
        Map<String, Object> all = new LinkedHashMap<>(fixed);
        all.putAll(values);
        try {
            return new Grid.Point(label, values, spec(all));
        } catch (UserInputException e) {
            throw refusal(e.template(), index, values, label);
        }
    }

    /**
     * A spec refusal at a grid point, at the value of the first setting it names that is an axis (the
     * one that varies into the refusal), else at the first it names that is given, else at the explainer.
     */
    private ExperimentFileException refusal(String template, int[] index, Map<String, Object> values, String label) {
        Set<String> named = new LinkedHashSet<>();
        Matcher m = SETTING.matcher(template);
        while (m.find()) {
            named.add(m.group(1));
        }
        Node at = null;
        Map<String, Object> axisValues = new LinkedHashMap<>();
        int given = 0;
        for (String key : named) {
            AxisIn a = axis(key);
            if (a != null) {
                if (at == null) {
                    at = a.valueNodes.get(index[axes.indexOf(a)]);
                }
                axisValues.put(key, values.get(key));
                given++;
            } else if (fixedNodes.containsKey(key)) {
                given++;
            }
        }
        for (String key : named) {
            if (at == null && fixedNodes.containsKey(key)) {
                at = fixedNodes.get(key);
            }
        }
        if (at == null) {
            at = anchor;
        }
        if (axes.isEmpty()) {
            return nodes.error(at, template);
        }
        String leaveOut = given >= 2 && !axisValues.isEmpty()
                ? "; or leave the point out with grid: exclude: [{" + axisValues.entrySet().stream()
                .map(e -> e.getKey() + ": " + format(e.getValue())).collect(Collectors.joining(", ")) + "}]"
                : "";
        return nodes.error(at, "at grid point " + label + ": " + template + leaveOut);
    }

    /** The spec the settings name, built as the command line builds its own: only what is given is set. */
    static ExplanationSpec spec(Map<String, Object> settings) {
        ExplanationSpec.Builder b = ExplanationSpec.builder();
        settings.forEach((key, v) -> {
            switch (key) {
                case "preset" -> b.preset(Preset.of((String) v));
                case "units" -> b.units(UnitKind.of((String) v));
                case "operator" -> b.operator(OperatorKind.of((String) v));
                case "maskToken" -> b.maskToken((String) v);
                case "sampler" -> b.sampler(SamplerKind.of((String) v));
                case "kernel" -> b.kernel(KernelKind.of((String) v));
                case "surrogate" -> b.surrogate(SurrogateKind.of((String) v));
                case "distance" -> b.distance(DistanceKind.of((String) v));
                case "reference" -> b.method(Method.of((String) v));
                case "samples" -> {
                    if ("auto".equals(v)) {
                        b.budget(new SampleBudget.Auto(SampleBudget.DEFAULT_MAX));
                    } else {
                        b.samples((Integer) v);
                    }
                }
                case "maxSamples" -> b.maxSamples((Integer) v);
                case "topK" -> b.topK((Integer) v);
                case "keep" -> b.keep((Double) v);
                case "sigma" -> b.sigma((Double) v);
                case "maxNewTokens" -> b.maxNewTokens((Integer) v);
                case "sign" -> b.sign(SignConvention.of((String) v));
                default -> throw new IllegalArgumentException("not an explainer setting: " + key);
            }
        });
        return b.build();
    }
}
