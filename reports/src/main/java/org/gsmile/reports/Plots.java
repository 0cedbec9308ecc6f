package org.gsmile.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Margin;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BoxTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * The report's Plotly figures. jsplot's own traces draw the box plots and the lines and points;
 * {@link JsonTrace} adds bars with error bars and the diverging heatmap jsplot lacks, and
 * {@link PlotFigure} the layout keys its template lacks.
 */
final class Plots {
    /** One figure of a page. */
    record Chart(String title, String caption, PlotFigure figure) {
    }

    /** Plotly's default qualitative colours (D3 category10), one per model in the run's order. */
    static final List<String> PALETTE = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf");
    /** The diverging scale of the heatmaps (ColorBrewer RdBu): red below the centre, blue above. */
    static final String[][] DIVERGING = {{"0", "#b2182b"}, {"0.25", "#ef8a62"}, {"0.5", "#f7f7f7"}, {"0.75", "#67a9cf"},
            {"1", "#2166ac"}};

    private final Tables tables;
    private final RunFolder run;

    Plots(RunFolder run, Tables tables) {
        this.run = run;
        this.tables = tables;
    }

    String colour(String model) {
        int i = tables.models.indexOf(model);
        return PALETTE.get(Math.floorMod(i, PALETTE.size()));
    }

    /**
     * Text for jsplot's templates, which put names and titles in single-quoted JavaScript strings after
     * HTML-escaping them (so angle brackets and quotes cannot end the string or the script): a
     * backslash or a line break would still break the string, so they are replaced (by U+2216 and a
     * space); and plotly.js shows the {@code &quot;} that a double quote becomes literally, so it
     * becomes a typographic quote first.
     */
    static String label(String s) {
        return s == null ? "" : s.replace('\\', '\u2216').replace('"', '\u201d')
                .replaceAll("[\\p{Cntrl}\u2028\u2029]", " ");
    }

    /**
     * Text for plotly.js to display from a data array: jsplot writes its data arrays (categories,
     * hover texts) into the page's script unescaped, so a {@code </script>} in a unit or a name would
     * end the script; and plotly.js reads text as pseudo-HTML. HTML-escaped, it is neither: plotly.js
     * turns the entities back into the characters it shows.
     */
    static String data(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replaceAll("[\\p{Cntrl}\u2028\u2029]", " ");
    }

    static Layout layout(String title, String xTitle, String yTitle, int height) {
        Layout.LayoutBuilder b = Layout.builder().height(height).autosize(true)
                .margin(Margin.builder().top(title == null ? 20 : 48).bottom(60).left(64).right(24).build());
        if (title != null) {
            b.title(label(title));
        }
        Axis.AxisBuilder x = Axis.builder();
        if (xTitle != null) {
            x.title(label(xTitle));
        }
        Axis.AxisBuilder y = Axis.builder();
        if (yTitle != null) {
            y.title(label(yTitle));
        }
        return b.xAxis(x.build()).yAxis(y.build()).build();
    }

    // ---- metric bars per model, mean ± 95 % interval over cells ----------------------------------

    List<Chart> metricBars() {
        List<Chart> out = new ArrayList<>();
        for (Headline h : tables.headlines) {
            List<Stats> stats = tables.models.stream().map(m -> tables.stats(h.path(), c -> c.model().equals(m))).toList();
            ObjectNode bar = bars(h.label(), tables.models, stats, tables.models.stream().map(this::colour).toList());
            if (bar.path("x").isEmpty()) {
                continue;
            }
            bar.put("showlegend", false);
            ObjectNode extras = RunFolder.object();
            extras.putObject("xaxis").put("type", "category");
            out.add(new Chart(h.label(), h.path() + ": " + h.about() + ". Bars: mean over the model's cells; whiskers: 95 %"
                    + " Student-t interval of the mean (none with fewer than 2 cells).",
                    new PlotFigure(layout(null, null, h.label(), 260), extras, new JsonTrace(bar))));
        }
        return out;
    }

