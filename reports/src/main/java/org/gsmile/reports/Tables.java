package org.gsmile.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import tech.tablesaw.api.Table;

/**
 * The report's tables, as Tablesaw tables (saved as CSV under {@code tables/}), and the per-cell
 * metric values the plots draw from. Missing and non-finite numbers are empty cells in the CSV, except
 * a perturbation weight of +∞ (the anchors a Shapley-kernel fit holds exactly), written {@code Infinity}.
 */
final class Tables {
    /** One scalar of one cell's metric blocks. */
    record Value(Cell cell, String metric, double value) {
    }

    final Table explanations;
    final Table perturbations;
    final Table metrics;
    final Table summaryByModel;
    final Table summaryBySetting;
    final Table summaryByModelAndSetting;
    final Table modelComparison;
    final Table warnings;
    final ScenarioTables scenarios;
    final List<Value> values;
    final List<Headline> headlines;
    final List<String> models;
    final List<String> cases;
    final List<String> settings;

    private Tables(RunFolder run) {
        models = distinct(run.cells(), Cell::model, false);
        cases = distinct(run.cells(), Cell::caseName, true);
        settings = distinct(run.cells(), Cell::setting, true);
        explanations = explanations(run);
        perturbations = perturbations(run);
        values = new ArrayList<>();
        Rows warn = new Rows("warnings").text("source").text("cell").text("model").text("case").text("setting")
                .whole("replicate").text("code").text("blocks").text("message").text("remedy");
        metrics = metrics(run, values, warn);
        Set<String> present = new LinkedHashSet<>();
        values.forEach(v -> present.add(v.metric()));
        headlines = Headline.ALL.stream().filter(h -> present.contains(h.path())).toList();
        summaryByModel = summary("summary-by-model", List.of("model"), v -> List.of(v.cell().model()));
        summaryBySetting = summary("summary-by-setting", List.of("setting"), v -> List.of(v.cell().setting()));
        summaryByModelAndSetting = summary("summary-by-model-and-setting", List.of("model", "setting"),
                v -> List.of(v.cell().model(), v.cell().setting()));
        modelComparison = comparison(run);
        warnings = warnings(run, warn);
        scenarios = new ScenarioTables(run, values, models, metricOrder());
    }

    static Tables of(RunFolder run) {
        return new Tables(run);
    }

    /** The file names under {@code tables/}, each with what it holds, in the order the index lists them. */
    static final Map<String, String> FILES = files();

