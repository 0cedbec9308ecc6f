package org.gsmile.core.adaptive;

import java.util.Arrays;
import java.util.List;

/**
 * How an explanation spent its samples and how sure it is.
 *
 * @param budget           "fixed" or "auto"
 * @param samples          perturbations the final fit used, the weighting's anchors (the empty and the
 *                         full prompt of the Shapley kernel) included, as the budget counts them
 * @param rounds           fits made: 1 for a fixed budget
 * @param stopReason       why drawing stopped
 * @param topK             size of the top set whose stability was measured
 * @param topKStability    share of bootstrap resamples that gave the same top-k set; NaN without bootstrap
 * @param level            confidence level of the intervals
 * @param lower            per unit, the lower end of the bootstrap interval of θ; NaN without bootstrap
 * @param upper            per unit, the upper end
 * @param unreplacedUnits  units the operator could not perturb as named (a synonym operator's units
 *                         without a synonym) and removed instead
 * @param hierarchy        what a hierarchical explanation did; null for any other
 */
public record SamplingReport(String budget, int samples, int rounds, StopReason stopReason, int topK,
                             double topKStability, double level, double[] lower, double[] upper,
                             List<Integer> unreplacedUnits, Hierarchy hierarchy) {
    public SamplingReport {
        lower = lower.clone();
        upper = upper.clone();
        unreplacedUnits = List.copyOf(unreplacedUnits);
    }

    /** A report of an explanation that is not hierarchical. */
    public SamplingReport(String budget, int samples, int rounds, StopReason stopReason, int topK,
                          double topKStability, double level, double[] lower, double[] upper,
                          List<Integer> unreplacedUnits) {
        this(budget, samples, rounds, stopReason, topK, topKStability, level, lower, upper, unreplacedUnits, null);
    }

    public SamplingReport withHierarchy(Hierarchy h) {
        return new SamplingReport(budget, samples, rounds, stopReason, topK, topKStability, level, lower, upper,
                unreplacedUnits, h);
    }

    /** A single fixed round without bootstrap. */
    public static SamplingReport fixedWithoutBootstrap(int samples, int units, StopReason reason) {
        double[] nan = new double[units];
        Arrays.fill(nan, Double.NaN);
        return new SamplingReport("fixed", samples, 1, reason, Math.min(3, units), Double.NaN, Bootstrap.DEFAULT_LEVEL,
                nan, nan, List.of());
    }

    public boolean hasIntervals() {
        return !Double.isNaN(topKStability);
    }

    public SamplingReport withUnreplacedUnits(List<Integer> units) {
        return new SamplingReport(budget, samples, rounds, stopReason, topK, topKStability, level, lower, upper, units,
                hierarchy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SamplingReport r && budget.equals(r.budget) && samples == r.samples && rounds == r.rounds
                && stopReason == r.stopReason && topK == r.topK
                && Double.compare(topKStability, r.topKStability) == 0 && Double.compare(level, r.level) == 0
                && Arrays.equals(lower, r.lower) && Arrays.equals(upper, r.upper)
                && unreplacedUnits.equals(r.unreplacedUnits) && java.util.Objects.equals(hierarchy, r.hierarchy);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(budget, samples, rounds, stopReason, topK, topKStability, level,
                Arrays.hashCode(lower), Arrays.hashCode(upper), unreplacedUnits, hierarchy);
    }

    @Override
    public String toString() {
        return "SamplingReport[budget=" + budget + ", samples=" + samples + ", rounds=" + rounds + ", stopReason="
                + stopReason + ", topK=" + topK + ", topKStability=" + topKStability + ", level=" + level
                + ", lower=" + Arrays.toString(lower) + ", upper=" + Arrays.toString(upper) + ", unreplacedUnits="
                + unreplacedUnits + (hierarchy == null ? "" : ", hierarchy=" + hierarchy) + "]";
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }
}
