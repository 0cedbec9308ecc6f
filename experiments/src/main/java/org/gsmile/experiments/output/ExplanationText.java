package org.gsmile.experiments.output;

import static org.gsmile.experiments.output.TextFormat.count;
import static org.gsmile.experiments.output.TextFormat.escape;
import static org.gsmile.experiments.output.TextFormat.signed;
import static org.gsmile.experiments.output.TextFormat.stat;
import static org.gsmile.experiments.output.TextFormat.unitNoun;
import static org.gsmile.experiments.output.TextFormat.units;
import static org.gsmile.experiments.output.TextFormat.wrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gsmile.core.adaptive.SamplingReport;
import org.gsmile.core.adaptive.StopReason;
import org.gsmile.core.explain.CallStats;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.Reliability;
import org.gsmile.core.explain.Sample;
import org.gsmile.core.explain.Warning;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.KernelKind;
import org.gsmile.core.spec.Method;
import org.gsmile.core.spec.SignConvention;
import org.gsmile.core.spec.UnitKind;
import org.gsmile.core.unit.Unit;
import org.gsmile.experiments.cli.CliNames;

/**
 * The explanation for a person at a terminal: the output, the warnings, what ran, then the units
 * ranked by |score| (or, where a warning says the scores support no ranking, in prompt order), what
 * a score means, the fit and the cost. {@link SamplingText#render} follows it.
 */
public final class ExplanationText {
    private static final int BAR_WIDTH = 20;
    private static final int MAX_UNIT_WIDTH = 28;
    /** Characters of prompt shown on each side of a unit in context. */
    private static final int CONTEXT = 24;
    private static final String RED = "\u001b[31m";
    private static final String BLUE = "\u001b[34m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";

    private final boolean colour;

    /** @param colour ANSI colours, only for a terminal */
    public ExplanationText(boolean colour) {
        this.colour = colour;
    }

    public String render(Explanation e) {
        ExplanationSpec spec = e.provenance().spec();
        StringBuilder sb = new StringBuilder();
        sb.append("Prompt: ").append(escape(e.prompt())).append('\n');
        sb.append("Output: ").append(escape(e.output())).append('\n');
        if (!e.warnings().isEmpty()) {
            sb.append('\n').append(paint(YELLOW, "Warnings:")).append('\n');
            for (Warning w : e.warnings()) {
                sb.append(wrap("[" + w.code().label() + "] " + CliNames.render(w.message()) + " — "
                        + CliNames.render(w.remedy()), "  ", "      "));
            }
        }
        sb.append('\n');
        sb.append(wrap(SamplingText.method(e), "Method: ", "  "));
        if (!spec.method().isReference()) {
            sb.append(wrap(SamplingText.samples(e), "Samples: ", "  "));
        }
        if (e.sampling().hierarchy() != null) {
            sb.append(wrap(SamplingText.hierarchy(e), "Hierarchy: ", "  "));
        }
        sb.append(wrap(units(e.units().size(), spec.units()) + ", " + operator(spec) + "; output distance: "
                + spec.distance().label(), "Units: ", "  "));
        sb.append(signLine(spec.sign())).append('\n');
        sb.append('\n');
        table(e, sb);
        sb.append('\n');
        sb.append(wrap(meaning(e), "Score: ", "  "));
        if (spec.method() == Method.LEAVE_ONE_OUT) {
            sb.append(wrap("none: leave-one-out has as many observations as unknowns, so a linear model through"
                    + " them fits exactly and its R² says nothing.", "Fit: ", "  "));
        } else {
            fit(e, sb);
        }
        calls(e, sb);
        return sb.toString();
    }

    private static void fit(Explanation e, StringBuilder sb) {
        sb.append(String.format(Locale.ROOT, "Fit: weighted R² %s, adjusted %s, weighted MSE %s%s%n",
                stat(e.fit().fidelity().r2w(), "%.3f"),
                Double.isNaN(e.fit().fidelity().r2wAdjusted()) ? "n/a (no more samples than unknowns)"
                        : stat(e.fit().fidelity().r2wAdjusted(), "%.3f"),
                stat(e.fit().fidelity().mseW(), "%.3g"),
                e.fit().ridge() > 0 ? String.format(Locale.ROOT, " (ridge %.1e)", e.fit().ridge()) : ""));
    }

    /** "Sign: distance (negative = keeping the unit holds the output in place)". */
    static String signLine(SignConvention sign) {
        return sign == SignConvention.IMPORTANCE
                ? "Sign: importance (positive = keeping the unit holds the output in place)"
                : "Sign: distance (negative = keeping the unit holds the output in place)";
    }

    /** Whether the explanation's intervals are shown: bootstrapped, and enough samples for them to mean anything. */
    static boolean showsIntervals(Explanation e) {
        return e.sampling().hasIntervals() && !has(e, Warning.Code.NO_INTERVALS) && !enumerated(e);
    }