    private static Map<String, String> files() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("explanations.csv", "every unit of every explanation: score, normalised score, interval (long form)");
        m.put("perturbations.csv", "every perturbation an explanation fitted: mask, prompt, output, distances, weight");
        m.put("metrics.csv", "every scalar of every cell's metric blocks, by dotted path (long form)");
        m.put("summary-by-model.csv", "mean, sd, n and 95 % interval of each metric per model");
        m.put("summary-by-setting.csv", "the same per explainer setting");
        m.put("summary-by-model-and-setting.csv", "the same per model and setting (the heatmap's values)");
        m.put("model-comparison.csv", "one row per model, one column per headline metric (means)");
        m.put("warnings.csv", "the warnings of every explanation, failed cells, skipped metrics and problems reading the run");
        m.put("summary-by-scenario.csv", "scenario suites: mean, sd, n and 95 % interval of each metric per suite,"
                + " dimension, value and model (every cell counts once under each of its dimensions)");
        m.put("summary-by-scenario-and-setting.csv", "the same per suite, dimension, value, model and explainer setting"
                + " (how a preset or a budget does in each scenario)");
        m.put("summary-by-scenario-case.csv", "the same per suite, case and model (over its settings and replicates)");
        m.put("coverage.csv", "scenario suites: strategy, t, cases against the factorial, t-way combinations covered of"
                + " those allowed, the dimensions and their values");
        return m;
    }

    void writeCsv(Path dir) throws IOException {
        Files.createDirectories(dir);
        Table[] all = {explanations, perturbations, metrics, summaryByModel, summaryBySetting, summaryByModelAndSetting,
                modelComparison, warnings, scenarios.byValue, scenarios.byValueAndSetting, scenarios.byCase,
                scenarios.coverage};
        List<String> names = new ArrayList<>(FILES.keySet());
        for (int i = 0; i < all.length; i++) {
            all[i].write().csv(dir.resolve(names.get(i)).toFile());
        }
    }

    private static Table explanations(RunFolder run) {
        Rows rows = new Rows("explanations").text("cell").text("model").text("case").text("setting").whole("replicate")
                .whole64("seed").text("unit").whole("position").whole("start").whole("end").number("score")
                .number("normalized").number("lower").number("upper").text("sign");
        for (Cell c : run.cells()) {
            if (!c.ok()) {
                continue;
            }
            Explained e = new Explained(c.explanation());
            for (int i = 0; i < e.units().size(); i++) {
                Explained.Unit u = e.units().get(i);
                rows.add(c.id(), c.model(), c.caseName(), c.setting(), c.replicate(), c.seed(), u.text(), i + 1, u.start(),
                        u.end(), e.scores()[i], e.normalized()[i], e.lower()[i], e.upper()[i], e.sign());
            }
        }
        return rows.table();
    }

    private static Table perturbations(RunFolder run) {
        Rows rows = new Rows("perturbations").text("cell").text("model").text("case").text("setting").whole("replicate")
                .whole("sample").text("mask").text("prompt").text("output").number("inputDistance").number("weight")
                .number("outputDistance");
        for (Cell c : run.cells()) {
            if (!c.ok()) {
                continue;
            }
            int i = 0;
            for (JsonNode s : new Explained(c.explanation()).samples()) {
                JsonNode w = s.get("weight");
                double weight = w == null || w.isNull() ? Double.POSITIVE_INFINITY : w.asDouble();
                rows.add(c.id(), c.model(), c.caseName(), c.setting(), c.replicate(), i++, s.path("mask").asText(""),
                        s.path("prompt").asText(""), s.hasNonNull("output") ? s.get("output").asText() : null,
                        Explained.number(s.get("inputDistance")), weight, Explained.number(s.get("outputDistance")));
            }
        }
        return rows.table();
    }

    private static Table metrics(RunFolder run, List<Value> values, Rows warn) {
        Rows rows = new Rows("metrics").text("cell").text("model").text("case").text("setting").whole("replicate")
                .text("metric").number("value");
        for (Cell c : run.cells()) {
            MetricPaths.Flat flat = MetricPaths.flatten(c.metrics());
            for (Map.Entry<String, Double> m : flat.values().entrySet()) {
                rows.add(c.id(), c.model(), c.caseName(), c.setting(), c.replicate(), m.getKey(), m.getValue());
                if (!MetricPaths.perElement(m.getKey())) {
                    values.add(new Value(c, m.getKey(), m.getValue()));
                }
            }
            for (Map.Entry<String, String> note : flat.notes().entrySet()) {
                warn.add("metric", c.id(), c.model(), c.caseName(), c.setting(), c.replicate(),
                        note.getKey().endsWith(".skipped") ? "metric-skipped" : "metric-note", "no",
                        note.getKey() + ": " + note.getValue(), "");
            }
        }
        return rows.table();
    }

    private Table summary(String name, List<String> keys, Function<Value, List<String>> key) {
        Rows rows = new Rows(name);
        keys.forEach(rows::text);
        rows.text("metric");
        Map<List<String>, List<Double>> groups = new LinkedHashMap<>();
        for (List<String> g : groupOrder(keys)) {
            for (String metric : metricOrder()) {
                List<String> k = new ArrayList<>(g);
                k.add(metric);
                groups.put(k, new ArrayList<>());
            }
        }
        for (Value v : values) {
            List<String> k = new ArrayList<>(key.apply(v));
            k.add(v.metric());
            groups.computeIfAbsent(k, x -> new ArrayList<>()).add(v.value());
        }
        Map<List<String>, Stats> stats = new LinkedHashMap<>();
        groups.forEach((k, xs) -> stats.put(k, Stats.of(xs)));
        return statsTable(rows, stats);
    }

    /**
     * The summary columns (n, missing, mean, sd, 95 % interval) after {@code rows}' key columns, one row
     * per group that has any value (a group no cell reached is left out, not shown as n = 0).
     */
    static Table statsTable(Rows rows, Map<List<String>, Stats> groups) {
        rows.whole("n").whole("missing").number("mean").number("sd").number("ci95Lower").number("ci95Upper");
        groups.forEach((key, st) -> {
            if (st.n() + st.missing() > 0) {
                List<Object> row = new ArrayList<>(key);
                row.addAll(List.of(st.n(), st.missing(), st.mean(), st.sd(), st.lower(), st.upper()));
                rows.add(row.toArray());
            }
        });
        return rows.table();
    }

    private List<List<String>> groupOrder(List<String> keys) {
        List<List<String>> out = new ArrayList<>();
        if (keys.equals(List.of("model"))) {
            models.forEach(m -> out.add(List.of(m)));
        } else if (keys.equals(List.of("setting"))) {
            settings.forEach(s -> out.add(List.of(s)));
        } else {
            for (String m : models) {
                settings.forEach(s -> out.add(List.of(m, s)));
            }
        }
        return out;
    }

    private List<String> metricOrder() {
        Set<String> order = new LinkedHashSet<>();
        headlines.forEach(h -> order.add(h.path()));
        values.forEach(v -> order.add(v.metric()));
        return new ArrayList<>(order);
    }

    /** Stats of one metric over the cells that pass {@code filter}. */
    Stats stats(String metric, java.util.function.Predicate<Cell> filter) {
        List<Double> xs = new ArrayList<>();
        for (Value v : values) {
            if (v.metric().equals(metric) && filter.test(v.cell())) {
                xs.add(v.value());
            }
        }
        return Stats.of(xs);
    }

    private Table comparison(RunFolder run) {
        Rows rows = new Rows("model-comparison").text("model").text("modelRef").whole("cells").whole("ok").whole("failed")
                .whole("warnings");
        headlines.forEach(h -> rows.number(h.path()));
        Map<String, JsonNode> faithfulness = new TreeMap<>();
        run.summary().ifPresent(s -> s.path("modelFaithfulness").path("models")
                .forEach(m -> faithfulness.put(m.path("name").asText(), m)));
        boolean withFaithfulness = !faithfulness.isEmpty();
        if (withFaithfulness) {
            rows.number("modelFaithfulness.meanAttAuroc").number("modelFaithfulness.accuracy");
        }
        for (String model : models) {
            List<Cell> cells = run.cells().stream().filter(c -> c.model().equals(model)).toList();
            int ok = (int) cells.stream().filter(Cell::ok).count();
            int warnings = cells.stream().filter(Cell::ok).mapToInt(c -> new Explained(c.explanation()).warnings().size()).sum();
            List<Object> row = new ArrayList<>(List.of(model, cells.get(0).modelRef(), cells.size(), ok, cells.size() - ok,
                    warnings));
            for (Headline h : headlines) {
                row.add(stats(h.path(), c -> c.model().equals(model)).mean());
            }
            if (withFaithfulness) {
                JsonNode m = faithfulness.get(model);
                row.add(m == null ? Double.NaN : Explained.number(m.get("meanAttAuroc")));
                row.add(m == null ? Double.NaN : Explained.number(m.get("accuracy")));
            }
            rows.add(row.toArray());
        }
        return rows.table();
    }

    private static Table warnings(RunFolder run, Rows metricNotes) {
        Rows rows = new Rows("warnings").text("source").text("cell").text("model").text("case").text("setting")
                .whole("replicate").text("code").text("blocks").text("message").text("remedy");
        for (RunProblem p : run.problems()) {
            rows.add("run", null, null, null, null, null, p.code(), "no", p.message(), "");
        }
        for (Cell c : run.cells()) {
            if (!c.ok()) {
                rows.add("cell", c.id(), c.model(), c.caseName(), c.setting(), c.replicate(), "cell-failed", "yes",
                        c.error() == null ? "failed" : c.error(), "");
                continue;
            }
            for (Explained.Warning w : new Explained(c.explanation()).warnings()) {
                rows.add("explanation", c.id(), c.model(), c.caseName(), c.setting(), c.replicate(), w.code(),
                        blocks(w.code()) ? "yes" : "no", Templates.yaml(w.message()), Templates.yaml(w.remedy()));
            }
        }
        Table t = rows.table();
        t.append(metricNotes.table());
        return t;
    }

    /** Whether a warning means the scores support no ranking (core's own list; an unknown code does not). */
    static boolean blocks(String code) {
        try {
            return org.gsmile.core.explain.Warning.Code.of(code).blocksRanking();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> distinct(List<Cell> cells, Function<Cell, String> f, boolean sort) {
        Set<String> s = new LinkedHashSet<>();
        cells.forEach(c -> s.add(f.apply(c)));
        List<String> out = new ArrayList<>(s);
        if (sort) {
            out.sort(Names.NATURAL);
        }
        return out;
    }
}
