package org.gsmile.core.distance;

import java.util.function.ToDoubleFunction;
import org.gsmile.core.image.Image;

/**
 * Wasserstein-1 between the pixel-intensity distributions of two images, channel by channel,
 * averaged over red, green and blue:
 *
 * <pre>
 *   Δ(a, b) = (1/3) Σ_c W₁(P_a,c, P_b,c)
 * </pre>
 *
 * where P_a,c is the empirical distribution of channel c's values over a's pixels. Exact: the
 * integral of |F_a − F_b| over the sorted values ({@link Wasserstein#w1(double[], double[])},
 * {@code scipy.stats.wasserstein_distance}), which for 8-bit images is the histogram computation.
 * In [0, 1] for values in [0, 1]; blind to where in the image the values sit (a mirrored image is
 * at distance 0), which a spatial distance such as {@link SsimDistance} is not. Images of
 * different sizes are compared as distributions. Pure and thread-safe.
 *
 * <p>Two images of one size have n values a side, each of weight 1/n, and then the integral is
 * the mean absolute difference of the two sorted lists (the monotone coupling is optimal in one
 * dimension): no merge. {@link #from} sorts the original's channels once for all its
 * perturbations, and channels are sorted by radix ({@link NonNegativeFloatSort}): sorting was
 * nearly all of an image explanation's time outside the model.
 */
public final class ChannelWassersteinDistance implements OutputDistance<Image> {

    @Override
    public String name() {
        return "channel-wasserstein";
    }

    @Override
    public double distance(Image original, Image perturbed) {
        return original.equals(perturbed) ? 0.0 : distance(sorted(original), sorted(perturbed));
    }

    @Override
    public ToDoubleFunction<Image> from(Image original) {
        float[][] sortedOriginal = sorted(original);
        return perturbed -> original.equals(perturbed) ? 0.0 : distance(sortedOriginal, sorted(perturbed));
    }

    private static double distance(float[][] a, float[][] b) {
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            sum += a[c].length == b[c].length ? meanAbsoluteDifference(a[c], b[c])
                    : Wasserstein.w1(doubles(a[c]), doubles(b[c]));
        }
        return sum / 3;
    }

    private static double meanAbsoluteDifference(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs((double) a[i] - b[i]);
        }
        return s / a.length;
    }

    /** Each channel's values in ascending order. */
    private static float[][] sorted(Image image) {
        float[][] s = new float[3][];
        for (int c = 0; c < 3; c++) {
            s[c] = image.channel(c);
            NonNegativeFloatSort.sort(s[c]);
        }
        return s;
    }

    static double[] doubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
