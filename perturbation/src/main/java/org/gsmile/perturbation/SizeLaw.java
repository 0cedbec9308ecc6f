package org.gsmile.perturbation;

/**
 * A law over masks that depends only on how many units a mask keeps, as every sampler here is
 * exchangeable in the units. Working per coalition size is what lets {@link DistinctMaskDraws}
 * draw exactly from the law restricted to unused masks without listing all 2ⁿ of them.
 */
interface SizeLaw {

    /**
     * Natural log of the (unnormalised) probability of one particular mask keeping {@code kept} of
     * {@code units} units; {@code Double.NEGATIVE_INFINITY} for sizes the law never draws. Logs,
     * because p^k (1−p)^(n−k) underflows for long prompts split into tokens.
     */
    double logMaskWeight(int units, int kept);
}
