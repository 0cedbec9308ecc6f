package org.gsmile.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import tech.tablesaw.plotly.traces.Trace;

/**
 * {@code scenarios.html}: per scenario suite, its coverage, every scenario metric per dimension value
 * and model (a table of mean ± half the 95 % interval with n, and bars with whiskers), a scenario ×
 * model heatmap of one metric by dimension value and by case, and the cases with links to their cells
 * (and, for image edits, the input and the edit). The numbers are those of
 * {@code summary-by-scenario.csv}, {@code summary-by-scenario-case.csv} and {@code coverage.csv}.
 */
final class ScenarioPage {
    private final RunFolder run;
    private final Tables tables;
    private final ScenarioTables scenarios;
    private final Plots plots;
    private final Pages pages;
    private final ImagePanel images;
    private final List<Headline> metrics;

    ScenarioPage(RunFolder run, Tables tables, Plots plots, Pages pages, ImagePanel images) {
        this.run = run;
        this.tables = tables;
        this.scenarios = tables.scenarios;
        this.plots = plots;
        this.pages = pages;
        this.images = images;
        this.metrics = Headline.byScenario(tables.values.stream().map(Tables.Value::metric).collect(Collectors.toSet()));
    }

    /** The page's body (its plots' scripts are queued on {@code pages}). */
    StringBuilder body() {
        StringBuilder b = new StringBuilder("<h1>Scenario suites</h1>\n<p class=\"caption\">Each metric per value of each"
                + " dimension: a cell counts once under each of its dimensions, so the values of one dimension split the"
                + " suite's cells, pooled over settings and replicates (summary-by-model-and-setting.csv keeps settings"
                + " apart). Shown: mean ± half the 95 % Student-t interval of the mean, and n, the cells with a"
                + " value (no interval with fewer than 2). Tables: <a href=\"tables/coverage.csv\">coverage.csv</a>,"
                + " <a href=\"tables/summary-by-scenario.csv\">summary-by-scenario.csv</a>,"
                + " <a href=\"tables/summary-by-scenario-case.csv\">summary-by-scenario-case.csv</a>.</p>\n");
        if (metrics.isEmpty()) {
            b.append("<p class=\"muted\">No scenario metric (accuracy, fidelity, stability, faithfulness) was computed in"
                    + " this run.</p>\n");
        }
        for (Suites.Suite s : scenarios.suites.all()) {
            suite(b, s);
        }
        return b;
    }

    private void suite(StringBuilder b, Suites.Suite s) {
        List<Cell> cells = run.cells().stream().filter(c -> scenarios.suites.of(c) == s).toList();
        b.append("<h2 id=\"suite-").append(Html.esc(Names.hash(s.name()))).append("\">Suite ").append(Html.esc(s.name()))
                .append("</h2>\n");
        b.append(coverage(s, cells));
        if (!metrics.isEmpty()) {
            b.append("<h3>Per dimension value</h3>\n");
            for (Suites.Dimension d : s.dimensions()) {
                b.append(valueTable(s, d, cells));
            }
            b.append("<div class=\"pair\">\n");
            for (Headline h : metrics) {
                Plots.Chart c = bars(s, h);
                if (c != null) {
                    b.append(pages.chart(c));
                }
            }
            b.append("</div>\n");
            heatmaps(b, s);
        }
        caseTable(b, s);
    }

    // ---- coverage ----------------------------------------------------------------------------------

