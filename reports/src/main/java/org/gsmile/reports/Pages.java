package org.gsmile.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The report's HTML pages and SVG files. */
final class Pages {
    private final RunFolder run;
    private final Tables tables;
    private final Path dir;
    private final Plots plots;
    private final ImagePanel images;
    private final Names.Slugs caseSlugs = new Names.Slugs();
    private final Names.Slugs cellSlugs = new Names.Slugs();
    private int plotCounter;
    private final StringBuilder scripts = new StringBuilder();

    Pages(RunFolder run, Tables tables, Path dir) {
        this.run = run;
        this.tables = tables;
        this.dir = dir;
        this.plots = new Plots(run, tables);
        this.images = new ImagePanel(run.dir(), dir);
    }

    void write() throws IOException {
        Files.createDirectories(dir.resolve("plots"));
        Files.createDirectories(dir.resolve("cases"));
        Files.createDirectories(dir.resolve("cells"));
        Files.createDirectories(dir.resolve("svg"));
        for (Cell c : run.cells()) {
            images.copy(cellSlug(c), c.images());
        }
        writePlotPages();
        for (String c : tables.cases) {
            writeCase(c);
        }
        for (Cell c : run.cells()) {
            writeCell(c);
        }
        if (scenarios()) {
            StringBuilder body = new ScenarioPage(run, tables, plots, this, images).body();
            page(SCENARIOS, run.name() + " · scenario suites", body, true);
        }
        writeIndex();
    }

    static final String SCENARIOS = "scenarios.html";

    /** Whether the run has scenario suites, and so a scenario page. */
    private boolean scenarios() {
        return !tables.scenarios.suites.isEmpty();
    }

    /** A cell's page, relative to the report's root. */
    String cellPage(Cell c) {
        return "cells/" + cellSlug(c) + ".html";
    }

    /** The cell's name in the report's file names (its page, its images). */
    String cellSlug(Cell c) {
        return cellSlugs.of(c.id());
    }

    private String casePage(String caseName) {
        return "cases/" + caseSlugs.of(caseName) + ".html";
    }

    private String caseSvg(String caseName) {
        return "svg/" + caseSlugs.of(caseName) + ".svg";
    }

    private String cellSvg(Cell c) {
        return "svg/" + caseSlugs.of(c.caseName()) + "/" + cellSlugs.of(c.id()) + ".svg";
    }

    private void page(String rel, String title, CharSequence body, boolean plotly) throws IOException {
        String root = rel.contains("/") ? "../" : "";
        Path file = dir.resolve(rel);
        Files.createDirectories(file.getParent());
        StringBuilder all = new StringBuilder(body).append(scripts);
        scripts.setLength(0);
        Files.writeString(file, Html.page(title, root, Html.nav(root, scenarios()), all, plotly), StandardCharsets.UTF_8);
    }

    // ---- plots ----------------------------------------------------------------------------------------

    /**
     * A chart's card; its script waits in {@link #scripts} for the end of the page, so that every plot
     * is drawn into a laid-out page (a plot drawn while its grid row is still filling takes the width
     * of a whole row and keeps it).
     */
    String chart(Plots.Chart c) {
        String id = "plot" + (++plotCounter);
        scripts.append(c.figure().asJavascript(id));
        return "<div class=\"card\"><h3>" + Html.esc(c.title()) + "</h3><p class=\"caption\">" + Html.esc(c.caption())
                + "</p><div id=\"" + id + "\" class=\"plot\" data-plot=\"plotly\"></div></div>\n";
    }

    private static String none(String what) {
        return "<p class=\"muted\">No " + what + " in this run.</p>\n";
    }

