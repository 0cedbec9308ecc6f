package org.gsmile.metrics;

import org.gsmile.core.UserInputException;
import org.gsmile.metrics.stability.StabilityOptions;

/**
 * Which metrics to compute for an explanation, and their settings; a null part is not computed.
 * The command line ({@code gsmile evaluate}) and the experiment runner both build one.
 *
 * @param fidelity     in-sample fidelity always, out of sample on {@code fresh} new perturbations
 * @param accuracy     ATT-AUROC and precision@k against ground truth (when the case has it), and
 *                     agreement with exact Shapley values for prompts of at most 14 units
 * @param consistency  repeated runs with other seeds
 * @param stability    minimally changed prompts and other seeds
 * @param faithfulness deletion and insertion curves against random and leave-one-out rankings
 */
public record EvaluationPlan(FidelityPlan fidelity, AccuracyPlan accuracy, ConsistencyPlan consistency,
                             StabilityOptions stability, FaithfulnessPlan faithfulness) {

    public static final int DEFAULT_FRESH = 32;
    public static final int DEFAULT_K = 3;
    public static final int DEFAULT_RUNS = 10;

    /** @param fresh out-of-sample perturbations, at least 1 */
    public record FidelityPlan(int fresh) {
        public FidelityPlan {
            if (fresh < 1) {
                throw new UserInputException("{fresh} must be at least 1, got " + fresh + ": try {fresh=" + DEFAULT_FRESH
                        + "}");
            }
        }
    }

    /**
     * @param k            units of the precision@k
     * @param exactShapley whether to compute exact Shapley values (2ⁿ calls, n ≤ 14) to compare with
     */
    public record AccuracyPlan(int k, boolean exactShapley) {
        public AccuracyPlan {
            requireK(k);
        }
    }

    /** @param runs explanations compared, the first included; at least 2 */
    public record ConsistencyPlan(int runs) {
        public ConsistencyPlan {
            if (runs < 2) {
                throw new UserInputException("{runs} must be at least 2 (a spread needs two runs), got " + runs
                        + ": try {runs=" + DEFAULT_RUNS + "}");
            }
        }
    }

    /**
     * @param k              the rationale size of comprehensiveness and sufficiency
     * @param randomRankings random permutations averaged for the random baseline
     */
    public record FaithfulnessPlan(int k, int randomRankings) {
        public FaithfulnessPlan {
            requireK(k);
            if (randomRankings < 1) {
                throw new UserInputException("{random} must be at least 1, got " + randomRankings + ": try {random="
                        + org.gsmile.metrics.faithfulness.Faithfulness.DEFAULT_RANDOM_RANKINGS + "}");
            }
        }
    }

    /** Every metric with its default settings. */
    public static EvaluationPlan all() {
        return new EvaluationPlan(new FidelityPlan(DEFAULT_FRESH), new AccuracyPlan(DEFAULT_K, true),
                new ConsistencyPlan(DEFAULT_RUNS), StabilityOptions.defaults(),
                new FaithfulnessPlan(DEFAULT_K, org.gsmile.metrics.faithfulness.Faithfulness.DEFAULT_RANDOM_RANKINGS));
    }

    /** Nothing but the in-sample fidelity every explanation carries. */
    public static EvaluationPlan none() {
        return new EvaluationPlan(null, null, null, null, null);
    }

    static void requireK(int k) {
        if (k < 1) {
            throw new UserInputException("{k} must be at least 1, got " + k + ": try {k=" + DEFAULT_K + "}");
        }
    }
}
