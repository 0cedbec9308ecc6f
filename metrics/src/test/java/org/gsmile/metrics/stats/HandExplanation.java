package org.gsmile.metrics.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gsmile.core.adaptive.SamplingReport;
import org.gsmile.core.adaptive.StopReason;
import org.gsmile.core.explain.Attribution;
import org.gsmile.core.explain.Baseline;
import org.gsmile.core.explain.CallStats;
import org.gsmile.core.explain.Cost;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.Fit;
import org.gsmile.core.explain.Provenance;
import org.gsmile.core.explain.Sample;
import org.gsmile.core.explain.Timings;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.reference.ConstrainedLeastSquares;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.SignConvention;
import org.gsmile.core.surrogate.Fidelity;
import org.gsmile.core.surrogate.SurrogateFit;
import org.gsmile.core.unit.Unit;

/**
 * Explanations built by hand for the metrics' unit tests: whitespace words as units, the given
 * samples, and either given scores or the constrained weighted least-squares fit of the samples
 * (the explainer's own surrogate), in either sign convention. Shared by the tests of the fidelity,
 * accuracy and consistency packages.
 */
public final class HandExplanation {
    private HandExplanation() {
    }

    /** One sample: the mask as '1' (kept) and '0' (removed) per unit, its kernel weight and its Δ. */
    public record Row(String mask, double weight, double delta) {
    }

    public static Row row(String mask, double weight, double delta) {
        return new Row(mask, weight, delta);
    }

    public static List<Unit> words(String prompt) {
        List<Unit> units = new ArrayList<>();
        int i = 0;
        while (i < prompt.length()) {
            while (i < prompt.length() && Character.isWhitespace(prompt.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < prompt.length() && !Character.isWhitespace(prompt.charAt(i))) {
                i++;
            }
            if (i > start) {
                units.add(new Unit(prompt.substring(start, i), start, i));
            }
        }
        return units;
    }

    /** Given scores and intercept in the distance convention, written in {@code sign}; no samples, fit NaN. */
    public static Explanation scored(String prompt, double[] distanceScores, double intercept, SignConvention sign) {
        return build(prompt, distanceScores, intercept, List.of(), new Fidelity(Double.NaN, Double.NaN, Double.NaN),
                sign, new CallStats(1, 1, 0, 1));
    }

    /** Given scores with the call counts an explainer would have recorded. */
    public static Explanation scored(String prompt, double[] distanceScores, SignConvention sign, CallStats calls) {
        return build(prompt, distanceScores, 0, List.of(), new Fidelity(Double.NaN, Double.NaN, Double.NaN), sign,
                calls);
    }

    /** Given scores under a given spec (its method and sign), with the call counts an explainer would have recorded. */
    public static Explanation scored(String prompt, double[] distanceScores, ExplanationSpec spec, CallStats calls) {
        return build(prompt, distanceScores, 0, List.of(), new Fidelity(Double.NaN, Double.NaN, Double.NaN), spec,
                calls);
    }

    /** Given scores over given samples; the recorded fit is whatever {@code fidelity} says. */
    public static Explanation scored(String prompt, double[] distanceScores, double intercept, List<Row> rows,
                                     Fidelity fidelity, SignConvention sign) {
        return build(prompt, distanceScores, intercept, rows, fidelity, sign, new CallStats(rows.size() + 1,
                rows.size() + 1, 0, 1));
    }

    /** The explainer's surrogate fitted to the rows (infinite weights held exactly), written in {@code sign}. */
    public static Explanation fitted(String prompt, List<Row> rows, SignConvention sign) {
        int n = words(prompt).size();
        double[][] z = new double[rows.size()][];
        double[] y = new double[rows.size()];
        double[] w = new double[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            Mask m = Mask.parse(rows.get(k).mask());
            if (m.size() != n) {
                throw new IllegalArgumentException(rows.get(k).mask() + " is not a mask over " + n + " units");
            }
            z[k] = m.asFeatures();
            y[k] = rows.get(k).delta();
            w[k] = rows.get(k).weight();
        }
        SurrogateFit fit = new ConstrainedLeastSquares().fit(z, y, w);
        return build(prompt, fit.coefficients(), fit.intercept(), rows, fit.fidelity(), sign,
                new CallStats(rows.size() + 1, rows.size() + 1, 0, 1));
    }

    private static Explanation build(String prompt, double[] theta, double intercept, List<Row> rows,
                                     Fidelity fidelity, SignConvention sign, CallStats calls) {
        return build(prompt, theta, intercept, rows, fidelity,
                ExplanationSpec.builder().distance(DistanceKind.LOGPROB_SHIFT).sign(sign).build(), calls);
    }

    private static Explanation build(String prompt, double[] theta, double intercept, List<Row> rows,
                                     Fidelity fidelity, ExplanationSpec spec, CallStats calls) {
        SignConvention sign = spec.sign();
        List<Unit> units = words(prompt);
        double[] written = theta.clone();
        double writtenIntercept = intercept;
        if (sign == SignConvention.IMPORTANCE) {
            for (int i = 0; i < written.length; i++) {
                written[i] = -written[i];
            }
            writtenIntercept = -intercept;
        }
        List<Sample> samples = new ArrayList<>();
        for (Row r : rows) {
            Mask m = Mask.parse(r.mask());
            samples.add(new Sample(m, "prompt " + r.mask(), m.droppedFraction(), r.weight(), r.delta()));
        }
        return new Explanation(new Baseline(prompt, " and then", new int[] {1, 2}),
                new Attribution(units, written, writtenIntercept), new Fit(fidelity, 0), samples,
                SamplingReport.fixedWithoutBootstrap(rows.size(), units.size(), StopReason.BUDGET),
                new Cost(calls, new Timings(0, 0)), new Provenance(spec, 42, "hand", "", Map.of(), "test"), List.of());
    }
}
