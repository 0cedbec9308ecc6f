package org.gsmile.core.distance;

import java.util.function.ToDoubleFunction;

/**
 * Compares the model's output for the original prompt with its output for a perturbed one; the
 * scalar the surrogate explains (MExGen's "scalarizer"). Implementations are pure and thread-safe.
 *
 * @param <O> what is observed of the model: token distributions, text, an image
 */
public interface OutputDistance<O> {
    String name();

    double distance(O original, O perturbed);

    /**
     * The distance from {@code original} to each observation it is applied to, equal to
     * {@link #distance} of the two: an explanation compares one original with every perturbation, so
     * a distance may work out once what depends on the original alone. The function is thread-safe.
     */
    default ToDoubleFunction<O> from(O original) {
        return perturbed -> distance(original, perturbed);
    }
}
