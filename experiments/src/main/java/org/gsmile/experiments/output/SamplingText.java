package org.gsmile.experiments.output;

import static org.gsmile.experiments.output.TextFormat.count;
import static org.gsmile.experiments.output.TextFormat.units;

import java.util.Locale;
import org.gsmile.core.adaptive.Hierarchy;
import org.gsmile.core.adaptive.SamplingReport;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.Warning;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.KernelKind;
import org.gsmile.core.spec.Method;
import org.gsmile.core.spec.SampleBudget;
import org.gsmile.core.spec.SamplerKind;
import org.gsmile.core.spec.SurrogateKind;
import org.gsmile.experiments.cli.CliNames;

/**
 * What ran and how the samples were spent, for a person: the method line, the samples line, and at
 * the end the units the operator could not replace and the count of warnings.
 */
public final class SamplingText {
    private SamplingText() {
    }

    /**
     * What computed the scores, as it actually ran: "exact Shapley values, all 512 coalitions of the 9
     * words", "leave-one-out, …", or the surrogate's sampler, weights and fit.
     */
    public static String method(Explanation e) {
        ExplanationSpec spec = e.provenance().spec();
        int n = e.units().size();
        if (spec.method() == Method.EXACT_SHAPLEY) {
            return String.format(Locale.ROOT, "exact Shapley values, all %s of the %s (2^%d), each observed",
                    count(1L << n, "coalition"), units(n, spec.units()), n);
        }
        if (spec.method() == Method.LEAVE_ONE_OUT) {
            return "leave-one-out, " + count(n, "prompt") + " besides the original, each with one "
                    + TextFormat.unitNoun(spec.units()) + " removed";
        }
        return "surrogate: " + sampler(spec, n) + ", " + kernel(spec) + ", " + surrogate(spec.surrogate())
                + " on " + units(n, spec.units());
    }

    /** How many samples the fit used and why that many: the budget, the rounds and why drawing stopped. */
    public static String samples(Explanation e) {
        ExplanationSpec spec = e.provenance().spec();
        SamplingReport s = e.sampling();
        int n = e.units().size();
        StringBuilder sb = new StringBuilder(String.valueOf(s.samples()));
        SampleBudget budget = spec.budget();
        boolean raised = s.samples() > budget.samplesFor(n) && spec.kernel() == KernelKind.SHAPLEY;
        if (spec.sampler() == SamplerKind.EXHAUSTIVE) {
            sb.append(" (the exhaustive sampler draws every coalition, whatever ")
                    .append(CliNames.render("{samples}")).append(" says)");
        } else if (budget instanceof SampleBudget.Auto auto) {
            sb.append(" in ").append(count(s.rounds(), "round")).append(" (budget auto, at most ")
                    .append(CliNames.render("{maxSamples=" + auto.maxSamples() + "}")).append(')');
        } else if (budget instanceof SampleBudget.AtLeast atLeast) {
            sb.append(String.format(Locale.ROOT, " (default: max(%d, 2n + 2) = %d for n = %d)", atLeast.samples(),
                    budget.samplesFor(n), n));
        } else {
            sb.append(" (").append(CliNames.render("{samples=" + budget.samplesFor(n) + "}"))
                    .append(raised ? ", raised to the Shapley kernel's two anchors, the empty and the full prompt,"
                            + " which are always observed" : "").append(')');
        }
        if (!(budget instanceof SampleBudget.Auto)) {
            sb.append(", ").append(count(s.rounds(), "round"));
        }
        return sb.append("; stopped: ").append(reason(e)).toString();
    }

