package org.gsmile.reports;

import java.util.Locale;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** The report's HTML: escaping, the page frame (offline: every link relative), tables. */
final class Html {
    private Html() {
    }

    static String esc(String s) {
        return s == null ? "" : PromptHeatmap.xml(s);
    }

    /**
     * A page. {@code root} is the relative path from the page to the report folder ("" or "../");
     * {@code plotly} adds the report's one copy of plotly.js.
     */
    static String page(String title, String root, String nav, CharSequence body, boolean plotly) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(root).append("report.css\">\n");
        if (plotly) {
            b.append("<script src=\"").append(root).append(Report.PLOTLY_FILE).append("\"></script>\n");
        }
        b.append("</head>\n<body>\n<nav>").append(nav).append("</nav>\n<main>\n").append(body).append("</main>\n")
                .append("<footer>gSMILE-J report · plotly.js ").append(esc(Report.plotlyVersion()))
                .append(" (in this folder) · works offline</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    /** The links atop every page; {@code scenarios} adds the scenario page of a run with suites. */
    static String nav(String root, boolean scenarios) {
        return "<a href=\"" + root + "index.html\">index</a>"
                + (scenarios ? " <a href=\"" + root + Pages.SCENARIOS + "\">scenarios</a>" : "")
                + " <a href=\"" + root + "plots/metrics.html\">metrics</a>"
                + " <a href=\"" + root + "plots/settings.html\">settings × models</a>"
                + " <a href=\"" + root + "plots/consistency.html\">consistency</a>"
                + " <a href=\"" + root + "plots/faithfulness.html\">faithfulness</a>"
                + " <a href=\"" + root + "plots/fidelity.html\">fidelity</a>"
                + " <a href=\"" + root + "index.html#explanations\">explanations</a>"
                + " <a href=\"" + root + "index.html#tables\">tables</a>";
    }

    /**
     * A Tablesaw table as HTML; numbers with 4 significant digits, missing as an en dash. {@code headers}
     * gives columns shorter headings (the column's own name becomes the heading's tooltip).
     */
    static String table(Table t, java.util.Map<String, String> headers) {
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table>\n<thead><tr>");
        for (Column<?> c : t.columns()) {
            String shown = headers == null ? null : headers.get(c.name());
            if (shown == null) {
                b.append("<th>").append(esc(c.name())).append("</th>");
            } else {
                b.append("<th title=\"").append(esc(c.name())).append("\">").append(esc(shown)).append("</th>");
            }
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < t.rowCount(); r++) {
            b.append("<tr>");
            for (Column<?> c : t.columns()) {
                Object v = c.get(r);
                if (v instanceof Double d) {
                    b.append("<td class=\"num\">").append(Plots.fmt(d)).append("</td>");
                } else if (v instanceof Number n) {
                    b.append("<td class=\"num\">").append(n).append("</td>");
                } else {
                    b.append("<td>").append(esc(v == null ? "" : v.toString())).append("</td>");
                }
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody></table></div>\n").toString();
    }

    static String num(double v) {
        return Plots.fmt(v);
    }

    static String percent(double v) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * v);
    }

    static final String CSS = """
            :root { --ink: #1b1b1b; --muted: #666; --line: #ddd; --warn: #8a5a00; --bad: #b00020; }
            body { font-family: Helvetica, Arial, 'Liberation Sans', sans-serif; color: var(--ink); margin: 0;
                   background: #fafafa; }
            nav { background: #1f2d3d; padding: 8px 16px; position: sticky; top: 0; z-index: 10; }
            nav a { color: #e8eef5; margin-right: 14px; text-decoration: none; font-size: 14px; }
            nav a:hover { text-decoration: underline; }
            main { max-width: 1400px; margin: 0 auto; padding: 8px 20px 40px; }
            h1 { font-size: 24px; margin: 16px 0 4px; } h2 { font-size: 19px; margin-top: 28px;
                 border-bottom: 1px solid var(--line); padding-bottom: 4px; }
            h3 { font-size: 15px; margin: 18px 0 6px; }
            .muted, .caption { color: var(--muted); font-size: 13px; }
            .caption { margin: 2px 0 8px; }
            table { border-collapse: collapse; font-size: 13px; background: #fff; }
            th, td { border: 1px solid var(--line); padding: 3px 7px; text-align: left; vertical-align: top; }
            th { background: #f0f3f6; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            .scroll { overflow-x: auto; max-width: 100%; }
            .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 12px; }
            .pair { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 12px; margin-bottom: 12px; }
            @media (max-width: 900px) { .pair { grid-template-columns: 1fr; } }
            .card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
            .plot { width: 100%; min-height: 260px; }
            .box { border-left: 4px solid var(--warn); background: #fff8e6; padding: 8px 12px; margin: 10px 0; }
            .box.bad { border-color: var(--bad); background: #fdecef; }
            .stat { display: inline-block; margin-right: 22px; } .stat b { font-size: 20px; display: block; }
            code, .yaml { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 12px; }
            .code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-weight: bold; }
            .blocks { color: var(--bad); font-weight: bold; }
            .heatmap { overflow-x: auto; background: #fff; border: 1px solid var(--line); padding: 8px; }
            details summary { cursor: pointer; }
            h4 { font-size: 14px; margin: 14px 0 4px; }
            .images { display: flex; flex-wrap: wrap; gap: 14px; align-items: flex-start; margin: 8px 0; }
            .images figure { margin: 0; background: #fff; border: 1px solid var(--line); padding: 6px; max-width: 260px; }
            .images figure.instruction { flex: 1 1 420px; max-width: 640px; }
            .images figure.instruction svg { width: 100%; height: auto; display: block; }
            .images img { width: 240px; height: auto; image-rendering: pixelated; display: block; }
            .images figcaption { font-size: 12px; color: var(--muted); margin-top: 4px; }
            .images figure.missing div { width: 240px; padding: 20px 0; color: var(--bad); font-size: 12px; }
            img.thumb { width: 48px; height: auto; image-rendering: pixelated; vertical-align: middle; }
            footer { color: var(--muted); font-size: 12px; text-align: center; padding: 16px; }
            """;
}