    private void writePlotPages() throws IOException {
        StringBuilder b = new StringBuilder("<h1>Metrics by model</h1>\n");
        List<Plots.Chart> bars = plots.metricBars();
        b.append(bars.isEmpty() ? none("headline metric was computed") : grid(bars));
        page("plots/metrics.html", run.name() + " · metrics", b, !bars.isEmpty());

        b = new StringBuilder("<h1>Settings × models</h1>\n");
        List<Plots.Chart> heat = plots.settingHeatmaps();
        b.append(heat.isEmpty() ? none("headline metric was computed") : grid(heat));
        page("plots/settings.html", run.name() + " · settings × models", b, !heat.isEmpty());

        b = new StringBuilder("<h1>Consistency over repeated runs</h1>\n");
        List<Plots.Chart> boxes = plots.consistencyBoxes();
        b.append(boxes.isEmpty() ? none("consistency metric") : grid(boxes));
        page("plots/consistency.html", run.name() + " · consistency", b, !boxes.isEmpty());

        b = new StringBuilder("<h1>Faithfulness: deletion and insertion curves</h1>\n<p class=\"caption\">Solid: the"
                + " explanation's ranking; dotted: random rankings; dashed: leave-one-out. Means over the cells of each"
                + " model.</p>\n");
        List<Plots.Chart[]> curves = plots.faithfulnessCurves();
        if (curves.isEmpty()) {
            b.append(none("faithfulness metric"));
        }
        for (Plots.Chart[] pair : curves) {
            b.append("<div class=\"pair\">");
            for (Plots.Chart c : pair) {
                if (c != null) {
                    b.append(chart(c));
                }
            }
            b.append("</div>\n");
        }
        page("plots/faithfulness.html", run.name() + " · faithfulness", b, !curves.isEmpty());

        b = new StringBuilder("<h1>Fidelity: predicted against actual output distance</h1>\n");
        List<Plots.Chart> scatter = plots.fidelityScatter();
        b.append(scatter.isEmpty() ? none("out-of-sample fidelity") : grid(scatter));
        page("plots/fidelity.html", run.name() + " · fidelity", b, !scatter.isEmpty());
    }

    private String grid(List<Plots.Chart> charts) {
        StringBuilder b = new StringBuilder("<div class=\"grid\">\n");
        charts.forEach(c -> b.append(chart(c)));
        return b.append("</div>\n").toString();
    }

    // ---- cases ----------------------------------------------------------------------------------------

    private List<Cell> cellsOf(String caseName) {
        return run.cells().stream().filter(c -> c.caseName().equals(caseName)).toList();
    }

    private String comparisonSvg(String caseName, boolean standalone) {
        List<Cell> cells = cellsOf(caseName);
        List<Explained> ok = cells.stream().filter(Cell::ok).map(c -> new Explained(c.explanation())).toList();
        double scale = PromptHeatmap.scale(ok);
        List<PromptHeatmap.Group> groups = new ArrayList<>();
        for (String setting : tables.settings) {
            List<PromptHeatmap.Row> rows = new ArrayList<>();
            for (String model : tables.models) {
                for (Cell c : cells) {
                    if (c.setting().equals(setting) && c.model().equals(model)) {
                        rows.add(new PromptHeatmap.Row(model + " · replicate " + c.replicate(),
                                c.ok() ? new Explained(c.explanation()) : null, c.error()));
                    }
                }
            }
            if (!rows.isEmpty()) {
                groups.add(new PromptHeatmap.Group("setting: " + setting, rows));
            }
        }
        return PromptHeatmap.comparison(caseName, groups, scale, standalone);
    }

