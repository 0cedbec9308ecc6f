package org.gsmile.core.distance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gsmile.core.UserInputException;
import org.gsmile.core.image.FeatureExtractor;
import org.gsmile.core.image.Image;
import org.junit.jupiter.api.Test;

/**
 * The image distances against values computed independently with numpy and scipy
 * ({@code tools/reference/image_distances.py}: scipy.stats.wasserstein_distance, and Wang et al.'s
 * SSIM by 2-D sliding windows rather than the separable filter used here), and their properties.
 * The images are formulas, the same in the script: 8-bit values k/255 as a PNG gives them.
 */
class ImageDistancesTest {
    static final double TOL = 1e-12;
    static final double[][] DIRECTIONS = {{1, 0, 0}, {0, 1, 0}, {1, 1, 1}, {0.3, -0.5, 0.8}};

    interface Value {
        int at(int x, int y, int c);
    }

    static Image image(int w, int h, Value value) {
        float[] v = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    v[c * w * h + y * w + x] = value.at(x, y, c) / 255f;
                }
            }
        }
        return Image.of(w, h, v);
    }

    static Image pattern(int w, int h, int seed) {
        return image(w, h, (x, y, c) -> (x * x * 3 + y * 7 + c * 29 + seed * 31 + x * y * 5) % 256);
    }

    static Image smooth(int w, int h, int seed) {
        return image(w, h, (x, y, c) -> (x * 4 + y * 3 + c * 40 + seed * 17) % 200);
    }

    @Test
    void channelWassersteinMatchesScipy() {
        ChannelWassersteinDistance d = new ChannelWassersteinDistance();
        assertEquals(0.023474945694033522, d.distance(pattern(16, 12, 1), pattern(16, 12, 2)), TOL);
        assertEquals(0.022133114462575088, d.distance(pattern(20, 20, 3), pattern(13, 17, 4)), TOL);
        assertEquals(0.20494281226213693, d.distance(smooth(16, 16, 0), pattern(16, 16, 0)), TOL);
    }

    @Test
    void channelWassersteinFromTheOriginalEqualsTheMergedIntegral() {
        // Continuous values (a network's output), not 8-bit levels: the same-size shortcut against
        // Wasserstein.w1's merge of the two CDFs (scipy's computation), and from() against distance().
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        ChannelWassersteinDistance d = new ChannelWassersteinDistance();
        for (int trial = 0; trial < 20; trial++) {
            int w = 1 + random.nextInt(40);
            int h = 1 + random.nextInt(40);
            Image a = noise(random, w, h);
            java.util.function.ToDoubleFunction<Image> fromA = d.from(a);
            for (int k = 0; k < 5; k++) {
                Image b = k == 4 ? noise(random, 1 + random.nextInt(30), 1 + random.nextInt(30)) : noise(random, w, h);
                double merged = 0;
                for (int c = 0; c < 3; c++) {
                    merged += Wasserstein.w1(ChannelWassersteinDistance.doubles(a.channel(c)),
                            ChannelWassersteinDistance.doubles(b.channel(c)));
                }
                assertEquals(merged / 3, d.distance(a, b), 1e-12, "trial " + trial + " k " + k);
                assertEquals(d.distance(a, b), fromA.applyAsDouble(b), 0.0, "trial " + trial + " k " + k);
            }
            assertEquals(0.0, fromA.applyAsDouble(a), 0.0);
        }
    }

    @Test
    void slicedWassersteinFromTheOriginalEqualsItsDistance() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(10);
        SlicedWassersteinDistance d = new SlicedWassersteinDistance(8, 3);
        Image a = noise(random, 20, 15);
        java.util.function.ToDoubleFunction<Image> fromA = d.from(a);
        for (int k = 0; k < 6; k++) {
            Image b = k == 5 ? noise(random, 9, 9) : noise(random, 20, 15);
            assertEquals(d.distance(a, b), fromA.applyAsDouble(b), 0.0);
        }
        assertEquals(0.0, fromA.applyAsDouble(a), 0.0);
    }

    private static Image noise(java.util.SplittableRandom random, int w, int h) {
        float[] v = new float[3 * w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextInt(5) == 0 ? 0.5f : (float) random.nextDouble();
        }
        return Image.of(w, h, v);
    }

    @Test
    void channelWassersteinIsBlindToWhereValuesSit() {
        Image a = pattern(12, 12, 3);
        // The same values, mirrored left to right: every channel's histogram is unchanged.
        Image mirrored = image(12, 12, (x, y, c) -> Math.round(a.get(c, 11 - x, y) * 255));
        ChannelWassersteinDistance d = new ChannelWassersteinDistance();
        assertEquals(0.0, d.distance(a, mirrored), 1e-15);
        assertTrue(new SsimDistance().distance(a, mirrored) > 0.1);
        // A uniform brightening by 10/255 moves each channel's distribution by exactly that.
        Image flat = image(8, 8, (x, y, c) -> 100);
        Image brighter = image(8, 8, (x, y, c) -> 110);
        assertEquals(110 / 255f - 100 / 255f, d.distance(flat, brighter), 1e-7);
    }

    @Test
    void slicedWassersteinMatchesScipyOnGivenDirections() {
        SlicedWassersteinDistance d = new SlicedWassersteinDistance(DIRECTIONS);
        assertEquals(0.02605114924562906, d.distance(pattern(16, 12, 1), pattern(16, 12, 2)), TOL);
        assertEquals(0.07191277601342963, d.distance(smooth(16, 16, 0), smooth(16, 16, 1)), TOL);
    }

    @Test
    void slicedWassersteinIsSeededAndApproachesHalfTheTranslation() {
        SlicedWassersteinDistance a = new SlicedWassersteinDistance();
        SlicedWassersteinDistance b = new SlicedWassersteinDistance();
        assertArrayEquals(a.directions(), b.directions());
        assertNotEquals(a.directions()[0][0], new SlicedWassersteinDistance(64, 7).directions()[0][0]);
        Image x = pattern(16, 12, 1);
        Image y = pattern(16, 12, 2);
        assertEquals(a.distance(x, y), b.distance(x, y), 0.0);
        assertEquals(a.distance(x, y), a.distance(y, x), 1e-15);
        for (double[] theta : a.directions()) {
            assertEquals(1.0, Math.sqrt(theta[0] * theta[0] + theta[1] * theta[1] + theta[2] * theta[2]), 1e-12);
        }
        // A cloud translated by t = (20, 40, 40)/255 (|t| = 60/255): each projection moves by |θ·t|, whose mean
        // over the sphere is |t|/2; 4000 directions estimate it to well within 2 %.
        Image base = smooth(12, 12, 0);
        Image moved = image(12, 12, (px, py, c) -> Math.round(base.get(c, px, py) * 255) + (c == 0 ? 20 : 40));
        double sw = new SlicedWassersteinDistance(4000, 1).distance(base, moved);
        assertEquals(30 / 255.0, sw, 0.02 * 30 / 255.0);
    }

    @Test
    void ssimMatchesWangEtAlsReferenceFormula() {
        SsimDistance d = new SsimDistance();
        assertEquals(1.49725361740187, d.distance(pattern(24, 20, 1), pattern(24, 20, 5)), TOL);
        assertEquals(0.1401535605721368, d.distance(smooth(24, 20, 0), smooth(24, 20, 1)), TOL);
        // 11 x 11: the window fits once.
        assertEquals(1.0012672121199966, d.distance(smooth(11, 11, 2), pattern(11, 11, 2)), TOL);
        assertEquals(0.0, d.distance(pattern(24, 20, 1), pattern(24, 20, 1)), 0.0);
        Image a = smooth(24, 20, 0);
        Image b = smooth(24, 20, 1);
        assertEquals(d.distance(a, b), d.distance(b, a), 1e-15);
    }

    @Test
    void ssimRefusesImagesItCannotCompareInOneLine() {
        SsimDistance d = new SsimDistance();
        UserInputException sizes = assertThrows(UserInputException.class,
                () -> d.distance(pattern(16, 16, 1), pattern(16, 12, 1)));
        assertTrue(sizes.getMessage().contains("16x16 and 16x12"), sizes.getMessage());
        UserInputException small = assertThrows(UserInputException.class,
                () -> d.distance(pattern(10, 16, 1), pattern(10, 16, 2)));
        assertTrue(small.getMessage().contains("at least 11x11"), small.getMessage());
        assertEquals(1, small.getMessage().lines().count());
    }

    /** Per channel mean, min and max, then the mean of the top-left quarter: ten values, as the script computes them. */
    static final class SummaryFeatures implements FeatureExtractor {
        final AtomicInteger images = new AtomicInteger();

        @Override
        public String name() {
            return "summary";
        }

        @Override
        public List<float[]> features(List<Image> batch) {
            List<float[]> out = new ArrayList<>();
            for (Image im : batch) {
                images.incrementAndGet();
                float[] f = new float[10];
                for (int c = 0; c < 3; c++) {
                    float[] v = im.channel(c);
                    double sum = 0;
                    float min = 1;
                    float max = 0;
                    for (float x : v) {
                        sum += x;
                        min = Math.min(min, x);
                        max = Math.max(max, x);
                    }
                    f[3 * c] = (float) (sum / v.length);
                    f[3 * c + 1] = min;
                    f[3 * c + 2] = max;
                }
                double q = 0;
                int hw = im.width() / 2;
                int hh = im.height() / 2;
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < hh; y++) {
                        for (int x = 0; x < hw; x++) {
                            q += im.get(c, x, y);
                        }
                    }
                }
                f[9] = (float) (q / (3.0 * hw * hh));
                out.add(f);
            }
            return out;
        }
    }

    @Test
    void featureWassersteinIsScipysOneDimensionalDistanceOfTheFeatureVectors() {
        SummaryFeatures features = new SummaryFeatures();
        FeatureWassersteinDistance d = new FeatureWassersteinDistance(features);
        Image original = pattern(16, 12, 1);
        assertEquals(0.23435729579068723, d.distance(original, smooth(16, 12, 0)), 1e-7);
        // The original's features are computed once, however many perturbations it is compared with.
        d.distance(original, smooth(16, 12, 1));
        d.distance(original, smooth(16, 12, 2));
        assertEquals(4, features.images.get());
        assertEquals(0.0, d.distance(original, pattern(16, 12, 1)), 0.0);
    }
}
