package org.gsmile.experiments.output;

import java.util.Locale;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.unit.Unit;
import org.gsmile.metrics.Evaluation;
import org.gsmile.metrics.consistency.UnitSpread;
import org.gsmile.metrics.faithfulness.FaithfulnessScores;
import org.gsmile.metrics.stability.ChangeStability;

/**
 * The metrics of one explanation for a person at a terminal: one block per metric, each value with
 * what it means (which direction is better), and what the metric cost in extra model calls.
 */
public final class EvaluationText {
    private EvaluationText() {
    }

    public static String render(Explanation e, Evaluation v) {
        StringBuilder sb = new StringBuilder("\nMetrics");
        sb.append(String.format(Locale.ROOT, " (extra model calls in all: %d)%n", v.extraCalls()));
        sb.append("\nFidelity (how well θ·z + θ₀ reproduces the measured shifts; 1 is perfect)\n");
        row(sb, "weighted R², own samples", v.inSample().r2w());
        row(sb, "adjusted weighted R²", v.inSample().r2wAdjusted());
        row(sb, "weighted MSE", v.inSample().mseW());
        row(sb, "weighted MAE", v.inSample().maeW());
        if (v.outOfSample() != null) {
            row(sb, "R², " + v.outOfSample().fresh() + " fresh perturbations", v.outOfSample().r2());
            row(sb, "Spearman, predicted vs actual (LDS)", v.outOfSample().spearman());
            cost(sb, v, "fidelity");
        }
        if (v.accuracy() != null || v.shapley() != null || v.skipped().containsKey("accuracy")) {
            sb.append("\nAccuracy (against ground truth)\n");
            if (v.accuracy() != null) {
                row(sb, "ATT-AUROC of |θ| (" + v.accuracy().relevantUnits() + " relevant units)", v.accuracy().attAuroc());
                row(sb, "precision@" + v.accuracy().k(), v.accuracy().precisionAtK());
            } else if (v.skipped().containsKey("accuracy")) {
                skipped(sb, v.skipped().get("accuracy"));
            }
            if (v.shapley() != null) {
                row(sb, "Spearman with exact Shapley values", v.shapley().spearman());
                row(sb, "Kendall τ-b with exact Shapley values", v.shapley().kendall());
            } else if (v.skipped().containsKey("shapley")) {
                skipped(sb, v.skipped().get("shapley"));
            }
            cost(sb, v, "accuracy");
        }
        if (v.consistency() != null) {
            sb.append(String.format(Locale.ROOT, "%nConsistency (%d runs with other seeds; Kendall's W 1 = same"
                    + " ranking every run)%n", v.consistency().runs()));
            row(sb, "Kendall's W", v.consistency().kendallW());
            sb.append(String.format(Locale.ROOT, "  %-20s %10s %9s %8s  %s%n", "unit", "mean", "sd", "cv", "95 % interval"));
            for (UnitSpread u : v.consistency().units()) {
                sb.append(String.format(Locale.ROOT, "  %-20s %10.4g %9.3g %8s  [%.4g, %.4g]%n", clip(u.unit()), u.mean(),
                        u.sd(), Double.isFinite(u.cv()) ? String.format(Locale.ROOT, "%.2f", u.cv()) : "—", u.lower(),
                        u.upper()));
            }
            cost(sb, v, "consistency");
        }
        if (v.stability() != null) {
            sb.append(String.format(Locale.ROOT, "%nStability (top-%d Jaccard and weighted Ruzicka Jaccard against"
                    + " minimally changed prompts; 1 = unchanged)%n", v.stability().k()));
            sb.append(String.format(Locale.ROOT, "  %-36s %8s %8s %8s%n", "change", "variants", "top-k", "Ruzicka"));
            for (ChangeStability c : v.stability().changes()) {
                sb.append(String.format(Locale.ROOT, "  %-36s %8d %8s %8s%n", describe(c.change().label()), c.variants(),
                        num(c.topKJaccard()), num(c.ruzicka())));
            }
            if (v.stability().seeds() > 0) {
                sb.append(String.format(Locale.ROOT, "  %-36s %8d %8s %8s%n", "same prompt, other seeds",
                        v.stability().seeds(), num(v.stability().seedTopKJaccard()), num(v.stability().seedRuzicka())));
            }
            cost(sb, v, "stability");
        }
        if (v.faithfulness() != null) {
            sb.append(String.format(Locale.ROOT, "%nFaithfulness (ERASER in the output distance, rationale = top %d;"
                    + " comprehensiveness higher is better, sufficiency lower)%n", v.faithfulness().k()));
            sb.append(String.format(Locale.ROOT, "  %-30s %10s %10s %12s %12s%n", "ranking", "compreh.", "suffic.",
                    "AOPC comp.", "AOPC suff."));
            faithful(sb, "this explanation", v.faithfulness().explanation());
            faithful(sb, "random (mean of " + v.faithfulness().randomRankings() + ")", v.faithfulness().random());
            faithful(sb, "leave-one-out", v.faithfulness().leaveOneOut());
            curve(sb, "deletion (remove top k)", v.faithfulness().explanation().curve().deletion());
            curve(sb, "insertion (keep top k)", v.faithfulness().explanation().curve().insertion());
            cost(sb, v, "faithfulness");
        }
        return sb.toString();
    }

    private static void faithful(StringBuilder sb, String name, FaithfulnessScores s) {
        sb.append(String.format(Locale.ROOT, "  %-30s %10s %10s %12s %12s%n", name, num(s.comprehensiveness()),
                num(s.sufficiency()), num(s.aopcComprehensiveness()), num(s.aopcSufficiency())));
    }

    private static void curve(StringBuilder sb, String name, double[] values) {
        StringBuilder v = new StringBuilder();
        for (double d : values) {
            v.append(v.isEmpty() ? "" : " ").append(num(d));
        }
        sb.append(String.format(Locale.ROOT, "  %-30s k=0..%d: %s%n", name, values.length - 1, v));
    }

    private static String describe(String change) {
        return switch (change) {
            case "start" -> "neutral word at the start";
            case "middle" -> "neutral word in the middle";
            case "end" -> "neutral word at the end";
            case "punctuation" -> "final punctuation changed";
            default -> change;
        };
    }

    private static void row(StringBuilder sb, String name, double value) {
        sb.append(String.format(Locale.ROOT, "  %-44s %s%n", name, num(value)));
    }

    private static void skipped(StringBuilder sb, String reason) {
        sb.append("  ").append(reason).append('\n');
    }

    private static void cost(StringBuilder sb, Evaluation v, String metric) {
        Evaluation.MetricCost c = v.costs().get(metric);
        if (c != null) {
            sb.append(String.format(Locale.ROOT, "  (%d extra model calls, %.1f s)%n", c.extraCalls(), c.millis() / 1000));
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "—";
    }

    private static String clip(Unit u) {
        String t = u.text();
        return t.length() <= 20 ? t : t.substring(0, 19) + "…";
    }
}
