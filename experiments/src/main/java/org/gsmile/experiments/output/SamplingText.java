package org.gsmile.experiments.output;

import java.util.Locale;
import org.gsmile.core.adaptive.SamplingReport;
import org.gsmile.core.explain.Explanation;

/** The sampling part of an explanation for a person: budget, why it stopped, and how sure each score is. */
public final class SamplingText {
    private SamplingText() {
    }

    public static String render(Explanation e) {
        SamplingReport s = e.sampling();
        StringBuilder sb = new StringBuilder();
        String sampler = e.provenance().spec().sampler().label();
        String kernel = e.provenance().spec().kernel().label();
        sb.append(String.format(Locale.ROOT, "Sampling: %d perturbations (%s sampler, %s kernel), %s budget, %d round%s;"
                        + " stopped: %s%n", s.samples(), sampler, kernel, s.budget(), s.rounds(), s.rounds() == 1 ? "" : "s",
                reason(e)));
        if (s.hasIntervals()) {
            sb.append(String.format(Locale.ROOT, "%.0f %% bootstrap intervals; the top-%d set comes back in %.0f %% of "
                    + "resamples%n", 100 * s.level(), s.topK(), 100 * s.topKStability()));
            double[] lo = s.lower();
            double[] hi = s.upper();
            double[] theta = e.attribution().scores();
            for (int i : e.attribution().ranking()) {
                String text = e.units().get(i).text();
                if (text.length() > 24) {
                    text = text.substring(0, 23) + "…";
                }
                sb.append(String.format(Locale.ROOT, "  %-24s %+10.5f  [%+.5f, %+.5f]%s%n", text, theta[i], lo[i], hi[i],
                        lo[i] > 0 || hi[i] < 0 ? "" : "  (includes 0)"));
            }
        }
        if (!s.unreplacedUnits().isEmpty()) {
            sb.append("No synonym (dropped instead):");
            for (int i : s.unreplacedUnits()) {
                sb.append(' ').append(e.units().get(i).text());
            }
            sb.append(String.format(Locale.ROOT, " (%d of %d units)%n", s.unreplacedUnits().size(), e.units().size()));
        }
        return sb.toString();
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
            case STABLE -> "top-" + s.topK() + " stable, intervals exclude 0";
            case CONVERGED -> "top-" + s.topK() + " converged: the same set in the last two rounds, ahead of the next"
                    + " unit and away from 0 by more than 2 standard errors of how far the scores moved between rounds"
                    + " (the bootstrap below is more cautious)";
            case TIED -> "top-" + s.topK() + " tied: " + boundary(e) + " are closer than --max-samples "
                    + e.provenance().spec().budget().maxSamples() + " could separate, so the top-" + s.topK()
                    + " cannot be decided with this budget";
            case MAX_SAMPLES -> "--max-samples reached before the top-" + s.topK() + " was stable";
            case EXHAUSTED -> "every coalition the sampler can draw was observed";
        };
    }
}