    private void writeCase(String caseName) throws IOException {
        List<Cell> cells = cellsOf(caseName);
        Path svg = dir.resolve(caseSvg(caseName));
        Files.createDirectories(svg.getParent());
        Files.writeString(svg, comparisonSvg(caseName, true), StandardCharsets.UTF_8);
        Cell first = cells.get(0);
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(Html.esc(caseName)).append("</h1>\n<p><b>Prompt:</b> ").append(Html.esc(first.prompt()))
                .append("</p>\n");
        if (!first.relevant().isEmpty()) {
            b.append("<p><b>Relevant words:</b> ").append(Html.esc(String.join(", ", first.relevant()))).append("</p>\n");
        }
        b.append("<p class=\"caption\">Every model, setting and replicate on this prompt, on one colour scale (the largest"
                + " |score| among them). Hover a word for its score and interval. Standalone figure (SVG, no script): <a href=\"../")
                .append(caseSvg(caseName)).append("\">").append(Html.esc(caseSvg(caseName))).append("</a>.</p>\n");
        b.append("<div class=\"heatmap\">").append(comparisonSvg(caseName, false)).append("</div>\n");
        b.append("<h2>Explanations</h2>\n<div class=\"scroll\"><table><thead><tr><th>model</th><th>setting</th>"
                + "<th>replicate</th><th>seed</th><th>status</th><th>R²</th><th>warnings</th><th></th></tr></thead><tbody>\n");
        for (Cell c : cells) {
            b.append("<tr><td>").append(Html.esc(c.model())).append("</td><td>").append(Html.esc(c.setting()))
                    .append("</td><td class=\"num\">").append(c.replicate()).append("</td><td class=\"num\">").append(c.seed())
                    .append("</td>");
            if (c.ok()) {
                Explained e = new Explained(c.explanation());
                Path cellSvg = dir.resolve(cellSvg(c));
                Files.createDirectories(cellSvg.getParent());
                Files.writeString(cellSvg, PromptHeatmap.single(c.model() + " · " + c.caseName() + " · " + c.setting()
                        + " · replicate " + c.replicate(), e, PromptHeatmap.scale(List.of(e)), true), StandardCharsets.UTF_8);
                b.append("<td>ok</td><td class=\"num\">").append(Html.num(e.r2w())).append("</td><td>")
                        .append(Html.esc(String.join(", ", e.warnings().stream().map(Explained.Warning::code).toList())))
                        .append("</td><td><a href=\"../").append(cellPage(c)).append("\">details</a> · <a href=\"../")
                        .append(cellSvg(c)).append("\">svg</a></td></tr>\n");
            } else {
                b.append("<td class=\"blocks\">failed</td><td></td><td>").append(Html.esc(c.error()))
                        .append("</td><td><a href=\"../").append(cellPage(c)).append("\">details</a></td></tr>\n");
            }
        }
        b.append("</tbody></table></div>\n");
        page(casePage(caseName), run.name() + " · " + caseName, b, false);
    }

    // ---- cells ----------------------------------------------------------------------------------------