    /** Whether every coalition was observed and the bootstrap, left with nothing to resample, gave points. */
    private static boolean enumerated(Explanation e) {
        SamplingReport s = e.sampling();
        if (s.stopReason() != StopReason.EXHAUSTED) {
            return false;
        }
        double[] lo = s.lower();
        double[] hi = s.upper();
        for (int i = 0; i < lo.length; i++) {
            if (!(hi[i] - lo[i] <= 1e-12 * Math.max(1, Math.abs(hi[i])))) {
                return false;
            }
        }
        return true;
    }

    private void table(Explanation e, StringBuilder sb) {
        ExplanationSpec spec = e.provenance().spec();
        List<Unit> units = e.units();
        int n = units.size();
        double[] theta = e.attribution().scores();
        double[] norm = e.attribution().normalized();
        SamplingReport s = e.sampling();
        double[] lo = s.lower();
        double[] hi = s.upper();
        boolean intervals = showsIntervals(e);
        boolean blocked = e.rankingBlocked();
        int[] group = has(e, Warning.Code.TIED_UNITS) ? tiedGroups(e.samples(), n) : null;
        String noun = unitNoun(spec.units());
        int width = Math.max(4, noun.length());
        boolean cut = false;
        for (Unit u : units) {
            int len = escape(u.text()).length();
            width = Math.max(width, Math.min(len, MAX_UNIT_WIDTH));
            cut |= len > MAX_UNIT_WIDTH;
        }
        int posWidth = Math.max(2, String.valueOf(n).length() + 1);
        String interval = intervals ? String.format(Locale.ROOT, "  %.0f %% interval", 100 * s.level()) : "";

        List<Integer> order = new ArrayList<>();
        List<String> rankLabels = new ArrayList<>();
        if (blocked) {
            Optional<Warning> why = e.warnings().stream().filter(w -> w.code().blocksRanking()).findFirst();
            sb.append(wrap("No reliable ranking: " + CliNames.render(why.orElseThrow().message()) + ".", "", "  "));
            sb.append("Scores in prompt order:\n");
            for (int i = 0; i < n; i++) {
                order.add(i);
                rankLabels.add(group != null && group[i] >= 0 ? "=" + (char) ('A' + Math.min(group[i], 25)) : "");
            }
            sb.append(String.format(Locale.ROOT, "%4s  %" + posWidth + "s  %-" + width + "s  %10s%s%n",
                    group != null ? "tied" : "", "#", noun, "score", interval));
        } else {
            int[] ranking = e.attribution().ranking();
            boolean[] placed = new boolean[n];
            for (int i : ranking) {
                if (placed[i]) {
                    continue;
                }
                if (group != null && group[i] >= 0) {
                    String label = (order.size() + 1) + "=";
                    for (int j : ranking) {
                        if (group[j] == group[i]) {
                            order.add(j);
                            rankLabels.add(label);
                            placed[j] = true;
                        }
                    }
                } else {
                    order.add(i);
                    rankLabels.add(String.valueOf(order.size()));
                    placed[i] = true;
                }
            }
            sb.append(String.format(Locale.ROOT, "%4s  %" + posWidth + "s  %-" + width + "s  %-" + BAR_WIDTH
                    + "s  %10s%s%n", "rank", "#", noun, "|score| / max", "score", interval));
        }
        boolean importance = spec.sign() == SignConvention.IMPORTANCE;
        for (int row = 0; row < order.size(); row++) {
            int i = order.get(row);
            String text = TextFormat.cut(escape(units.get(i).text()), width);
            sb.append(String.format(Locale.ROOT, "%4s  %" + posWidth + "s  %-" + width + "s  ", rankLabels.get(row),
                    "#" + (i + 1), text));
            if (!blocked) {
                String bar = "█".repeat((int) Math.round(norm[i] * BAR_WIDTH));
                String padded = bar + " ".repeat(BAR_WIDTH - bar.length());
                boolean holds = importance ? theta[i] > 0 : theta[i] < 0;
                sb.append(theta[i] == 0 ? padded : paint(holds ? BLUE : RED, padded)).append("  ");
            }
            sb.append(String.format(Locale.ROOT, "%+10.5f", theta[i]));
            if (intervals) {
                sb.append(String.format(Locale.ROOT, "  [%+.5f, %+.5f]%s", lo[i], hi[i],
                        lo[i] > 0 || hi[i] < 0 ? "" : "  includes 0"));
            }
            sb.append('\n');
        }
        if (group != null) {
            int groups = 0;
            for (int g : group) {
                groups = Math.max(groups, g + 1);
            }
            String marks = blocked ? (groups == 1 ? "=A: these " : "=A, =B, …: the ") : "A rank with = (such as 3=): the ";
            sb.append(wrap(marks + spec.units().attributesTo().label() + (blocked && groups == 1 ? "" : " of a group")
                    + " were kept or removed together in every sample, so the design cannot tell their scores"
                    + " apart (tied-units).", "", "  "));
        }
        if (intervals) {
            int zero = 0;
            for (int i = 0; i < n; i++) {
                zero += lo[i] > 0 || hi[i] < 0 ? 0 : 1;
            }
            sb.append(wrap(String.format(Locale.ROOT, "Intervals: %.0f %% bootstrap percentiles; %d of %d include 0.",
                    100 * s.level(), zero, n), "", "  "));
            if (!blocked) {
                sb.append(String.format(Locale.ROOT, "Top-%d stability: the same top-%d set comes back in %.0f %% of"
                        + " bootstrap resamples.%n", s.topK(), s.topK(), 100 * s.topKStability()));
            }
        } else {
            sb.append(wrap("Intervals: " + noIntervals(e), "", "  "));
        }
        if (spec.units().attributesTo() != UnitKind.WORDS || cut) {
            sb.append(Character.toUpperCase(spec.units().attributesTo().label().charAt(0))).append(spec.units().attributesTo().label().substring(1))
                    .append(" in context:\n");
            for (int i = 0; i < n; i++) {
                sb.append(String.format(Locale.ROOT, "  %" + posWidth + "s  %s%n", "#" + (i + 1),
                        context(e.prompt(), units.get(i))));
            }
        }
    }

