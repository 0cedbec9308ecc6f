package org.gsmile.core.distance;

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
 */
public final class ChannelWassersteinDistance implements OutputDistance<Image> {

    @Override
    public String name() {
        return "channel-wasserstein";
    }

    @Override
    public double distance(Image original, Image perturbed) {
        if (original.equals(perturbed)) {
            return 0.0;
        }
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            sum += Wasserstein.w1(doubles(original.channel(c)), doubles(perturbed.channel(c)));
        }
        return sum / 3;
    }

    static double[] doubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
