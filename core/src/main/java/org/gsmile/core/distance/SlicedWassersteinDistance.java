package org.gsmile.core.distance;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.gsmile.core.image.Image;

/**
 * Sliced Wasserstein-1 between the clouds of RGB pixels of two images: each image is the uniform
 * distribution over its pixels' (r, g, b) points, both clouds are projected on K directions θ_k of
 * the unit sphere, and the exact 1-D Wasserstein-1 distances of the projections are averaged:
 *
 * <pre>
 *   Δ(a, b) = (1/K) Σ_k W₁(θ_k·a, θ_k·b)
 * </pre>
 *
 * Unlike {@link ChannelWassersteinDistance} it sees how the channels go together (a colour that
 * moves between pixels but keeps each channel's histogram still moves the cloud). The directions
 * are drawn once, from a generator seeded with {@code seed} (Gaussian vectors, normalised: uniform on
 * the sphere), so the distance is a fixed, deterministic function; for a cloud translated by t it is
 * close to E|θ·t| = |t|/2. Pure and thread-safe.
 */
public final class SlicedWassersteinDistance implements OutputDistance<Image> {
    /** Directions of the default distance: the estimate's spread over seeds is a few per cent of its value. */
    public static final int DEFAULT_DIRECTIONS = 64;
    /** The seed of the default directions: fixed, so every explanation measures with the same slices. */
    public static final long DEFAULT_SEED = 20250531L;

    private final double[][] directions;

    /** The default: {@value #DEFAULT_DIRECTIONS} directions from seed {@value #DEFAULT_SEED}. */
    public SlicedWassersteinDistance() {
        this(DEFAULT_DIRECTIONS, DEFAULT_SEED);
    }

    public SlicedWassersteinDistance(int count, long seed) {
        this(draw(count, seed));
    }

    /** With the given directions, each normalised to unit length (for tests and references). */
    public SlicedWassersteinDistance(double[][] directions) {
        if (directions.length == 0) {
            throw new IllegalArgumentException("at least one direction");
        }
        this.directions = new double[directions.length][];
        for (int k = 0; k < directions.length; k++) {
            double[] d = directions[k];
            if (d.length != 3) {
                throw new IllegalArgumentException("a direction in RGB space has 3 components, got " + d.length);
            }
            double norm = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            if (!(norm > 0) || !Double.isFinite(norm)) {
                throw new IllegalArgumentException("direction " + Arrays.toString(d) + " has no length");
            }
            this.directions[k] = new double[] {d[0] / norm, d[1] / norm, d[2] / norm};
        }
    }

    /** The unit directions, as used. */
    public double[][] directions() {
        double[][] copy = new double[directions.length][];
        for (int k = 0; k < copy.length; k++) {
            copy[k] = directions[k].clone();
        }
        return copy;
    }

    @Override
    public String name() {
        return "sliced-wasserstein";
    }

    @Override
    public double distance(Image original, Image perturbed) {
        return original.equals(perturbed) ? 0.0 : distance(sortedProjections(original), sortedProjections(perturbed));
    }

    /** The original's projections are sorted once for all its perturbations (half the sorting). */
    @Override
    public ToDoubleFunction<Image> from(Image original) {
        double[][] sortedOriginal = sortedProjections(original);
        return perturbed -> original.equals(perturbed) ? 0.0 : distance(sortedOriginal, sortedProjections(perturbed));
    }

    private double distance(double[][] a, double[][] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += Wasserstein.w1OfSorted(a[k], b[k]);
        }
        return sum / directions.length;
    }

    /** The image's pixels projected on each direction, in ascending order. */
    private double[][] sortedProjections(Image image) {
        float[] planes = image.planes();
        int n = image.pixels();
        double[][] p = new double[directions.length][];
        for (int k = 0; k < p.length; k++) {
            p[k] = project(planes, n, directions[k]);
            Arrays.sort(p[k]);
        }
        return p;
    }

    private static double[] project(float[] planes, int n, double[] theta) {
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = theta[0] * planes[i] + theta[1] * planes[n + i] + theta[2] * planes[2 * n + i];
        }
        return p;
    }

    private static double[][] draw(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one direction, got " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] d = new double[count][];
        for (int k = 0; k < count; k++) {
            double[] v;
            double norm;
            do {
                v = new double[] {gaussian(random), gaussian(random), gaussian(random)};
                norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            } while (norm < 1e-9);
            d[k] = v;
        }
        return d;
    }

    /** A standard normal draw (Box–Muller), from this generator alone, so the directions never depend on the JDK. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