    /** Why no interval is shown. */
    private static String noIntervals(Explanation e) {
        ExplanationSpec spec = e.provenance().spec();
        Optional<Warning> no = e.warnings().stream().filter(w -> w.code() == Warning.Code.NO_INTERVALS).findFirst();
        if (no.isPresent()) {
            return "not shown: " + CliNames.render(no.get().message()) + ".";
        }
        if (spec.method() == Method.EXACT_SHAPLEY) {
            return "none: exact values over every coalition have no sampling error.";
        }
        if (enumerated(e)) {
            return "none: every coalition the sampler can draw was observed, so the scores have no sampling error.";
        }
        if (spec.method() == Method.LEAVE_ONE_OUT) {
            return "none: leave-one-out observes each removal once and draws nothing.";
        }
        if (!spec.bootstraps()) {
            return "not computed: the " + spec.surrogate().label() + " surrogate is not bootstrapped (use "
                    + CliNames.render("{surrogate=wls}") + " for intervals).";
        }
        return "not computed.";
    }

    /** What a score is, by the method that computed it, without claims the numbers do not support. */
    static String meaning(Explanation e) {
        ExplanationSpec spec = e.provenance().spec();
        String noun = unitNoun(spec.units());
        String plural = spec.units().attributesTo().label();
        String distanceName = "output distance (" + spec.distance().label() + ")";
        String distance = "the " + distanceName;
        boolean importance = spec.sign() == SignConvention.IMPORTANCE;
        String flipped = importance ? ", with its sign flipped" : "";
        if (spec.method() == Method.LEAVE_ONE_OUT) {
            return (importance ? "" : "minus ") + distance + " of the prompt with that " + noun + " alone removed"
                    + " (leave-one-out). It sees only single removals: what " + plural + " do together is not seen.";
        }
        if (spec.method() == Method.EXACT_SHAPLEY || spec.kernel() == KernelKind.SHAPLEY) {
            String which = spec.method() == Method.EXACT_SHAPLEY || everyCoalition(e) ? "exact" : "estimated";
            return "each " + noun + "'s " + which + " Shapley value of " + distance + flipped + ": the change in"
                    + " distance from the original output when the " + noun + " joins a coalition of the other "
                    + plural + ", averaged over coalitions with the Shapley weights." + efficiency(e);
        }
        String kernel = switch (spec.kernel()) {
            case GAUSSIAN -> "the Gaussian kernel (samples close to the prompt count most)";
            case WMD -> "the Word Mover's kernel (perturbed prompts close in meaning to the prompt count most)";
            default -> "uniform weights";
        };
        return "each " + noun + "'s coefficient θ in the linear surrogate Δ ≈ θ·z + θ₀ (z = 1 keeps the " + noun
                + ")" + flipped + ", fitted with " + kernel + ": the change in the fitted " + distanceName + " when the "
                + noun + " is kept and the other " + plural + " stay as they are. It is not a Shapley value;"
                + " the scores need not add up to anything.";
    }

    /** Whether the samples hold every coalition, so that the Shapley kernel's fit is the Shapley values. */
    private static boolean everyCoalition(Explanation e) {
        int n = e.units().size();
        return n < 31 && e.samples().stream().map(Sample::mask).distinct().count() == 1L << n;
    }