    private String coverage(Suites.Suite s, List<Cell> cells) {
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table>\n");
        row(b, "file", s.file().isEmpty() ? "not recorded" : s.file());
        if (!s.listed()) {
            row(b, "coverage", "provenance.json lists no suite with these cases, so how they were generated and what they"
                    + " cover is unknown; the dimensions are those the cells carry");
        } else {
            row(b, "strategy", s.strategy() + (s.t() > 0 && !s.strategy().equals("factorial") && !s.strategy().equals("random")
                    ? ", t = " + s.t() : "") + (s.n() >= 0 ? ", n = " + s.n() : "") + (s.seed() != null ? ", seed " + s.seed() : ""));
            row(b, "cases", s.cases() + (s.factorial() > 0 ? " of the " + s.factorial() + " allowed scenarios (the full"
                    + " factorial under the constraints, " + percent(s.cases(), s.factorial()) + ")" : ""));
            row(b, "t-way coverage", s.allowed() > 0 ? s.covered() + " of " + s.allowed() + " allowed " + s.coverageT()
                    + "-way combinations of values covered (" + percent(s.covered(), s.allowed()) + ")" : "not recorded");
        }
        long ok = cells.stream().filter(Cell::ok).count();
        row(b, "cells", cells.size() + " (" + ok + " ok), " + tables.models.size() + " model"
                + (tables.models.size() == 1 ? "" : "s"));
        b.append("</table></div>\n<div class=\"scroll\"><table><thead><tr><th>dimension</th><th>group</th><th>values (cells)"
                + "</th></tr></thead><tbody>\n");
        for (Suites.Dimension d : s.dimensions()) {
            List<String> vs = new ArrayList<>();
            for (String v : d.values()) {
                long n = cells.stream().filter(c -> v.equals(c.scenario().path(d.name()).asText(null))).count();
                vs.add(v + " (" + n + ")");
            }
            b.append("<tr><td>").append(Html.esc(d.name())).append("</td><td>").append(Html.esc(d.group()))
                    .append("</td><td>").append(Html.esc(String.join(", ", vs))).append("</td></tr>\n");
        }
        return b.append("</tbody></table></div>\n").toString();
    }