    /**
     * A bar trace of means with 95 % whiskers and n in the hover, one bar per label that has a value
     * (labels with none are left out, not drawn as 0); a bar of fewer than two values has no whisker.
     */
    static ObjectNode bars(String name, List<String> labels, List<Stats> stats, List<String> colours) {
        ObjectNode bar = RunFolder.object();
        bar.put("type", "bar").put("name", data(name));
        ArrayNode x = bar.putArray("x");
        ArrayNode y = bar.putArray("y");
        ArrayNode err = bar.putObject("error_y").put("type", "data").put("visible", true).put("thickness", 1.5)
                .put("width", 6).putArray("array");
        ArrayNode colour = bar.putObject("marker").putArray("color");
        ArrayNode custom = bar.putArray("customdata");
        for (int i = 0; i < labels.size(); i++) {
            Stats s = stats.get(i);
            if (s.n() == 0) {
                continue;
            }
            x.add(data(labels.get(i)));
            number(y, s.mean());
            number(err, s.halfWidth());
            colour.add(colours.get(i));
            ArrayNode cd = custom.addArray();
            cd.add(s.n());
            number(cd, s.lower());
            number(cd, s.upper());
        }
        bar.put("hovertemplate", "%{x}<br>mean %{y:.4g}<br>95 % interval [%{customdata[1]:.4g}, %{customdata[2]:.4g}]"
                + "<br>n = %{customdata[0]} cells<extra>" + data(name) + "</extra>");
        return bar;
    }

    // ---- setting × model heatmap, diverging, centred ------------------------------------------------

