package org.gsmile.metrics.accuracy;

import java.util.stream.IntStream;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Explanation;
import org.gsmile.metrics.Scores;
import org.gsmile.metrics.stats.Auroc;

/**
 * How well an explanation's scores pick out the units known to be relevant. Both measures read the
 * magnitude |θᵢ| only (sign-free, so either sign convention gives the same numbers): a unit matters
 * whether keeping it holds the output in place or pulls it away.
 *
 * <pre>
 *   ATT-AUROC    = AUROC of |θᵢ| against the labels (Mann–Whitney: the share of (relevant,
 *                  irrelevant) pairs the relevant unit wins, a tie counting ½)
 *   precision@k  = |{relevant units among the k of largest |θ|}| / k
 * </pre>
 *
 * ATT-AUROC is 0.5 when only one class is present (every unit relevant, or none), as the thesis
 * code does: no pair can be ordered, and a fixed value keeps averages over prompts defined. The top
 * k breaks ties in |θ| by prompt order, as {@code Attribution.ranking()} and the printed ranking do,
 * so precision@k scores the ranking the user sees.
 *
 * @param attAuroc      ATT-AUROC in [0, 1]
 * @param precisionAtK  precision@k in [0, 1]
 * @param k             the k of precision@k
 * @param relevantUnits how many units the labels mark relevant
 */
public record AttributionAccuracy(double attAuroc, double precisionAtK, int k, int relevantUnits) {

    public AttributionAccuracy {
        if (k < 1 || relevantUnits < 0) {
            throw new IllegalArgumentException("k " + k + ", relevant units " + relevantUnits);
        }
    }

    /**
     * @throws IllegalArgumentException when the labels are not over the explanation's units
     * @throws UserInputException       when k is below 1 or above the number of units
     */
    public static AttributionAccuracy of(Explanation e, Relevance r, int k) {
        int n = e.units().size();
        if (r.size() != n) {
            throw new IllegalArgumentException(r.size() + " relevance labels for " + n + " units");
        }
        if (k < 1) {
            throw new UserInputException("{k} must be at least 1, got " + k + ": precision@k counts the relevant units"
                    + " among the k highest scores; try {k=" + Math.min(3, n) + "}");
        }
        if (k > n) {
            throw new UserInputException("{k} is " + k + " but the prompt has " + n + " unit" + (n == 1 ? "" : "s")
                    + ": precision@k looks at the top k of them; give {k=" + n + "} or less");
        }
        double[] magnitude = Scores.distanceConvention(e);
        for (int i = 0; i < n; i++) {
            magnitude[i] = Math.abs(magnitude[i]);
        }
        boolean[] labels = r.relevant();
        int hits = 0;
        int[] ranking = ranking(magnitude);
        for (int j = 0; j < k; j++) {
            if (labels[ranking[j]]) {
                hits++;
            }
        }
        return new AttributionAccuracy(Auroc.of(magnitude, labels), (double) hits / k, k, r.count());
    }

    /** Indices from the largest magnitude down; a stable sort, so ties keep prompt order. */
    static int[] ranking(double[] magnitude) {
        return IntStream.range(0, magnitude.length).boxed()
                .sorted((i, j) -> Double.compare(magnitude[j], magnitude[i]))
                .mapToInt(Integer::intValue).toArray();
    }
}
