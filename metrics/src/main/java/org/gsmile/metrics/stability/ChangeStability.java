package org.gsmile.metrics.stability;

/**
 * How stable an explanation stays under one kind of prompt change: the means, over the variants
 * of that kind (one per neutral word for an insertion, one for the punctuation change), of the
 * top-k Jaccard index and the Ruzicka similarity between the explanation of the prompt and that of
 * the variant ({@link SetSimilarity}). NaN, with 0 variants, for a change the prompt does not
 * admit (a one-word prompt has no middle).
 *
 * @param change      the kind of change
 * @param variants    how many changed prompts were explained
 * @param topKJaccard mean top-k Jaccard index, in [0, 1]
 * @param ruzicka     mean Ruzicka similarity, in [0, 1]
 */
public record ChangeStability(PromptChange change, int variants, double topKJaccard, double ruzicka) {
    public ChangeStability {
        if (change == null) {
            throw new IllegalArgumentException("no change");
        }
        if (variants < 0) {
            throw new IllegalArgumentException(variants + " variants");
        }
        if (variants == 0 && !(Double.isNaN(topKJaccard) && Double.isNaN(ruzicka))) {
            throw new IllegalArgumentException("no variant, yet similarities " + topKJaccard + " and " + ruzicka);
        }
        if (variants > 0 && !(inUnitInterval(topKJaccard) && inUnitInterval(ruzicka))) {
            throw new IllegalArgumentException("similarities " + topKJaccard + " and " + ruzicka + " outside [0, 1]");
        }
    }

    private static boolean inUnitInterval(double x) {
        return x >= 0 && x <= 1;
    }
}
