package org.gsmile.core.explain;

import org.gsmile.core.adaptive.Budget;
import org.gsmile.core.mask.MaskSampler;
import org.gsmile.core.reference.SampleWeighting;
import org.gsmile.core.surrogate.Surrogate;

/**
 * How the surrogate explainer spends and weighs its samples for one prompt.
 *
 * @param sampler   draws the masks
 * @param weighting weighs them (and may add anchors, the Shapley kernel's empty and full coalition)
 * @param surrogate fits Δ ≈ θ·z + θ₀
 * @param budget    how many samples, in how many rounds, with which bootstrap
 */
public record Design(MaskSampler sampler, SampleWeighting weighting, Surrogate surrogate, Budget budget) {
}
