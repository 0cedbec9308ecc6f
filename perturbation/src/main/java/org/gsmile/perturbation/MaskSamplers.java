package org.gsmile.perturbation;

import org.gsmile.core.mask.Coalitions;
import org.gsmile.core.mask.MaskSampler;
import org.gsmile.core.reference.InverseProbabilityWeighting;
import org.gsmile.core.spec.SamplerKind;

/**
 * The samplers by name. Apart from the thesis's {@code bernoulli}, every sampler draws distinct
 * proper masks (never the empty or the full one) and returns fewer than asked once its law has no
 * unused mask left.
 */
public final class MaskSamplers {
    /** 2²⁰ coalitions is the most an explanation can sensibly enumerate. */
    public static final int MAX_EXHAUSTIVE_UNITS = 20;

    private MaskSamplers() {
    }

    /** The thesis sampler: each unit kept with probability {@code keep}, unchanged. */
    public static MaskSampler bernoulli(double keep) {
        return new BernoulliMaskSampler(keep);
    }

    /** Bernoulli(keep) masks, each followed by its complement (antithetic pairs). */
    public static MaskSampler pairedBernoulli(double keep) {
        checkKeep(keep);
        double logKeep = Math.log(keep);
        double logDrop = Math.log1p(-keep);
        return new LawSampler("paired-bernoulli", (n, k) -> k * logKeep + (n - k) * logDrop, true);
    }

    /**
     * Exactly round((1 − keep)·n) units dropped (at least one, at most n − 1), uniformly among the
     * subsets of that size: LIME-style perturbations of a fixed strength.
     */
    public static MaskSampler fixed(double keep) {
        checkKeep(keep);
        return new LawSampler("fixed", (n, k) -> k == n - dropped(n, keep) ? 0.0 : Double.NEGATIVE_INFINITY, false);
    }

    /** Units dropped by {@link #fixed} for a prompt of n units. */
    public static int dropped(int n, double keep) {
        return Math.max(1, Math.min(n - 1, (int) Math.round((1 - keep) * n)));
    }

    /**
     * KernelSHAP's coalition-size law: size s (units kept) with probability ∝ (n−1)/(s(n−s)), the
     * Shapley kernel's total weight over all coalitions of that size, then a uniform coalition of
     * that size. Small and large coalitions, which pin the Shapley values down, come first.
     */
    public static MaskSampler shapley(boolean paired) {
        return new LawSampler(paired ? "paired-shapley" : "shapley", Coalitions::logShapleyKernelWeight, paired);
    }

    /**
     * Whole coalition-size strata from the extremes inward, each mask with its complement, the last
     * stratum that fits only partly drawn at random and balanced over units; see {@link StrataSampler}.
     */
    public static MaskSampler strata() {
        return new StrataSampler("strata", false);
    }

    /**
     * Every proper coalition (2ⁿ − 2 masks, in {@link #strata()} order) whatever the budget: with the
     * Shapley kernel the fit is then the exact Shapley values. At most {@link #MAX_EXHAUSTIVE_UNITS} units.
     */
    public static MaskSampler exhaustive() {
        return new StrataSampler("exhaustive", true);
    }

    /**
     * Every single-unit and every leave-one-out prompt, then coalitions of 3 and of ⌊n/2⌋ units in
     * turn, more sizes as the budget grows: the design of the size-profile estimator; see
     * {@link ProfileSampler}.
     */
    public static MaskSampler profile() {
        return new ProfileSampler();
    }

    /**
     * Leverage SHAP's sampler (Musco and Witter, "Provably Accurate Shapley Value Estimation via
     * Leverage Score Sampling", ICLR 2025): coalitions with probability ∝ their leverage score
     * 1/C(n, |S|), so every size is equally likely, paired with their complements and without
     * replacement (a size whose coalitions are used up drops out); weigh it with
     * {@code InverseProbabilityWeighting.leverage()}, as the paper does.
     */
    public static MaskSampler leverage() {
        return new LawSampler("leverage", InverseProbabilityWeighting.LEVERAGE::logMaskWeight, true);
    }

    /**
     * The modified-ℓ2 sampler of Chen, Seshadri, Villani et al., "A Unified Framework for Provably
     * Efficient Algorithms to Estimate Shapley Values" (2025, arXiv:2506.05216): coalitions with
     * probability ∝ √(kernel weight × leverage score) ∝ 1/(C(n, |S|)·√(|S|(n−|S|))), paired and without
     * replacement; weigh it with {@code InverseProbabilityWeighting.modifiedL2()}.
     */
    public static MaskSampler modifiedL2() {
        return new LawSampler("modified-l2", InverseProbabilityWeighting.MODIFIED_L2::logMaskWeight, true);
    }

    /** The sampler a spec names; {@code keep} matters to the Bernoulli and fixed samplers only. */
    public static MaskSampler of(SamplerKind kind, double keep) {
        return switch (kind) {
            case BERNOULLI -> bernoulli(keep);
            case PAIRED_BERNOULLI -> pairedBernoulli(keep);
            case FIXED -> fixed(keep);
            case SHAPLEY -> shapley(false);
            case PAIRED_SHAPLEY -> shapley(true);
            case STRATA -> strata();
            case EXHAUSTIVE -> exhaustive();
            case PROFILE -> profile();
            case LEVERAGE -> leverage();
            case MODIFIED_L2 -> modifiedL2();
        };
    }

    private static void checkKeep(double keep) {
        if (!(keep > 0 && keep < 1)) {
            throw new IllegalArgumentException("keep must be strictly between 0 and 1, got " + keep);
        }
    }
}
