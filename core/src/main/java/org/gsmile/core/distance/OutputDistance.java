package org.gsmile.core.distance;

/**
 * Compares the model's output for the original prompt with its output for a perturbed one; the
 * scalar the surrogate explains (MExGen's "scalarizer"). Implementations are pure and thread-safe.
 *
 * @param <O> what is observed of the model: token distributions, text, an image
 */
public interface OutputDistance<O> {
    String name();

    double distance(O original, O perturbed);
}
