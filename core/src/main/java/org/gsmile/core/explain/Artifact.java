package org.gsmile.core.explain;

import java.util.Objects;

/**
 * A file that shows part of an explanation, written beside it by a front end (the command line's
 * {@code explain-image --out}): an image explanation's input image, the output y₀, and the outputs of
 * its most telling perturbations. The explanation records them so that a report or a reader of the
 * JSON finds the pictures the numbers are about.
 *
 * @param role           what the file shows: {@code input}, {@code output}, or the perturbation it is the
 *                       output of ({@code without-top-unit}, {@code top-k-only}, {@code largest-shift})
 * @param file           where it was written, as the writer named it
 * @param mask           the perturbation's mask (units kept, as in {@link Sample#mask()}); empty for the
 *                       input and the output
 * @param prompt         the prompt whose output it shows; empty for the input
 * @param outputDistance Δ of that output from y₀ (0 for y₀, NaN for the input)
 * @param sha256         the hash of what it shows ({@code Image.sha256}: size and 8-bit pixels)
 */
public record Artifact(String role, String file, String mask, String prompt, double outputDistance, String sha256) {
    public Artifact {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(file, "file");
        mask = mask == null ? "" : mask;
        prompt = prompt == null ? "" : prompt;
        sha256 = sha256 == null ? "" : sha256;
    }
}