    private void writeCell(Cell c) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(Html.esc(c.model() + " · " + c.caseName() + " · " + c.setting() + " · replicate "
                + c.replicate())).append("</h1>\n");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("cell", c.id());
        meta.put("file", run.dir().getFileName() + "/" + c.file());
        meta.put("model", c.model() + " (" + c.modelRef() + ")");
        meta.put("case", c.caseName());
        meta.put("setting", c.setting());
        meta.put("setting values", yaml(c.settingValues(), ""));
        meta.put("replicate", String.valueOf(c.replicate()));
        meta.put("seed", String.valueOf(c.seed()));
        meta.put("relevant words", c.relevant().isEmpty() ? "none given" : String.join(", ", c.relevant()));
        if (!c.scenario().isEmpty()) {
            meta.put("scenario", ScenarioTables.scenario(c));
        }
        if (c.scene() != null) {
            meta.put("scene", c.scene() + " (in the models folder)");
        }
        meta.put("status", c.ok() ? "ok" : "failed");
        if (!c.ok()) {
            b.append("<div class=\"box bad\"><b>This cell failed:</b> ").append(Html.esc(c.error() == null ? "no error recorded"
                    : c.error())).append("</div>\n");
            b.append(keyValues(meta));
            page(cellPage(c), run.name() + " · cell " + c.id(), b, false);
            return;
        }
        Explained e = new Explained(c.explanation());
        JsonNode x = c.explanation();
        meta.put("method", e.method() + ", " + e.samplesUsed() + " samples; stopped: "
                + x.path("sampling").path("stopReason").asText("?"));
        meta.put("config", yaml(x.path("config"), ""));
        meta.put("fit", "weighted R² " + Html.num(e.r2w()) + ", adjusted " + Html.num(Explained.number(
                x.path("fidelity").path("r2wAdjusted"))) + ", weighted MSE " + Html.num(Explained.number(
                x.path("fidelity").path("mseW"))));
        meta.put("calls", yaml(x.path("calls"), ""));
        if (c.images().calls() >= 0) {
            meta.put("image calls", c.images().calls() + " more editor calls drew the images shown (the explanation keeps"
                    + " only output distances)");
        }
        meta.put("time (ms)", yaml(c.timingsMs().isEmpty() ? x.path("timingsMs") : c.timingsMs(), ""));
        meta.put("metrics computed from", c.metricsKey() == null ? "" : c.metricsKey());
        List<Explained.Warning> warnings = e.warnings();
        if (!warnings.isEmpty()) {
            b.append("<div class=\"box\"><b>Warnings</b><ul>\n");
            for (Explained.Warning w : warnings) {
                b.append("<li>").append(warning(w)).append("</li>\n");
            }
            b.append("</ul></div>\n");
        }
        String heatmap = PromptHeatmap.single(null, e, PromptHeatmap.scale(List.of(e)), false);
        b.append(c.images().isEmpty() ? "<div class=\"heatmap\">" + heatmap + "</div>" : images.beside(cellSlug(c), c.images(),
                heatmap))
                .append("\n<p class=\"caption\">Scaled to this explanation's largest |score|; the <a href=\"../")
                .append(casePage(c.caseName())).append("\">case page</a> puts every model on one scale. Standalone: <a href=\"../")
                .append(cellSvg(c)).append("\">svg</a>.</p>\n");
        b.append(images.telling(cellSlug(c), c.images()));
        b.append(keyValues(meta));
        b.append("<h2>Units</h2>\n<div class=\"scroll\"><table><thead><tr><th>#</th><th>unit</th><th>score</th>"
                + "<th>normalised</th><th>lower</th><th>upper</th></tr></thead><tbody>\n");
        for (int i = 0; i < e.units().size(); i++) {
            b.append("<tr><td class=\"num\">").append(i + 1).append("</td><td>").append(Html.esc(e.units().get(i).text()))
                    .append("</td><td class=\"num\">").append(Html.num(e.scores()[i])).append("</td><td class=\"num\">")
                    .append(Html.num(e.normalized()[i])).append("</td><td class=\"num\">").append(Html.num(e.lower()[i]))
                    .append("</td><td class=\"num\">").append(Html.num(e.upper()[i])).append("</td></tr>\n");
        }
        b.append("</tbody></table></div>\n");
        MetricPaths.Flat flat = MetricPaths.flatten(c.metrics());
        if (!flat.values().isEmpty() || !flat.notes().isEmpty()) {
            b.append("<h2>Metrics</h2>\n<div class=\"scroll\"><table><thead><tr><th>metric</th><th>value</th></tr></thead>"
                    + "<tbody>\n");
            flat.values().forEach((k, v) -> b.append("<tr><td><code>").append(Html.esc(k)).append("</code></td><td class=\"num\">")
                    .append(Html.num(v)).append("</td></tr>\n"));
            flat.notes().forEach((k, v) -> b.append("<tr><td><code>").append(Html.esc(k)).append("</code></td><td>")
                    .append(Html.esc(v)).append("</td></tr>\n"));
            b.append("</tbody></table></div>\n");
        }
        JsonNode samples = e.samples();
        boolean outputs = false;
        for (JsonNode s : samples) {
            outputs |= s.hasNonNull("output");
        }
        b.append("<h2>Perturbations</h2>\n<p class=\"caption\">Every sample the fit used, anchors first (weight ∞: held"
                + " exactly). Mask: 1 keeps the unit.</p>\n<div class=\"scroll\"><table><thead><tr><th>#</th><th>mask</th>"
                + "<th>prompt</th>").append(outputs ? "<th>output</th>" : "")
                .append("<th>input distance</th><th>weight</th><th>output distance</th></tr></thead><tbody>\n");
        int i = 0;
        for (JsonNode s : samples) {
            JsonNode w = s.get("weight");
            b.append("<tr><td class=\"num\">").append(++i).append("</td><td><code>").append(Html.esc(s.path("mask").asText()))
                    .append("</code></td><td>").append(Html.esc(s.path("prompt").asText())).append("</td>");
            if (outputs) {
                b.append("<td>").append(Html.esc(s.path("output").asText(""))).append("</td>");
            }
            b.append("<td class=\"num\">").append(Html.num(Explained.number(s.get("inputDistance")))).append("</td><td class=\"num\">")
                    .append(w == null || w.isNull() ? "∞" : Html.num(w.asDouble())).append("</td><td class=\"num\">")
                    .append(Html.num(Explained.number(s.get("outputDistance")))).append("</td></tr>\n");
        }
        b.append("</tbody></table></div>\n");
        page(cellPage(c), run.name() + " · cell " + c.id(), b, false);
    }

    private static String keyValues(Map<String, String> kv) {
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table>\n");
        kv.forEach((k, v) -> b.append("<tr><th>").append(Html.esc(k)).append("</th><td>")
                .append(v.contains("\n") ? "<pre class=\"yaml\">" + Html.esc(v.strip()) + "</pre>" : Html.esc(v))
                .append("</td></tr>\n"));
        return b.append("</table></div>\n").toString();
    }

    /** A warning as the report shows it: code, message and remedy with their settings spelled as YAML. */
    static String warning(Explained.Warning w) {
        StringBuilder b = new StringBuilder("<span class=\"code").append(Tables.blocks(w.code()) ? " blocks" : "")
                .append("\">[").append(Html.esc(w.code())).append("]</span> ").append(yamlSpans(w.message()));
        if (!w.remedy().isBlank()) {
            b.append(" — ").append(yamlSpans(w.remedy()));
        }
        return b.toString();
    }

    /** A template with each {@code {key}} / {@code {key=value}} rendered as YAML inside {@code <code>}. */
    static String yamlSpans(String template) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([a-zA-Z]+)(?:=([^}]*))?}").matcher(template);
        int at = 0;
        while (m.find()) {
            out.append(Html.esc(template.substring(at, m.start())));
            out.append("<code>").append(Html.esc(m.group(2) == null ? m.group(1) : m.group(1) + ": " + m.group(2)))
                    .append("</code>");
            at = m.end();
        }
        return out.append(Html.esc(template.substring(at))).toString();
    }

    /** JSON as YAML-style {@code key: value} lines (lists inline), for settings and provenance. */
    static String yaml(JsonNode n, String indent) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return "";
        }
        if (!n.isObject()) {
            return n.isTextual() ? n.asText() : n.toString();
        }
        // (a JSON null inside an object is written "null", as YAML reads it)
        if (n.isEmpty()) {
            return "{}";
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, JsonNode> f : n.properties()) {
            b.append(indent).append(f.getKey()).append(':');
            if (f.getValue().isObject() && !f.getValue().isEmpty()) {
                b.append('\n').append(yaml(f.getValue(), indent + "  "));
            } else if (f.getValue().isNull()) {
                b.append(" null\n");
            } else {
                b.append(' ').append(yaml(f.getValue(), indent)).append('\n');
            }
        }
        return b.toString();
    }

    // ---- index ----------------------------------------------------------------------------------------

    private void writeIndex() throws IOException {
        JsonNode prov = run.provenance();
        JsonNode experiment = prov.path("experiment");
        List<Cell> cells = run.cells();
        long ok = cells.stream().filter(Cell::ok).count();
        long failed = cells.size() - ok;
        int warnings = cells.stream().filter(Cell::ok).mapToInt(c -> new Explained(c.explanation()).warnings().size()).sum();
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(Html.esc(run.name())).append("</h1>\n<p class=\"muted\">");
        if (experiment.hasNonNull("file")) {
            b.append("experiment file <code>").append(Html.esc(experiment.path("file").asText())).append("</code> · ");
        }
        if (prov.hasNonNull("started")) {
            b.append("started ").append(Html.esc(prov.path("started").asText())).append(" · ");
        }
        b.append("gSMILE-J ").append(Html.esc(prov.path("gsmileVersion").asText("?"))).append("</p>\n");
        b.append("<div class=\"card\">");
        stat(b, "cells planned", run.plannedCells() < 0 ? "?" : String.valueOf(run.plannedCells()));
        stat(b, "cells written", String.valueOf(cells.size()));
        stat(b, "ok", String.valueOf(ok));
        stat(b, "failed", String.valueOf(failed));
        stat(b, "explanation warnings", String.valueOf(warnings));
        stat(b, "run", run.summary().isPresent() ? "finished" : "not finished");
        b.append("</div>\n");
        if (!run.problems().isEmpty()) {
            b.append("<div class=\"box").append(run.problems().stream().anyMatch(p -> !p.code().equals("missing-summary")
                    && !p.code().equals("incomplete-run") && !p.code().equals("ignored-file")) ? " bad" : "")
                    .append("\"><b>Reading the run folder</b><ul>\n");
            for (RunProblem p : run.problems()) {
                b.append("<li><span class=\"code\">[").append(Html.esc(p.code())).append("]</span> ")
                        .append(Html.esc(p.message())).append("</li>\n");
            }
            b.append("</ul></div>\n");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        tables.headlines.forEach(h -> headers.put(h.path(), h.label()));
        headers.put("modelFaithfulness.meanAttAuroc", "mean AUROC (summary)");
        headers.put("modelFaithfulness.accuracy", "accuracy (summary)");
        b.append("<h2 id=\"models\">Models compared</h2>\n").append(Html.table(tables.modelComparison, headers));
        b.append("<p class=\"caption\">Means over each model's cells (hover a heading for its metric path, as in"
                + " <a href=\"tables/metrics.csv\">metrics.csv</a> and the columns of <a href=\"tables/model-comparison.csv\">"
                + "model-comparison.csv</a>). Intervals and n: <a href=\"tables/summary-by-model.csv\">summary-by-model.csv</a>."
                + "</p>\n");
        run.summary().map(s -> s.path("modelFaithfulness").path("pearson")).filter(JsonNode::isNumber).ifPresent(r ->
                b.append("<p>Model faithfulness: Pearson r = ").append(Html.num(r.asDouble()))
                        .append(" between the models' mean attribution AUROC and their accuracy (summary.json).</p>\n"));
        if (scenarios()) {
            b.append("<h2 id=\"scenarios\">Scenario suites</h2>\n").append(Html.table(tables.scenarios.coverage, null))
                    .append("<p class=\"caption\">How each suite's cases were generated and what they cover (<a href=\""
                            + "tables/coverage.csv\">coverage.csv</a>). Every metric per dimension value and model, the"
                            + " scenario × model heatmaps and the cases: <a href=\"").append(SCENARIOS)
                    .append("\">scenario suites</a>.</p>\n");
        }
        b.append("<h2 id=\"explanations\">Explanations</h2>\n<div class=\"scroll\"><table><thead><tr><th>case</th><th>prompt"
                + "</th><th>relevant</th><th>cells</th><th>prompt heatmaps</th></tr></thead><tbody>\n");
        for (String caseName : tables.cases) {
            List<Cell> cs = cellsOf(caseName);
            long good = cs.stream().filter(Cell::ok).count();
            b.append("<tr><td>").append(Html.esc(caseName)).append("</td><td>").append(Html.esc(cs.get(0).prompt()))
                    .append("</td><td>").append(Html.esc(String.join(", ", cs.get(0).relevant()))).append("</td><td class=\"num\">")
                    .append(good).append(" / ").append(cs.size()).append("</td><td><a href=\"").append(casePage(caseName))
                    .append("\">page</a> · <a href=\"").append(caseSvg(caseName)).append("\">svg</a></td></tr>\n");
        }
        b.append("</tbody></table></div>\n");
        if (!tables.cases.isEmpty()) {
            String firstCase = tables.cases.get(0);
            b.append("<h3>").append(Html.esc(firstCase)).append(": every model on one scale</h3>\n<div class=\"heatmap\">")
                    .append(comparisonSvg(firstCase, false)).append("</div>\n<p class=\"caption\">Hover a word for its score"
                    + " and interval. Every case: the links above; standalone SVG: <a href=\"").append(caseSvg(firstCase))
                    .append("\">").append(Html.esc(caseSvg(firstCase))).append("</a>.</p>\n");
        }
        List<Plots.Chart> bars = plots.metricBars();
        List<Plots.Chart> heat = plots.settingHeatmaps();
        if (!bars.isEmpty()) {
            b.append("<h2 id=\"metrics\">Headline metrics</h2>\n<div class=\"grid\">\n");
            for (Plots.Chart c : bars) {
                b.append(chart(c));
            }
            if (!heat.isEmpty()) {
                b.append(chart(heat.get(0)));
            }
            b.append("</div>\n<p>More: <a href=\"plots/settings.html\">settings × models</a> · <a href=\"plots/consistency.html\">"
                    + "consistency</a> · <a href=\"plots/faithfulness.html\">faithfulness curves</a> · <a href=\"plots/fidelity.html\">"
                    + "fidelity scatter</a></p>\n");
        }
        b.append("<h2 id=\"failed\">Failed cells</h2>\n");
        if (failed == 0) {
            b.append("<p class=\"muted\">None.</p>\n");
        } else {
            b.append("<div class=\"scroll\"><table><thead><tr><th>model</th><th>case</th><th>setting</th><th>replicate</th>"
                    + "<th>error</th><th>cell</th></tr></thead><tbody>\n");
            for (Cell c : cells) {
                if (!c.ok()) {
                    b.append("<tr><td>").append(Html.esc(c.model())).append("</td><td>").append(Html.esc(c.caseName()))
                            .append("</td><td>").append(Html.esc(c.setting())).append("</td><td class=\"num\">")
                            .append(c.replicate()).append("</td><td class=\"blocks\">").append(Html.esc(c.error()))
                            .append("</td><td><a href=\"").append(cellPage(c)).append("\">").append(Html.esc(c.id()))
                            .append("</a></td></tr>\n");
                }
            }
            b.append("</tbody></table></div>\n");
        }
        b.append(warningsSection());
        b.append(provenanceSection());
        b.append("<h2 id=\"tables\">Tables</h2>\n<p class=\"caption\">Tablesaw tables saved as CSV (UTF-8, header row;"
                + " an empty number is missing or not finite).</p>\n<ul>\n");
        Tables.FILES.forEach((f, about) -> b.append("<li><a href=\"tables/").append(f).append("\">").append(f).append("</a> — ")
                .append(Html.esc(about)).append("</li>\n"));
        b.append("</ul>\n");
        page("index.html", run.name() + " · gSMILE-J report", b, !bars.isEmpty());
    }

    private static void stat(StringBuilder b, String label, String value) {
        b.append("<span class=\"stat\"><b>").append(Html.esc(value)).append("</b><span class=\"muted\">")
                .append(Html.esc(label)).append("</span></span>");
    }

    private String warningsSection() {
        StringBuilder b = new StringBuilder("<h2 id=\"warnings\">Warnings of the explanations</h2>\n");
        Map<String, List<Cell>> byCode = new TreeMap<>();
        Map<String, Set<String>> models = new TreeMap<>();
        List<String[]> rows = new ArrayList<>();
        for (Cell c : run.cells()) {
            if (!c.ok()) {
                continue;
            }
            for (Explained.Warning w : new Explained(c.explanation()).warnings()) {
                byCode.computeIfAbsent(w.code(), k -> new ArrayList<>()).add(c);
                models.computeIfAbsent(w.code(), k -> new LinkedHashSet<>()).add(c.model());
                rows.add(new String[] {cellPage(c), c.model(), c.caseName(), c.setting(), String.valueOf(c.replicate()),
                        warning(w)});
            }
        }
        if (rows.isEmpty()) {
            return b.append("<p class=\"muted\">No explanation carries a warning.</p>\n").toString();
        }
        b.append("<div class=\"scroll\"><table><thead><tr><th>code</th><th>explanations</th><th>models</th></tr></thead><tbody>\n");
        byCode.forEach((code, cs) -> b.append("<tr><td><span class=\"code").append(Tables.blocks(code) ? " blocks" : "")
                .append("\">").append(Html.esc(code)).append("</span>").append(Tables.blocks(code) ? " (no ranking)" : "")
                .append("</td><td class=\"num\">").append(cs.size()).append("</td><td>")
                .append(Html.esc(String.join(", ", models.get(code)))).append("</td></tr>\n"));
        b.append("</tbody></table></div>\n<details open><summary>Every warning (").append(rows.size())
                .append(")</summary>\n<div class=\"scroll\"><table><thead><tr><th>model</th><th>case</th><th>setting</th>"
                        + "<th>rep.</th><th>warning</th></tr></thead><tbody>\n");
        for (String[] r : rows) {
            b.append("<tr><td><a href=\"").append(r[0]).append("\">").append(Html.esc(r[1])).append("</a></td><td>")
                    .append(Html.esc(r[2])).append("</td><td>").append(Html.esc(r[3])).append("</td><td class=\"num\">")
                    .append(r[4]).append("</td><td>").append(r[5]).append("</td></tr>\n");
        }
        return b.append("</tbody></table></div></details>\n").toString();
    }

    private String provenanceSection() {
        JsonNode prov = run.provenance();
        StringBuilder b = new StringBuilder("<h2 id=\"provenance\">Provenance</h2>\n");
        if (prov.isEmpty()) {
            return b.append("<p class=\"muted\">No provenance.json.</p>\n").toString();
        }
        Map<String, String> kv = new LinkedHashMap<>();
        JsonNode ex = prov.path("experiment");
        kv.put("experiment", ex.path("name").asText(""));
        kv.put("experiment file", ex.path("file").asText(""));
        kv.put("experiment sha256", ex.path("sha256").asText(""));
        kv.put("gSMILE-J", prov.path("gsmileVersion").asText(""));
        kv.put("java", prov.path("java").asText(""));
        kv.put("os", prov.path("os").asText(""));
        kv.put("seed", prov.path("seed").asText(""));
        kv.put("started", prov.path("started").asText(""));
        kv.put("cells planned", prov.path("cells").asText(""));
        run.summary().ifPresent(s -> {
            if (s.has("calls")) {
                kv.put("calls", yaml(s.path("calls"), ""));
            }
            if (s.has("timingsMs")) {
                kv.put("time (ms)", yaml(s.path("timingsMs"), ""));
            }
        });
        b.append(keyValues(kv));
        b.append("<h3>Models</h3>\n<div class=\"scroll\"><table><thead><tr><th>name</th><th>reference</th><th>id</th>"
                + "<th>sha256</th><th>settings</th></tr></thead><tbody>\n");
        for (JsonNode m : prov.path("models")) {
            b.append("<tr><td>").append(Html.esc(m.path("name").asText())).append("</td><td><code>")
                    .append(Html.esc(m.path("ref").asText())).append("</code></td><td>").append(Html.esc(m.path("id").asText()))
                    .append("</td><td><code>").append(Html.esc(m.path("sha256").asText())).append("</code></td><td><pre class=\"yaml\">")
                    .append(Html.esc(yaml(m.path("settings"), "").strip())).append("</pre></td></tr>\n");
        }
        return b.append("</tbody></table></div>\n").toString();
    }
}
