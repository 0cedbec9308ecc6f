package org.gsmile.metrics.faithfulness;

/**
 * ERASER's faithfulness scores (DeYoung et al. 2020, "ERASER: A Benchmark to Evaluate Rationalized
 * NLP Models") of one ranking, with the model's probability of its prediction replaced by the
 * explanation's own output distance Δ from y₀. ERASER measures p(y|x) − p(y|x ∖ r); here the
 * unperturbed prompt has Δ(x) = 0, so the drop is Δ(x ∖ r) itself, on the same scale (and with
 * the same operator and distance) as the scores being judged.
 *
 * <ul>
 *   <li>comprehensiveness = deletion[k] = Δ(x ∖ r) for the rationale r = the ranking's top k units:
 *       higher is better, removing the rationale moves the output;</li>
 *   <li>sufficiency = insertion[k] = Δ(r only): lower is better, the rationale alone holds it;</li>
 *   <li>aopcComprehensiveness = (1/n) Σ_{k=1..n} deletion[k] and aopcSufficiency =
 *       (1/n) Σ_{k=1..n} insertion[k], the area over the perturbation curve. ERASER averages over
 *       rationales of 1, 5, 10, 20 and 50 % of the tokens; prompts here are a few words, where those
 *       bins would round to the same one or two units, so every unit count is taken, from the first
 *       unit to the whole prompt. The last term (k = n) is the same for every ranking, Δ(every unit
 *       removed) for deletion and Δ(every unit kept) = 0 for insertion, so it shifts every ranking's AOPC alike and
 *       comparisons between rankings are those of k = 1..n−1.</li>
 * </ul>
 *
 * @param curve                  the deletion and insertion curves of the ranking
 * @param comprehensiveness      deletion[k]
 * @param sufficiency            insertion[k]
 * @param aopcComprehensiveness  mean of deletion[1..n]
 * @param aopcSufficiency        mean of insertion[1..n]
 */
public record FaithfulnessScores(Curve curve, double comprehensiveness, double sufficiency,
                                 double aopcComprehensiveness, double aopcSufficiency) {
    public FaithfulnessScores {
        if (curve == null) {
            throw new IllegalArgumentException("no curve");
        }
    }

    /** The scores of a curve for a rationale of k units, 1 ≤ k ≤ n. */
    public static FaithfulnessScores of(Curve curve, int k) {
        int n = curve.units();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("a rationale of " + k + " of " + n + " units");
        }
        double[] d = curve.deletion();
        double[] in = curve.insertion();
        double aopcD = 0;
        double aopcI = 0;
        for (int j = 1; j <= n; j++) {
            aopcD += d[j];
            aopcI += in[j];
        }
        return new FaithfulnessScores(curve, d[k], in[k], aopcD / n, aopcI / n);
    }
}
