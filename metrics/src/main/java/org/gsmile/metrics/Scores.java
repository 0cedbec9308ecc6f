package org.gsmile.metrics;

import org.gsmile.core.explain.Explanation;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.spec.SignConvention;

/**
 * An explanation's scores in the two conventions the metrics need, whatever sign it was written
 * in. Metrics must not read {@code attribution().scores()} directly: under {@code sign=importance}
 * those are negated, and a metric that forgot it would invert its mask (OpenXAI's faithfulness bug).
 */
public final class Scores {
    private Scores() {
    }

    /** θ as fitted, Δ ≈ θ·z + θ₀ with zᵢ = 1 keeping unit i: negative where keeping the unit holds y₀ in place. */
    public static double[] distanceConvention(Explanation e) {
        double[] s = e.attribution().scores();
        if (flipped(e)) {
            for (int i = 0; i < s.length; i++) {
                s[i] = -s[i];
            }
        }
        return s;
    }

    /** θ₀ in the distance convention: the predicted shift of the empty prompt. */
    public static double interceptDistanceConvention(Explanation e) {
        double b = e.attribution().intercept();
        return flipped(e) ? -b : b;
    }

    /** −θ in the distance convention: how much keeping each unit holds the output where it went. */
    public static double[] importance(Explanation e) {
        double[] s = distanceConvention(e);
        for (int i = 0; i < s.length; i++) {
            s[i] = -s[i];
        }
        return s;
    }

    /** The surrogate's predicted shift θ·z + θ₀ for a mask over the explanation's units. */
    public static double predictedShift(Explanation e, Mask mask) {
        double[] theta = distanceConvention(e);
        if (mask.size() != theta.length) {
            throw new IllegalArgumentException("a mask over " + mask.size() + " units for " + theta.length);
        }
        double y = interceptDistanceConvention(e);
        for (int i = 0; i < theta.length; i++) {
            if (mask.isKept(i)) {
                y += theta[i];
            }
        }
        return y;
    }

    private static boolean flipped(Explanation e) {
        return e.provenance().spec().sign() == SignConvention.IMPORTANCE;
    }
}