    /**
     * What a hierarchical explanation did: the groups first, then the words of the groups refined, and
     * what the words of the other groups score.
     */
    public static String hierarchy(Explanation e) {
        Hierarchy h = e.sampling().hierarchy();
        String noun = h.groups().substring(0, h.groups().length() - 1);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s first (%d samples); ",
                count(h.count(), noun, h.groups()), h.groupSamples()));
        if (h.refined().isEmpty()) {
            sb.append("no ").append(noun).append(" of two or more words could be refined within the budget");
        } else {
            sb.append("then the words of ").append(h.refined().size() == 1 ? "the " + noun
                    : "the " + h.refined().size() + " " + h.groups()).append(" that mattered most, by |score|: ");
            for (int r = 0; r < h.refined().size(); r++) {
                Hierarchy.Refined g = h.refined().get(r);
                sb.append(r == 0 ? "" : ", ").append('"').append(TextFormat.escape(TextFormat.cut(g.text(), 40)))
                        .append(String.format(Locale.ROOT, "\" (%d words, %d samples)", g.words(), g.samples()));
            }
        }
        int rest = h.count() - h.refined().size();
        if (rest > 0) {
            sb.append(String.format(Locale.ROOT, "; the words of the other %s share their %s's score equally",
                    count(rest, noun, h.groups()), noun));
        }
        return sb.toString();
    }

    /** The part after the cost: units without a synonym, and the warnings' count. */
    public static String render(Explanation e) {
        SamplingReport s = e.sampling();
        StringBuilder sb = new StringBuilder();
        if (!s.unreplacedUnits().isEmpty()) {
            StringBuilder list = new StringBuilder();
            for (int i : s.unreplacedUnits()) {
                list.append(list.length() == 0 ? "" : ", ").append(TextFormat.escape(e.units().get(i).text()))
                        .append(" (#").append(i + 1).append(')');
            }
            sb.append(TextFormat.wrap(list + String.format(Locale.ROOT, "; %d of %s", s.unreplacedUnits().size(),
                    units(e.units().size(), e.provenance().spec().units())), "No synonym (dropped instead): ", "  "));
        }
        if (e.warnings().isEmpty()) {
            sb.append("Reliability: no warnings\n");
        } else {
            StringBuilder codes = new StringBuilder();
            for (Warning w : e.warnings()) {
                codes.append(codes.length() == 0 ? "" : ", ").append(w.code().label());
            }
            sb.append(TextFormat.wrap(count(e.warnings().size(), "warning") + " (" + codes
                    + "), listed under the output", "Reliability: ", "  "));
        }
        return sb.toString();
    }

    private static String sampler(ExplanationSpec spec, int n) {
        return switch (spec.sampler()) {
            case STRATA -> "strata sampler";
            case EXHAUSTIVE -> String.format(Locale.ROOT, "exhaustive sampler (all 2^n − 2 = %d proper coalitions)",
                    (1L << Math.min(n, 62)) - 2);
            case SHAPLEY -> "Shapley-kernel sampler";
            case PAIRED_SHAPLEY -> "paired Shapley-kernel sampler";
            case BERNOULLI -> String.format(Locale.ROOT, "Bernoulli sampler (keep %s)", number(spec.keep()));
            case PAIRED_BERNOULLI -> String.format(Locale.ROOT, "paired Bernoulli sampler (keep %s)",
                    number(spec.keep()));
            case FIXED -> String.format(Locale.ROOT, "fixed-size sampler (%s dropped per sample)",
                    TextFormat.count(Math.max(1, Math.min(n - 1, Math.round((1 - spec.keep()) * n))),
                            TextFormat.unitNoun(spec.units()), spec.units().attributesTo().label()));
            case PROFILE -> "size-profile sampler";
            case LEVERAGE -> "leverage-score sampler (Leverage SHAP)";
            case MODIFIED_L2 -> "modified-l2 sampler";
        };
    }

    private static String kernel(ExplanationSpec spec) {
        return switch (spec.kernel()) {
            case SHAPLEY -> "Shapley kernel";
            case GAUSSIAN -> "Gaussian kernel (sigma " + number(spec.sigma()) + ")";
            case WMD -> "Word Mover's kernel on the prompts (sigma " + number(spec.sigma()) + ")";
            case UNIFORM -> "uniform weights";
        };
    }

    private static String surrogate(SurrogateKind kind) {
        return switch (kind) {
            case WLS -> "weighted least squares";
            case SGD -> "linear SGD (Tribuo)";
            case PROFILE -> "size-profile fit";
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The units on either side of the top-k boundary, by |score|: "'red' (3rd) and 'ball' (4th)", or the k-th and 0. */
    private static String boundary(Explanation e) {
        int[] ranking = e.attribution().ranking();
        int k = Math.min(e.sampling().topK(), ranking.length);
        String inside = "'" + e.units().get(ranking[k - 1]).text() + "' (" + ordinal(k) + ")";
        return k < ranking.length
                ? inside + " and '" + e.units().get(ranking[k]).text() + "' (" + ordinal(k + 1) + ")"
                : inside + " and 0";
    }

    private static String ordinal(int i) {
        String suffix = i % 100 >= 11 && i % 100 <= 13 ? "th" : switch (i % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return i + suffix;
    }

    private static String reason(Explanation e) {
        SamplingReport s = e.sampling();
        return switch (s.stopReason()) {
            case BUDGET -> "budget spent";
            case STABLE -> "the top-" + s.topK() + " set was stable and its intervals exclude 0";
            case CONVERGED -> "top-" + s.topK() + " converged: the same set in the last two rounds, ahead of the next"
                    + " unit and away from 0 by more than 2 standard errors of how far the scores moved between rounds"
                    + " (the bootstrap below is more cautious)";
            case TIED -> "top-" + s.topK() + " tied: " + boundary(e) + " are closer than "
                    + CliNames.render("{maxSamples=" + e.provenance().spec().budget().maxSamples() + "}") + " could separate, so the top-" + s.topK()
                    + " cannot be decided with this budget";
            case MAX_SAMPLES -> CliNames.render("{maxSamples}") + " reached before the top-" + s.topK() + " set was stable";
            case EXHAUSTED -> "every coalition the sampler can draw was observed";
        };
    }
}
