package org.gsmile.metrics.stats;

/**
 * The area under the ROC curve of a score against binary labels, as the Mann–Whitney statistic:
 *
 * <pre>
 *   AUROC = (1 / (P·N)) · Σ_{i positive} Σ_{j negative} ( [sᵢ &gt; sⱼ] + ½·[sᵢ = sⱼ] )
 *         = (R₊ − P(P+1)/2) / (P·N)
 * </pre>
 *
 * with P positives, N negatives and R₊ the sum of the positives' average ranks (ascending, ties
 * sharing their mean rank), which is how it is computed. A tie between a positive and a negative
 * counts ½: a score that cannot tell them apart is a coin toss there.
 */
public final class Auroc {
    private Auroc() {
    }

    /**
     * @return the AUROC in [0, 1]; 0.5 when only one class is present (no pair to order), as the
     *         thesis code does, so an evaluation over many prompts is not broken by one such prompt
     * @throws IllegalArgumentException when the lengths differ or a score is NaN
     */
    public static double of(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + positive.length + " labels");
        }
        double[] ranks = Ranks.ascending(scores);
        long p = 0;
        double rankSum = 0;
        for (int i = 0; i < ranks.length; i++) {
            if (positive[i]) {
                p++;
                rankSum += ranks[i];
            }
        }
        long n = scores.length - p;
        if (p == 0 || n == 0) {
            return 0.5;
        }
        double u = rankSum - p * (p + 1) / 2.0;
        return u / ((double) p * n);
    }
}
