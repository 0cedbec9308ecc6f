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
 * @param output    what the model produced for the perturbed prompt, as text, for audits: its greedy
 *                  output, or under teacher forcing the most likely token at each position of y₀;
 *                  empty where unknown
 */
public record Sample(Mask mask, String prompt, double inputDistance, double weight, double outputDistance,
                     String output) {
    public Sample {
        output = output == null ? "" : output;
    }

    /** A sample whose perturbed output was not recorded. */
    public Sample(Mask mask, String prompt, double inputDistance, double weight, double outputDistance) {
        this(mask, prompt, inputDistance, weight, outputDistance, "");
    }
}