    /** The efficiency property, stated only where the scores' sum is the empty coalition's distance. */
    private static String efficiency(Explanation e) {
        if (has(e, Warning.Code.ANCHOR_REJECTED)) {
            return " The empty-prompt anchor was not used, so the scores need not add up to its distance.";
        }
        Optional<Sample> empty = e.samples().stream().filter(s -> s.mask().keptCount() == 0).findFirst();
        if (empty.isEmpty()) {
            return "";
        }
        ExplanationSpec spec = e.provenance().spec();
        boolean importance = spec.sign() == SignConvention.IMPORTANCE;
        double sum = 0;
        for (double t : e.attribution().scores()) {
            sum += t;
        }
        double d = empty.get().outputDistance();
        double expected = importance ? d : -d;
        if (!(Math.abs(sum - expected) <= 1e-6 * Math.max(1e-3, Math.abs(d)))) {
            return "";
        }
        String of = switch (spec.operator()) {
            case DROP -> "the empty prompt's output";
            case MASK -> "the output with every " + unitNoun(spec.units()) + " masked";
            case SYNONYM -> "the output with every " + unitNoun(spec.units()) + " replaced";
        };
        return " The scores add up to " + signed(sum) + ", " + (importance ? "" : "minus ") + "the distance of " + of
                + " from the original (efficiency).";
    }

    private static String operator(ExplanationSpec spec) {
        return switch (spec.operator()) {
            case DROP -> "dropped when removed";
            case MASK -> "replaced by " + escape(spec.maskToken()) + " when removed";
            case SYNONYM -> "replaced by a WordNet synonym when removed (dropped where there is none)";
        };
    }

    private static void calls(Explanation e, StringBuilder sb) {
        CallStats c = e.calls();
        String id = e.provenance().modelId();
        boolean remote = id.startsWith("openai:") || id.startsWith("ollama:") || c.diskCacheHits() > 0 || c.retries() > 0;
        StringBuilder line = new StringBuilder();
        line.append(c.requested()).append(" requested, ").append(c.unique()).append(" unique, ")
                .append(count(c.cacheHits(), "cache hit")).append(", ").append(count(c.preparation(), "generation"));
        if (remote) {
            line.append(", ").append(c.diskCacheHits()).append(" from the response cache, ")
                    .append(count(c.retries(), "retry", "retries"));
        }
        if (c.failed() > 0) {
            line.append(", ").append(c.failed()).append(" failed");
        }
        sb.append(wrap(line.toString(), "Calls: ", "  "));
        sb.append(String.format(Locale.ROOT, "Time: %.0f ms in the model of %.0f ms in all; seed %d%n",
                e.cost().timings().modelMs(), e.cost().timings().totalMs(), e.provenance().seed()));
        if (c.diskCacheHits() > 0 && c.diskCacheHits() >= c.unique()) {
            sb.append(wrap("Every answer came from the response cache: no request reached the model, so a changed"
                    + " model or server would not show. To ask the model again, run with "
                    + CliNames.render("{cache=none}") + " or clear the cache (README, \"Models behind an API\").",
                    "", "  "));
        }
    }

    /** The prompt around the unit, the unit marked ⟦…⟧ and whole, the rest cut with "…". */
    static String context(String prompt, Unit u) {
        int start = Math.min(u.start(), prompt.length());
        int end = Math.min(Math.max(u.end(), start), prompt.length());
        int from = Math.max(0, start - CONTEXT);
        String left = prompt.substring(from, start);
        if (from > 0) {
            int space = left.indexOf(' ');
            left = "…" + (space >= 0 && space < left.length() - 1 ? left.substring(space + 1) : left);
        }
        int to = Math.min(prompt.length(), end + CONTEXT);
        String right = prompt.substring(end, to);
        if (to < prompt.length()) {
            int space = right.lastIndexOf(' ');
            right = (space > 0 ? right.substring(0, space) : right) + "…";
        }
        return escape(left) + "⟦" + escape(prompt.substring(start, end)) + "⟧" + escape(right);
    }

    /** For each unit, its group among units kept or removed together in every sample, or −1 if it has none. */
    static int[] tiedGroups(List<Sample> samples, int n) {
        int[] group = new int[n];
        java.util.Arrays.fill(group, -1);
        List<List<Integer>> tied = Reliability.tiedUnits(samples, n);
        for (int g = 0; g < tied.size(); g++) {
            for (int i : tied.get(g)) {
                group[i] = g;
            }
        }
        return group;
    }

    private static boolean has(Explanation e, Warning.Code code) {
        return e.warnings().stream().anyMatch(w -> w.code() == code);
    }

    private String paint(String ansi, String text) {
        return colour ? ansi + text + RESET : text;
    }
}