    private static void row(StringBuilder b, String key, String value) {
        b.append("<tr><th>").append(Html.esc(key)).append("</th><td>").append(Html.esc(value)).append("</td></tr>\n");
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    // ---- per dimension value ------------------------------------------------------------------------

    private String valueTable(Suites.Suite s, Suites.Dimension d, List<Cell> cells) {
        boolean several = tables.models.size() > 1;
        StringBuilder b = new StringBuilder("<h4>").append(Html.esc(d.name())).append("</h4>\n<div class=\"scroll\"><table>"
                + "<thead><tr><th").append(several ? " rowspan=\"2\"" : "").append(">value</th>");
        for (Headline h : metrics) {
            b.append("<th").append(several ? " colspan=\"" + tables.models.size() + "\"" : "").append(" title=\"")
                    .append(Html.esc(h.path() + ": " + h.about())).append("\">").append(Html.esc(h.label())).append("</th>");
        }
        b.append("</tr>");
        if (several) {
            b.append("<tr>");
            for (int i = 0; i < metrics.size(); i++) {
                tables.models.forEach(m -> b.append("<th>").append(Html.esc(m)).append("</th>"));
            }
            b.append("</tr>");
        }
        b.append("</thead><tbody>\n");
        for (String v : d.values()) {
            b.append("<tr><td>").append(Html.esc(v)).append("</td>");
            for (Headline h : metrics) {
                for (String m : tables.models) {
                    b.append("<td class=\"num\">").append(Html.esc(meanAndInterval(scenarios.ofValue(s, d.name(), v, m,
                            h.path())))).append("</td>");
                }
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody></table></div>\n").toString();
    }

    /**
     * {@code 0.912 ± 0.041 (n = 12)}; no ± with fewer than two values, and a dash where no cell has one,
     * so a mean is never shown without how many cells it stands on.
     */
    static String meanAndInterval(Stats st) {
        if (st.n() == 0) {
            return "– (n = 0" + (st.missing() > 0 ? ", " + st.missing() + " not finite" : "") + ")";
        }
        String half = st.n() >= 2 ? " ± " + Plots.fmt(st.halfWidth()) : "";
        return Plots.fmt(st.mean()) + half + " (n = " + st.n() + (st.missing() > 0 ? ", " + st.missing() + " not finite" : "")
                + ")";
    }

    /** One metric's means per dimension value, a bar per model with 95 % whiskers, values grouped by dimension. */
    private Plots.Chart bars(Suites.Suite s, Headline h) {
        List<String> labels = new ArrayList<>();
        for (Suites.Dimension d : s.dimensions()) {
            d.values().forEach(v -> labels.add(d.name() + ": " + v));
        }
        List<Trace> traces = new ArrayList<>();
        for (String m : tables.models) {
            List<Stats> stats = new ArrayList<>();
            for (Suites.Dimension d : s.dimensions()) {
                d.values().forEach(v -> stats.add(scenarios.ofValue(s, d.name(), v, m, h.path())));
            }
            ObjectNode bar = Plots.bars(m, labels, stats,
                    Collections.nCopies(labels.size(), plots.colour(m)));
            if (!bar.path("x").isEmpty()) {
                traces.add(new JsonTrace(bar));
            }
        }
        if (traces.isEmpty()) {
            return null;
        }
        ObjectNode extras = RunFolder.object();
        extras.put("barmode", "group");
        ObjectNode x = extras.putObject("xaxis");
        x.put("type", "category").put("categoryorder", "array").put("automargin", true).put("tickangle", -40);
        ArrayNode order = x.putArray("categoryarray");
        labels.forEach(l -> order.add(Plots.data(l)));
        extras.putObject("legend").put("orientation", "h").put("y", 1.12);
        return new Plots.Chart(h.label() + " per dimension value", h.path() + ": " + h.about() + ". Bars: mean over the"
                + " cells with that value; whiskers: 95 % Student-t interval of the mean (none with fewer than 2 cells);"
                + " hover for n.", new PlotFigure(Plots.layout(null, null, h.label(), 380), extras,
                traces.toArray(new Trace[0])));
    }

    // ---- scenario × model heatmaps -----------------------------------------------------------------

    private void heatmaps(StringBuilder b, Suites.Suite s) {
        Headline h = metrics.get(0);
        List<String[]> values = new ArrayList<>();
        for (Suites.Dimension d : s.dimensions()) {
            d.values().forEach(v -> values.add(new String[] {d.name(), v}));
        }
        List<String> valueLabels = values.stream().map(v -> v[0] + ": " + v[1]).toList();
        Plots.Chart byValue = plots.heatmap(h, h.label() + ": dimension value × model", "dimension value", valueLabels,
                (row, model) -> scenarios.ofValue(s, values.get(row)[0], values.get(row)[1], model, h.path()), 24,
                h.path() + ", mean over the cells with that value");
        List<String> cases = scenarios.cases(s);
        Plots.Chart byCase = plots.heatmap(h, h.label() + ": case × model", "case", cases,
                (row, model) -> scenarios.ofCase(s, cases.get(row), model, h.path()), 22,
                h.path() + ", mean over the case's cells (settings and replicates)");
        if (byValue == null && byCase == null) {
            return;
        }
        b.append("<h3>Scenario × model: ").append(Html.esc(h.label())).append("</h3>\n<p class=\"caption\">The first"
                + " scenario metric this run computed; the others are in the bars above and in the tables.</p>\n"
                + "<div class=\"pair\">\n");
        for (Plots.Chart c : new Plots.Chart[] {byValue, byCase}) {
            if (c != null) {
                b.append(pages.chart(c));
            }
        }
        b.append("</div>\n");
    }

    // ---- cases ---------------------------------------------------------------------------------------

    private void caseTable(StringBuilder b, Suites.Suite s) {
        Headline h = metrics.isEmpty() ? null : metrics.get(0);
        b.append("<h3>Cases</h3>\n<div class=\"scroll\"><table><thead><tr><th>case</th>");
        s.dimensions().forEach(d -> b.append("<th>").append(Html.esc(d.name())).append("</th>"));
        boolean anyImages = run.cells().stream().anyMatch(c -> scenarios.suites.of(c) == s && !c.images().isEmpty());
        if (anyImages) {
            b.append("<th>input</th>");
        }
        for (String m : tables.models) {
            b.append("<th>").append(Html.esc(m)).append(h == null ? "" : ": " + Html.esc(h.label())).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (String kase : scenarios.cases(s)) {
            List<Cell> cells = run.cells().stream().filter(c -> c.caseName().equals(kase)).toList();
            b.append("<tr><td>").append(Html.esc(kase)).append("</td>");
            for (Suites.Dimension d : s.dimensions()) {
                b.append("<td>").append(Html.esc(cells.get(0).scenario().path(d.name()).asText(""))).append("</td>");
            }
            if (anyImages) {
                String thumb = cells.stream().filter(c -> !c.images().isEmpty())
                        .map(c -> images.thumbnail(pages.cellSlug(c), c.images(), false)).filter(t -> t != null)
                        .findFirst().orElse("");
                b.append("<td>").append(thumb).append("</td>");
            }
            for (String m : tables.models) {
                b.append("<td>");
                if (h != null) {
                    b.append(Html.esc(meanAndInterval(scenarios.ofCase(s, kase, m, h.path())))).append(' ');
                }
                for (Cell c : cells) {
                    if (c.model().equals(m)) {
                        String edited = images.thumbnail(pages.cellSlug(c), c.images(), true);
                        b.append("<a href=\"").append(pages.cellPage(c)).append("\" title=\"").append(Html.esc(c.setting()
                                + " · replicate " + c.replicate())).append("\">").append(edited != null ? edited
                                : c.ok() ? "cell" : "failed").append("</a> ");
                    }
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
    }
}
