package org.gsmile.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gsmile.metrics.accuracy.AttributionAccuracy;
import org.gsmile.metrics.accuracy.ShapleyAgreement;
import org.gsmile.metrics.consistency.Consistency;
import org.gsmile.metrics.faithfulness.Faithfulness;
import org.gsmile.metrics.fidelity.InSampleFidelity;
import org.gsmile.metrics.fidelity.OutOfSampleFidelity;
import org.gsmile.metrics.stability.Stability;

/**
 * Every metric computed for one explanation ({@link Evaluator}); a part that was not asked for is
 * null, a part that was asked for but could not be computed is null with its reason in
 * {@link #skipped}.
 *
 * @param inSample       fidelity on the explanation's own samples (always)
 * @param outOfSample    fidelity on fresh perturbations
 * @param predicted      the surrogate's predicted shift of each fresh perturbation (for a scatter)
 * @param actual         the measured shift of each fresh perturbation
 * @param accuracy       ATT-AUROC and precision@k against the ground truth
 * @param shapley        agreement with exact Shapley values
 * @param consistency    spread over repeated runs
 * @param runScores      each run's scores, in the explanation's convention (for box plots)
 * @param stability      similarity under minimal prompt changes and other seeds
 * @param faithfulness   deletion and insertion curves with their baselines
 * @param skipped        metric name → why it was not computed
 * @param costs          metric name → extra model calls and time
 */
public record Evaluation(InSampleFidelity inSample, OutOfSampleFidelity outOfSample, double[] predicted,
                         double[] actual, AttributionAccuracy accuracy, ShapleyAgreement shapley,
                         Consistency consistency, List<double[]> runScores, Stability stability,
                         Faithfulness faithfulness, Map<String, String> skipped, Map<String, MetricCost> costs) {

    public Evaluation {
        skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        costs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(costs));
        runScores = runScores == null ? null : List.copyOf(runScores);
    }

    /**
     * @param extraCalls model calls the metric added (0 when everything it needed was observed before)
     * @param millis     wall time of the metric, model time included
     */
    public record MetricCost(int extraCalls, double millis) {
    }

    /** Extra model calls of every metric together. */
    public int extraCalls() {
        return costs.values().stream().mapToInt(MetricCost::extraCalls).sum();
    }
}
