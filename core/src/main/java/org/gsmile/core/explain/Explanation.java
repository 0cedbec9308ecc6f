package org.gsmile.core.explain;

import java.util.List;
import org.gsmile.core.adaptive.SamplingReport;
import org.gsmile.core.adaptive.StopReason;
import org.gsmile.core.surrogate.Fidelity;
import org.gsmile.core.unit.Unit;

/**
 * Why the model produced its output: one attribution per unit of the prompt, the surrogate's fit
 * quality, the cost, and the provenance. Immutable; arrays are copied on the way in and out.
 *
 * @param prompt      the explained prompt
 * @param output      the model's output for it
 * @param units       the prompt's units
 * @param attribution θ, the surrogate coefficient of each unit in Δ ≈ θ·z + θ₀ where zᵢ = 1 keeps
 *                    the unit. Δ measures how far the output moved, so θᵢ &lt; 0 means keeping
 *                    the unit holds the output in place (removing it moves the output by about
 *                    |θᵢ|), and θᵢ &gt; 0 means the unit pulls the output away from where it went
 * @param intercept   θ₀
 * @param fidelity    how well the surrogate reproduces the observed shifts
 * @param ridge       the tiny L2 penalty the exact solver needed (0 when the design had full rank)
 * @param samples     every perturbation with its distances and weight, in drawing order, after the
 *                    anchors of the weighting (the Shapley kernel's empty and full coalition, weight +∞)
 * @param calls       model calls
 * @param timings     time inside and outside the model
 * @param provenance  configuration, seed, model and version
 * @param sampling    samples used, rounds, why drawing stopped, and the bootstrap intervals of θ
 */
public record Explanation(String prompt, String output, List<Unit> units, double[] attribution,
                          double intercept, Fidelity fidelity, double ridge, List<Sample> samples,
                          CallStats calls, Timings timings, Provenance provenance, SamplingReport sampling) {

    public Explanation {
        units = List.copyOf(units);
        samples = List.copyOf(samples);
        attribution = attribution.clone();
        if (attribution.length != units.size()) {
            throw new IllegalArgumentException(attribution.length + " attributions for " + units.size() + " units");
        }
        if (sampling == null) {
            sampling = SamplingReport.fixedWithoutBootstrap(samples.size(), units.size(), StopReason.BUDGET);
        }
    }

    /** An explanation of a single fixed round without bootstrap, as before budgets existed. */
    public Explanation(String prompt, String output, List<Unit> units, double[] attribution, double intercept,
                       Fidelity fidelity, double ridge, List<Sample> samples, CallStats calls, Timings timings,
                       Provenance provenance) {
        this(prompt, output, units, attribution, intercept, fidelity, ridge, samples, calls, timings, provenance, null);
    }

    /** The same explanation with another sampling report, e.g. with the operator's unreplaced units added. */
    public Explanation withSampling(SamplingReport report) {
        return new Explanation(prompt, output, units, attribution, intercept, fidelity, ridge, samples, calls, timings,
                provenance, report);
    }

    @Override
    public double[] attribution() {
        return attribution.clone();
    }

    /** |θᵢ| / max|θ|, in [0, 1]; all zeros when every θ is zero. */
    public double[] normalized() {
        double max = 0;
        for (double a : attribution) {
            max = Math.max(max, Math.abs(a));
        }
        double[] n = new double[attribution.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = max == 0 ? 0 : Math.abs(attribution[i]) / max;
        }
        return n;
    }

    /** Unit indices from the largest |θ| to the smallest; ties keep prompt order. */
    public int[] ranking() {
        return java.util.stream.IntStream.range(0, attribution.length).boxed()
                .sorted((i, j) -> Double.compare(Math.abs(attribution[j]), Math.abs(attribution[i])))
                .mapToInt(Integer::intValue).toArray();
    }
}
