package org.gsmile.core.distance;

import java.util.List;
import org.gsmile.core.image.FeatureExtractor;
import org.gsmile.core.image.Image;

/**
 * The thesis code's image distance: the 1-D Wasserstein-1 distance between the feature vectors a
 * vision model gives the two images, each vector's entries taken as equally weighted samples of a
 * distribution on the line ({@code scipy.stats.wasserstein_distance(f(a), f(b))}):
 *
 * <pre>
 *   Δ(a, b) = W₁(f(a), f(b))
 * </pre>
 *
 * It compares the distributions of the features' values, not the features one by one: two vectors
 * that permute the same values are at distance 0. The original image's features are computed once
 * per original (the explainer compares every perturbation with the same one). Thread-safe.
 */
public final class FeatureWassersteinDistance implements OutputDistance<Image> {
    private final FeatureExtractor extractor;
    private volatile Cached last;

    private record Cached(Image image, double[] features) {
    }

    public FeatureWassersteinDistance(FeatureExtractor extractor) {
        this.extractor = extractor;
    }

    @Override
    public String name() {
        return "feature-wasserstein";
    }

    @Override
    public double distance(Image original, Image perturbed) {
        if (original.equals(perturbed)) {
            return 0.0;
        }
        return Wasserstein.w1(featuresOf(original), ChannelWassersteinDistance.doubles(
                extractor.features(List.of(perturbed)).get(0)));
    }

    private double[] featuresOf(Image original) {
        Cached c = last;
        // Identity first: the explainer passes the same original object for every perturbation.
        if (c != null && (c.image() == original || c.image().equals(original))) {
            return c.features();
        }
        double[] f = ChannelWassersteinDistance.doubles(extractor.features(List.of(original)).get(0));
        last = new Cached(original, f);
        return f;
    }
}
