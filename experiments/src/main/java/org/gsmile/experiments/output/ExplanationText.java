package org.gsmile.experiments.output;

import java.util.Locale;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.unit.Unit;

/** The explanation for a person at a terminal: the output, then the words ranked by |score|. */
public final class ExplanationText {
    private static final int BAR_WIDTH = 24;
    private static final String RED = "\u001b[31m";
    private static final String BLUE = "\u001b[34m";
    private static final String RESET = "\u001b[0m";

    private final boolean colour;

    /** @param colour ANSI colours, only for a terminal */
    public ExplanationText(boolean colour) {
        this.colour = colour;
    }

    public String render(Explanation e) {
        StringBuilder sb = new StringBuilder();
        sb.append("Prompt: ").append(e.prompt()).append('\n');
        sb.append("Output: ").append(e.output().replace("\n", "\\n")).append('\n');
        sb.append('\n');
        int width = 4;
        for (Unit u : e.units()) {
            width = Math.max(width, u.text().length());
        }
        width = Math.min(width, 24);
        double[] theta = e.attribution().scores();
        double[] norm = e.attribution().normalized();
        sb.append(String.format(Locale.ROOT, "%4s  %-" + width + "s  %-" + BAR_WIDTH + "s  %10s%n", "rank", "word",
                "|score| / max", "score"));
        int rank = 1;
        for (int i : e.attribution().ranking()) {
            String word = e.units().get(i).text();
            if (word.length() > width) {
                word = word.substring(0, width - 1) + "…";
            }
            String bar = "█".repeat((int) Math.round(norm[i] * BAR_WIDTH));
            String paddedBar = bar + " ".repeat(BAR_WIDTH - bar.length());
            if (colour) {
                paddedBar = (theta[i] < 0 ? BLUE : RED) + paddedBar + RESET;
            }
            sb.append(String.format(Locale.ROOT, "%4d  %-" + width + "s  %s  %+10.5f%n", rank++, word, paddedBar, theta[i]));
        }
        sb.append('\n');
        sb.append("A negative score means keeping the word holds the output in place: removing it moves the output"
                + " by about |score| (").append(e.provenance().spec().distance().label()).append(").\n");
        sb.append(String.format(Locale.ROOT, "Fidelity: weighted R² %.3f, adjusted %s, weighted MSE %.3g%s%n",
                e.fit().fidelity().r2w(), Double.isNaN(e.fit().fidelity().r2wAdjusted()) ? "n/a (too few samples)"
                        : String.format(Locale.ROOT, "%.3f", e.fit().fidelity().r2wAdjusted()),
                e.fit().fidelity().mseW(), e.fit().ridge() > 0 ? String.format(Locale.ROOT, " (ridge %.1e)", e.fit().ridge()) : ""));
        sb.append(String.format(Locale.ROOT,
                "Calls: %d requested, %d unique, %d cache hits, %d generation; model %.0f ms of %.0f ms total (seed %d)%n",
                e.calls().requested(), e.calls().unique(), e.calls().cacheHits(), e.calls().preparation(),
                e.cost().timings().modelMs(), e.cost().timings().totalMs(), e.provenance().seed()));
        return sb.toString();
    }
}
