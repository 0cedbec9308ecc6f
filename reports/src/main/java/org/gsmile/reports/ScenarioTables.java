package org.gsmile.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tech.tablesaw.api.Table;

/**
 * The results of a run's scenario suites: each suite's coverage, and every metric per model and per
 * value of each dimension (how accuracy, fidelity and stability change with the weather, the time of
 * day or the task) and per case. A cell counts once under each of its dimensions, so the groups of
 * one dimension partition the suite's cells; cells of plain prompts are in none. The statistics are
 * kept by key for the scenario page and its plots, so that they show exactly the numbers of the CSV.
 */
final class ScenarioTables {
    final Suites suites;
    final Table coverage;
    final Table byValue;
    final Table byValueAndSetting;
    final Table byCase;
    private final Map<List<String>, Stats> valueStats = new LinkedHashMap<>();
    private final Map<List<String>, Stats> caseStats = new LinkedHashMap<>();
    private final Map<String, List<String>> casesOf = new LinkedHashMap<>();

    ScenarioTables(RunFolder run, List<Tables.Value> values, List<String> models, List<String> metrics) {
        suites = Suites.of(run);
        coverage = coverage(suites);
        Map<List<String>, List<Double>> perValue = new LinkedHashMap<>();
        // The same apart for each setting: a grid of presets compares them per scenario value.
        Map<List<String>, List<Double>> perValueAndSetting = new LinkedHashMap<>();
        Map<List<String>, List<Double>> perCase = new LinkedHashMap<>();
        Map<String, Cell> firstOfCase = new LinkedHashMap<>();
        run.cells().forEach(c -> firstOfCase.putIfAbsent(c.caseName(), c));
        // Every group in display order first (suite, dimension or case, value, model, metric), so the
        // tables read in the taxonomy's order; the values then fill them.
        for (Suites.Suite s : suites.all()) {
            for (Suites.Dimension d : s.dimensions()) {
                for (String v : d.values()) {
                    for (String m : models) {
                        metrics.forEach(metric -> perValue.put(List.of(s.name(), d.name(), v, m, metric), new ArrayList<>()));
                    }
                }
            }
            List<String> cases = new ArrayList<>();
            casesOf.put(s.name(), cases);
            for (String kase : firstOfCase.keySet()) {
                if (suites.of(firstOfCase.get(kase)) == s) {
                    cases.add(kase);
                    for (String m : models) {
                        metrics.forEach(metric -> perCase.put(List.of(s.name(), kase, m, metric), new ArrayList<>()));
                    }
                }
            }
        }
        for (Tables.Value v : values) {
            Suites.Suite s = suites.of(v.cell());
            if (s == null) {
                continue;
            }
            for (Suites.Dimension d : s.dimensions()) {
                String value = v.cell().scenario().path(d.name()).asText(null);
                if (value != null) {
                    perValue.computeIfAbsent(List.of(s.name(), d.name(), value, v.cell().model(), v.metric()),
                            k -> new ArrayList<>()).add(v.value());
                    perValueAndSetting.computeIfAbsent(List.of(s.name(), d.name(), value, v.cell().model(),
                            v.cell().setting(), v.metric()), k -> new ArrayList<>()).add(v.value());
                }
            }
            perCase.computeIfAbsent(List.of(s.name(), v.cell().caseName(), v.cell().model(), v.metric()),
                    k -> new ArrayList<>()).add(v.value());
        }
        perValue.forEach((k, xs) -> valueStats.put(k, Stats.of(xs)));
        perCase.forEach((k, xs) -> caseStats.put(k, Stats.of(xs)));
        Rows rows = new Rows("summary-by-scenario").text("suite").text("dimension").text("value").text("model").text("metric");
        byValue = Tables.statsTable(rows, valueStats);
        Map<List<String>, Stats> valueAndSettingStats = new LinkedHashMap<>();
        perValueAndSetting.forEach((k, xs) -> valueAndSettingStats.put(k, Stats.of(xs)));
        rows = new Rows("summary-by-scenario-and-setting").text("suite").text("dimension").text("value").text("model")
                .text("setting").text("metric");
        byValueAndSetting = Tables.statsTable(rows, valueAndSettingStats);
        rows = new Rows("summary-by-scenario-case").text("suite").text("case").text("scenario").text("model").text("metric");
        Map<List<String>, Stats> withScenario = new LinkedHashMap<>();
        caseStats.forEach((k, st) -> withScenario.put(List.of(k.get(0), k.get(1), scenario(firstOfCase.get(k.get(1))),
                k.get(2), k.get(3)), st));
        byCase = Tables.statsTable(rows, withScenario);
    }

    /** A metric over the cells of one model whose {@code dimension} is {@code value}. */
    Stats ofValue(Suites.Suite suite, String dimension, String value, String model, String metric) {
        return valueStats.getOrDefault(List.of(suite.name(), dimension, value, model, metric), Stats.of(List.of()));
    }

    /** A metric over the cells of one model and case (its settings and replicates). */
    Stats ofCase(Suites.Suite suite, String caseName, String model, String metric) {
        return caseStats.getOrDefault(List.of(suite.name(), caseName, model, metric), Stats.of(List.of()));
    }

    /** The cases of a suite that have cells, in the run's order. */
    List<String> cases(Suites.Suite suite) {
        return casesOf.getOrDefault(suite.name(), List.of());
    }

    /** {@code scenery=urban weather=snowy …}: a case's scenario on one line, in the taxonomy's order. */
    static String scenario(Cell c) {
        List<String> parts = new ArrayList<>();
        c.scenario().properties().forEach(d -> parts.add(d.getKey() + "=" + d.getValue().asText()));
        return String.join(" ", parts);
    }

    /**
     * One row per suite: how it was generated and what it covers. {@code values} spells the dimensions
     * as {@code weather: clear | rainy; time: day | night}; a count the provenance lacks is empty.
     */
    static Table coverage(Suites suites) {
        Rows rows = new Rows("coverage").text("suite").text("file").text("strategy").whole("t").whole64("n").whole64("seed")
                .whole64("cases").whole64("factorial").number("casesShare").whole("coverageT").whole64("covered")
                .whole64("allowed").number("coveredShare").whole("dimensions").text("values");
        for (Suites.Suite s : suites.all()) {
            String values = s.dimensions().stream().map(d -> d.name() + ": " + String.join(" | ", d.values()))
                    .collect(Collectors.joining("; "));
            rows.add(s.name(), s.file(), s.strategy(), known(s.t()), known(s.n()), s.seed(), known(s.cases()),
                    known(s.factorial()), share(s.cases(), s.factorial()), known(s.coverageT()), known(s.covered()),
                    known(s.allowed()), share(s.covered(), s.allowed()), s.dimensions().size(), values);
        }
        return rows.table();
    }

    private static Long known(long v) {
        return v < 0 ? null : v;
    }

    private static Integer known(int v) {
        return v < 0 ? null : v;
    }

    private static double share(long part, long whole) {
        return part < 0 || whole <= 0 ? Double.NaN : (double) part / whole;
    }
}