    List<Chart> settingHeatmaps() {
        List<Chart> out = new ArrayList<>();
        for (Headline h : tables.headlines) {
            Chart c = heatmap(h, h.label() + ": setting × model", "setting", tables.settings, (row, model) -> tables.stats(
                    h.path(), c2 -> c2.model().equals(model) && c2.setting().equals(tables.settings.get(row))), 48,
                    h.path() + ", mean over cells");
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * A heatmap of a metric's means: a row per label, a column per model, the colours diverging from the
     * metric's centre (so equal distances from chance or from 0 look equally strong), each mean written in
     * its square and its interval and n in the hover. Null where no square has a value.
     *
     * @param stat the metric's statistics of a row (by index) and a model
     */
    Chart heatmap(Headline h, String title, String rowTitle, List<String> rows, BiFunction<Integer, String, Stats> stat,
                  int rowHeight, String caption) {
        ObjectNode hm = RunFolder.object();
        hm.put("type", "heatmap").put("name", data(h.label()));
        ArrayNode x = hm.putArray("x");
        tables.models.forEach(m -> x.add(data(m)));
        ArrayNode y = hm.putArray("y");
        rows.forEach(r -> y.add(data(r)));
        ArrayNode z = hm.putArray("z");
        ArrayNode custom = hm.putArray("customdata");
        boolean any = false;
        for (int r = 0; r < rows.size(); r++) {
            ArrayNode row = z.addArray();
            ArrayNode cdRow = custom.addArray();
            for (String model : tables.models) {
                Stats s = stat.apply(r, model);
                number(row, s.mean());
                ArrayNode cd = cdRow.addArray();
                cd.add(s.n());
                number(cd, s.lower());
                number(cd, s.upper());
                any |= Double.isFinite(s.mean());
            }
        }
        if (!any) {
            return null;
        }
        // zmid makes plotly.js widen the automatic domain to be symmetric about the centre, so equal
        // distances from it get equal colour strength (it has no effect with an explicit zmin/zmax).
        hm.put("zmid", h.centre());
        ArrayNode scale = hm.putArray("colorscale");
        for (String[] stop : DIVERGING) {
            scale.addArray().add(Double.parseDouble(stop[0])).add(stop[1]);
        }
        hm.put("texttemplate", "%{z:.3f}").put("xgap", 2).put("ygap", 2);
        hm.putObject("colorbar").put("title", data(h.label()));
        hm.put("hovertemplate", "model %{x}<br>" + data(rowTitle) + " %{y}<br>mean %{z:.4g}<br>95 % interval"
                + " [%{customdata[1]:.4g}, %{customdata[2]:.4g}]<br>n = %{customdata[0]} cells<extra></extra>");
        ObjectNode extras = RunFolder.object();
        extras.putObject("xaxis").put("type", "category");
        // Rows top to bottom in the order given, as a table reads.
        extras.putObject("yaxis").put("type", "category").put("automargin", true).put("autorange", "reversed");
        int height = Math.max(220, 100 + rowHeight * rows.size());
        return new Chart(title, caption + "; colours diverge from " + fmt(h.centre()) + (h.centre() == 0.5 ? " (chance)" : "")
                + ", blue above, red below.", new PlotFigure(layout(null, "model", rowTitle, height), extras,
                new JsonTrace(hm)));
    }

    // ---- consistency box plots ----------------------------------------------------------------------

    List<Chart> consistencyBoxes() {
        List<Chart> out = new ArrayList<>();
        for (String caseName : tables.cases) {
            for (String setting : tables.settings) {
                List<Trace> traces = new ArrayList<>();
                List<String> unitOrder = null;
                int runs = 0;
                for (String model : tables.models) {
                    List<Object> xs = new ArrayList<>();
                    List<Double> ys = new ArrayList<>();
                    for (Cell c : run.cells()) {
                        if (!c.ok() || !c.caseName().equals(caseName) || !c.setting().equals(setting) || !c.model().equals(model)) {
                            continue;
                        }
                        JsonNode cons = c.metrics().path("consistency");
                        List<String> labels = unitLabels(c, cons);
                        for (JsonNode scores : cons.path("scores")) {
                            if (scores.size() != labels.size()) {
                                continue;
                            }
                            runs++;
                            for (int i = 0; i < labels.size(); i++) {
                                double v = Explained.number(scores.get(i));
                                if (Double.isFinite(v)) {
                                    xs.add(labels.get(i));
                                    ys.add(v);
                                }
                            }
                        }
                        if (unitOrder == null && !labels.isEmpty()) {
                            unitOrder = labels;
                        }
                    }
                    if (ys.isEmpty()) {
                        continue;
                    }
                    traces.add(BoxTrace.builder(xs.toArray(), ys.stream().mapToDouble(Double::doubleValue).toArray())
                            .name(label(model)).build());
                }
                if (traces.isEmpty()) {
                    continue;
                }
                ObjectNode extras = RunFolder.object();
                extras.put("boxmode", "group");
                ObjectNode xaxis = extras.putObject("xaxis");
                xaxis.put("type", "category").put("categoryorder", "array");
                ArrayNode order = xaxis.putArray("categoryarray");
                unitOrder.forEach(order::add);
                ArrayNode colours = extras.putArray("colorway");
                tables.models.forEach(m -> colours.add(colour(m)));
                extras.putObject("legend").put("orientation", "h").put("y", -0.25);
                out.add(new Chart(caseName + " · " + setting, "Each unit's scores over the repeated runs of the consistency"
                        + " metric (" + runs + " runs in all), one box per model.",
                        new PlotFigure(layout(null, "unit", "score", 380), extras,
                                traces.toArray(new Trace[0]))));
            }
        }
        return out;
    }

    private static List<String> unitLabels(Cell c, JsonNode cons) {
        List<String> labels = new ArrayList<>();
        if (cons.path("units").isArray() && cons.path("units").size() > 0) {
            int i = 1;
            for (JsonNode u : cons.path("units")) {
                labels.add(data("#" + i++ + " " + u.path("unit").path("text").asText("")));
            }
        } else {
            int i = 1;
            for (Explained.Unit u : new Explained(c.explanation()).units()) {
                labels.add(data("#" + i++ + " " + u.text()));
            }
        }
        return labels;
    }

    // ---- deletion / insertion curves ---------------------------------------------------------------

    private static final Map<String, String> RANKINGS = new LinkedHashMap<>();

    static {
        RANKINGS.put("explanation", "explanation");
        RANKINGS.put("random", "random");
        RANKINGS.put("leaveOneOut", "leave-one-out");
    }

    /** Per case and setting: the deletion and the insertion figure. */
    List<Chart[]> faithfulnessCurves() {
        List<Chart[]> out = new ArrayList<>();
        for (String caseName : tables.cases) {
            for (String setting : tables.settings) {
                Chart deletion = curves(caseName, setting, "deletion");
                Chart insertion = curves(caseName, setting, "insertion");
                if (deletion != null || insertion != null) {
                    out.add(new Chart[] {deletion, insertion});
                }
            }
        }
        return out;
    }

    private Chart curves(String caseName, String setting, String kind) {
        List<Trace> traces = new ArrayList<>();
        for (String model : tables.models) {
            for (Map.Entry<String, String> r : RANKINGS.entrySet()) {
                List<double[]> curves = new ArrayList<>();
                for (Cell c : run.cells()) {
                    if (c.ok() && c.caseName().equals(caseName) && c.setting().equals(setting) && c.model().equals(model)) {
                        JsonNode curve = c.metrics().path("faithfulness").path(r.getKey()).path("curve").path(kind);
                        if (curve.isArray() && curve.size() > 0) {
                            double[] d = new double[curve.size()];
                            for (int i = 0; i < d.length; i++) {
                                d[i] = Explained.number(curve.get(i));
                            }
                            curves.add(d);
                        }
                    }
                }
                if (curves.isEmpty()) {
                    continue;
                }
                int n = curves.get(0).length;
                double[] k = new double[n];
                double[] mean = new double[n];
                int used = 0;
                for (double[] c : curves) {
                    if (c.length != n) {
                        continue;
                    }
                    used++;
                    for (int i = 0; i < n; i++) {
                        mean[i] += c[i];
                    }
                }
                for (int i = 0; i < n; i++) {
                    k[i] = i;
                    mean[i] /= used;
                }
                String[] text = new String[n];
                for (int i = 0; i < n; i++) {
                    text[i] = data(model + " · " + r.getValue() + ": k = " + i + ", mean of " + used + " run"
                            + (used == 1 ? "" : "s"));
                }
                Line.Dash dash = r.getKey().equals("explanation") ? Line.Dash.SOLID
                        : r.getKey().equals("random") ? Line.Dash.DOT : Line.Dash.DASH;
                traces.add(ScatterTrace.builder(k, mean).mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                        .name(label(model + " · " + r.getValue())).legendGroup(label(model)).text(text)
                        .line(Line.builder().color(colour(model)).dash(dash).width(r.getKey().equals("explanation") ? 2.5 : 1.5)
                                .build())
                        .marker(Marker.builder().color(colour(model)).size(5).build()).build());
            }
        }
        if (traces.isEmpty()) {
            return null;
        }
        ObjectNode extras = RunFolder.object();
        extras.putObject("legend").put("orientation", "h").put("y", -0.3);
        String what = kind.equals("deletion") ? "units deleted, most important first" : "units inserted, most important first";
        return new Chart(caseName + " · " + setting + " · " + kind,
                kind.equals("deletion") ? "Output distance from the original as the top-k units are deleted: a faithful"
                        + " ranking rises faster than random." : "Output distance as only the top-k units are kept: a"
                        + " faithful ranking falls faster than random.",
                new PlotFigure(layout(null, "k (" + what + ")", "output distance", 400),
                        extras, traces.toArray(new Trace[0])));
    }

    // ---- fidelity scatter ----------------------------------------------------------------------------

    List<Chart> fidelityScatter() {
        List<Chart> out = new ArrayList<>();
        for (String setting : tables.settings) {
            List<Trace> traces = new ArrayList<>();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (String model : tables.models) {
                List<double[]> points = new ArrayList<>();
                List<String> text = new ArrayList<>();
                for (Cell c : run.cells()) {
                    if (!c.ok() || !c.setting().equals(setting) || !c.model().equals(model)) {
                        continue;
                    }
                    JsonNode oos = c.metrics().path("fidelity").path("outOfSample");
                    JsonNode p = oos.path("predicted");
                    JsonNode a = oos.path("actual");
                    for (int i = 0; i < Math.min(p.size(), a.size()); i++) {
                        double pv = Explained.number(p.get(i));
                        double av = Explained.number(a.get(i));
                        if (Double.isFinite(pv) && Double.isFinite(av)) {
                            points.add(new double[] {av, pv});
                            text.add(data(c.caseName() + ", replicate " + c.replicate() + ", perturbation " + (i + 1)));
                            lo = Math.min(lo, Math.min(av, pv));
                            hi = Math.max(hi, Math.max(av, pv));
                        }
                    }
                }
                if (points.isEmpty()) {
                    continue;
                }
                double[] x = points.stream().mapToDouble(q -> q[0]).toArray();
                double[] y = points.stream().mapToDouble(q -> q[1]).toArray();
                traces.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.MARKERS).name(label(model))
                        .text(text.toArray(new String[0]))
                        .marker(Marker.builder().color(colour(model)).size(6).opacity(0.7).build()).build());
            }
            if (traces.isEmpty()) {
                continue;
            }
            traces.add(ScatterTrace.builder(new double[] {lo, hi}, new double[] {lo, hi}).mode(ScatterTrace.Mode.LINE)
                    .name("predicted = actual").line(Line.builder().color("#888888").dash(Line.Dash.DASH).width(1).build())
                    .build());
            ObjectNode extras = RunFolder.object();
            extras.putObject("legend").put("orientation", "h").put("y", -0.25);
            out.add(new Chart(setting, "The surrogate's predicted output distance against the measured one, on perturbations"
                    + " not used in the fit (fidelity.outOfSample); the dashed line is a perfect fit.",
                    new PlotFigure(layout(null, "actual output distance", "predicted output distance", 420),
                            extras, traces.toArray(new Trace[0]))));
        }
        return out;
    }

    static void number(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.addNull();
        }
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.valueOf((long) v);
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
