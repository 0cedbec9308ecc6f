package org.gsmile.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The prompt heatmap as the thesis figures show it: each unit of the prompt on a box coloured by its
 * signed attribution, on a diverging scale centred on 0 (blue: keeping the unit holds the output in
 * place; red: it pulls the output away; the distance convention, whatever sign the explanation was
 * written in), with the output beside it. Written as plain SVG (no script, no external font or
 * stylesheet), so the same markup is inlined in the report's pages and saved as a file a paper can
 * include; hovering a unit shows its score and interval (SVG {@code <title>}). A dashed outline marks a
 * unit whose interval includes 0.
 *
 * <p>A comparison figure stacks rows (models, settings, replicates) of the same prompt, so the colours
 * of one unit can be read down a column; every row of a comparison shares one colour scale.
 */
final class PromptHeatmap {
    static final double FONT = 14;
    static final double LINE = 26;
    static final double PAD = 4;
    static final double BOX = 20;
    static final double PROMPT_WIDTH = 440;
    static final double OUTPUT_WIDTH = 340;
    static final double LABEL_WIDTH = 190;
    static final double GAP = 18;
    static final double MARGIN = 10;
    static final String FONT_FAMILY = "Helvetica, Arial, 'Liberation Sans', sans-serif";
    /** ColorBrewer RdBu, blue (−1) to red (+1). */
    private static final int[][] STOPS = {{0x21, 0x66, 0xac}, {0x67, 0xa9, 0xcf}, {0xf7, 0xf7, 0xf7}, {0xef, 0x8a, 0x62},
            {0xb2, 0x18, 0x2b}};

    /** One row: a label (the model, its setting, its replicate), and the explanation or the reason there is none. */
    record Row(String label, Explained explanation, String failure) {
    }

    /** A group of rows under a heading (one setting). */
    record Group(String heading, List<Row> rows) {
    }

    private PromptHeatmap() {
    }

    /** The largest |score| of the explanations: the comparison's shared scale (1 where all are 0). */
    static double scale(List<Explained> explanations) {
        double max = 0;
        for (Explained e : explanations) {
            for (double s : e.scores()) {
                if (Double.isFinite(s)) {
                    max = Math.max(max, Math.abs(s));
                }
            }
        }
        return max > 0 ? max : 1;
    }

    /** One explanation, standalone: its prompt and output, and the legend. */
    static String single(String title, Explained e, double scale, boolean standalone) {
        return comparison(title, List.of(new Group(null, List.of(new Row(null, e, null)))), scale, standalone);
    }

