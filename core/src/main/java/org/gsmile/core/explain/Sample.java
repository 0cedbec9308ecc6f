package org.gsmile.core.explain;

import org.gsmile.core.mask.Mask;

/**
 * One perturbation and what it did.
 *
 * @param mask      the units kept
 * @param prompt    the perturbed prompt sent to the model
 * @param inputDistance δ, the fraction of units removed
 * @param weight    the kernel weight of the sample
 * @param outputDistance Δ, the output shift
 */
public record Sample(Mask mask, String prompt, double inputDistance, double weight, double outputDistance) {
}