    /** Rows of the same prompt, grouped, with one colour scale; {@code standalone} adds the XML declaration. */
    static String comparison(String title, List<Group> groups, double scale, boolean standalone) {
        boolean labels = groups.stream().anyMatch(g -> g.rows().stream().anyMatch(r -> r.label() != null));
        double promptX = labels ? LABEL_WIDTH + GAP : 0;
        double outputX = promptX + PROMPT_WIDTH + GAP;
        double width = outputX + OUTPUT_WIDTH;
        StringBuilder body = new StringBuilder();
        double y = 0;
        if (title != null) {
            body.append(text(0, y + 18, title, 16, "font-weight=\"bold\" fill=\"#111\""));
            y += 30;
        }
        y = legend(body, 0, y, scale);
        body.append(text(promptX, y + 14, "prompt", 12, "fill=\"#666\"")).append(text(outputX, y + 14, "output", 12,
                "fill=\"#666\""));
        y += 22;
        for (Group g : groups) {
            if (g.heading() != null) {
                y += 6;
                body.append(text(0, y + 15, g.heading(), 13, "font-weight=\"bold\" fill=\"#333\""));
                body.append(String.format(Locale.ROOT, "<line x1=\"0\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ccc\"/>",
                        y + 21, width, y + 21));
                y += 28;
            }
            for (Row r : g.rows()) {
                double top = y;
                double bottom = y;
                double labelBottom = top;
                if (r.label() != null) {
                    labelBottom = wrapped(body, 0, top, r.label(), LABEL_WIDTH, 13, "fill=\"#222\"");
                    bottom = Math.max(bottom, labelBottom);
                }
                if (r.explanation() == null) {
                    bottom = Math.max(bottom, wrapped(body, promptX, top, "failed: " + (r.failure() == null ? "no explanation"
                            : r.failure()), PROMPT_WIDTH + GAP + OUTPUT_WIDTH, FONT, "fill=\"#b00020\""));
                } else {
                    bottom = Math.max(bottom, prompt(body, promptX, top, r.explanation(), scale));
                    bottom = Math.max(bottom, wrapped(body, outputX, top, r.explanation().output(), OUTPUT_WIDTH, FONT,
                            "fill=\"#333\""));
                    List<String> blocking = r.explanation().blocking();
                    if (!blocking.isEmpty()) {
                        // The command line prints no ranking for these; the colours are shown, and marked.
                        String note = "no reliable ranking: " + String.join(", ", blocking);
                        bottom = r.label() == null
                                ? wrapped(body, promptX, bottom, note, PROMPT_WIDTH, 11, "fill=\"#b00020\"")
                                : Math.max(bottom, wrapped(body, 0, labelBottom, note, LABEL_WIDTH, 11, "fill=\"#b00020\""));
                    }
                }
                y = bottom + 10;
            }
        }
        double height = Math.ceil(y + 4 + 2 * MARGIN);
        width += 2 * MARGIN;
        StringBuilder svg = new StringBuilder();
        if (standalone) {
            svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        }
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\""
                + " viewBox=\"0 0 %.0f %.0f\" font-family=\"%s\" font-size=\"%.0f\" role=\"img\" aria-label=\"%s\">",
                width, height, width, height, xml(FONT_FAMILY), FONT, xml(title == null ? "prompt heatmap" : title)));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        svg.append(String.format(Locale.ROOT, "<g transform=\"translate(%.0f %.0f)\">", MARGIN, MARGIN));
        svg.append(body).append("</g></svg>");
        if (standalone) {
            svg.append('\n');
        }
        return svg.toString();
    }

    private static double legend(StringBuilder b, double x, double y, double scale) {
        int steps = 21;
        double w = 10;
        double top = y + 4;
        b.append(text(x, top + 11, "keeps the output in place", 11, "fill=\"#2166ac\""));
        double barX = x + 150;
        for (int i = 0; i < steps; i++) {
            double v = -1 + 2.0 * i / (steps - 1);
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"%s\"/>",
                    barX + i * w, top + 1, w, colour(v)));
        }
        double end = barX + steps * w;
        b.append(text(end + 6, top + 11, "pulls it away", 11, "fill=\"#b2182b\""));
        b.append(text(barX - 2, top + 28, fmt(-scale), 10, "fill=\"#555\""));
        b.append(text(barX + steps * w / 2 - 3, top + 28, "0", 10, "fill=\"#555\""));
        b.append(text(end - TextWidth.of(fmt(scale), 10), top + 28, fmt(scale), 10, "fill=\"#555\""));
        b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"24\" height=\"14\" rx=\"3\" fill=\"none\""
                + " stroke=\"#444\" stroke-dasharray=\"3 2\"/>", end + 100, top));
        b.append(text(end + 130, top + 11, "95 % interval includes 0", 11, "fill=\"#555\""));
        return top + 38;
    }

    /** Lays out the prompt's units as coloured boxes, with the text between them plain; returns the bottom. */
    private static double prompt(StringBuilder b, double x0, double y0, Explained e, double scale) {
        String prompt = e.prompt();
        double x = 0;
        double line = 0;
        int at = 0;
        List<Explained.Unit> units = e.units();
        for (int i = 0; i <= units.size(); i++) {
            int start = i < units.size() ? Math.max(at, Math.min(units.get(i).start(), prompt.length())) : prompt.length();
            String gap = prompt.substring(Math.min(at, start), start);
            for (String piece : gap.split("(?<=\n)|(?=\n)")) {
                if (piece.equals("\n")) {
                    x = 0;
                    line++;
                } else if (piece.isBlank()) {
                    if (x > 0) {
                        x += TextWidth.of(" ", FONT);
                    }
                } else {
                    for (String word : piece.strip().split("\\s+")) {
                        double w = TextWidth.of(word, FONT);
                        if (x > 0 && x + w > PROMPT_WIDTH) {
                            x = 0;
                            line++;
                        }
                        b.append(text(x0 + x, y0 + line * LINE + 15, word, FONT, "fill=\"#555\""));
                        x += w;
                    }
                    if (Character.isWhitespace(piece.charAt(piece.length() - 1))) {
                        x += TextWidth.of(" ", FONT);
                    }
                }
            }
            if (i == units.size()) {
                break;
            }
            Explained.Unit u = units.get(i);
            String shown = u.text().replaceAll("\\s+", " ");
            double w = TextWidth.of(shown, FONT) + 2 * PAD;
            if (x > 0 && x + w > PROMPT_WIDTH) {
                x = 0;
                line++;
            }
            double score = e.distanceScore(i);
            double v = Double.isFinite(score) ? Math.max(-1, Math.min(1, score / scale)) : Double.NaN;
            double lo = e.lower()[i];
            double hi = e.upper()[i];
            boolean includesZero = Double.isFinite(lo) && Double.isFinite(hi) && lo <= 0 && hi >= 0;
            double top = y0 + line * LINE;
            b.append("<g><title>").append(xml(tooltip(e, i))).append("</title>");
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"3\""
                    + " fill=\"%s\" stroke=\"%s\"%s/>", x0 + x, top, w, BOX, Double.isNaN(v) ? "#dddddd" : colour(v),
                    includesZero ? "#444" : "none", includesZero ? " stroke-dasharray=\"3 2\"" : ""));
            String ink = Double.isFinite(v) && Math.abs(v) > 0.6 ? "#ffffff" : "#111111";
            b.append(text(x0 + x + PAD, top + 15, shown, FONT, "fill=\"" + ink + "\"")).append("</g>");
            x += w + 1;
            at = Math.max(at, Math.min(u.end(), prompt.length()));
        }
        return y0 + line * LINE + BOX;
    }

    private static String tooltip(Explained e, int i) {
        Explained.Unit u = e.units().get(i);
        StringBuilder t = new StringBuilder();
        t.append(u.text()).append(" (#").append(i + 1).append("): score ").append(fmt(e.scores()[i]));
        double lo = e.lower()[i];
        double hi = e.upper()[i];
        if (Double.isFinite(lo) && Double.isFinite(hi)) {
            t.append(", ").append(Math.round(e.level() * 100)).append(" % interval [").append(fmt(lo)).append(", ")
                    .append(fmt(hi)).append("]");
        } else {
            t.append(", no interval");
        }
        t.append("; normalised ").append(fmt(e.normalized()[i])).append("; sign: ").append(e.sign());
        return t.toString();
    }

    /** Plain text wrapped at word boundaries into {@code width}; returns the bottom. */
    private static double wrapped(StringBuilder b, double x0, double y0, String s, double width, double size, String attrs) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : s.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.strip().split("[ \\t]+")) {
                String next = line.length() == 0 ? word : line + " " + word;
                if (line.length() > 0 && TextWidth.of(next, size) > width) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(next);
                }
            }
            lines.add(line.toString());
        }
        while (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        double lineHeight = size * 1.45;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isEmpty()) {
                b.append(text(x0, y0 + 15 + i * lineHeight, lines.get(i), size, attrs));
            }
        }
        return y0 + 15 + (lines.size() - 1) * lineHeight + 5;
    }

    private static String text(double x, double y, String s, double size, String attrs) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" %s xml:space=\"preserve\">%s</text>",
                x, y, size, attrs, xml(s));
    }

    /** The diverging colour of v in [-1, 1]: RdBu, blue at −1, near-white at 0, red at +1. */
    static String colour(double v) {
        double t = (Math.max(-1, Math.min(1, v)) + 1) / 2 * (STOPS.length - 1);
        int k = Math.min(STOPS.length - 2, (int) Math.floor(t));
        double f = t - k;
        int[] a = STOPS[k];
        int[] c = STOPS[k + 1];
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(a[0] + f * (c[0] - a[0])),
                Math.round(a[1] + f * (c[1] - a[1])), Math.round(a[2] + f * (c[2] - a[2])));
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%+.3g", v).replace("-", "−");
    }

    /** Text for XML: markup characters escaped, and characters XML 1.0 does not allow dropped. */
    static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        if (c == 0xFFFE || c == 0xFFFF) {
                            continue;
                        }
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
