package org.gsmile.core.distance;

import org.gsmile.core.UserInputException;
import org.gsmile.core.image.Image;

/**
 * One minus the structural similarity of two images (SSIM, Wang, Bovik, Sheikh and Simoncelli 2004,
 * "Image quality assessment: from error visibility to structural similarity"), as their reference
 * implementation computes it on each channel and averaged over red, green and blue:
 *
 * <pre>
 *   SSIM(x, y) = mean over windows of ((2 μx μy + C1)(2 σxy + C2)) / ((μx² + μy² + C1)(σx² + σy² + C2))
 *   Δ(a, b)    = 1 − (1/3) Σ_c SSIM(a_c, b_c)
 * </pre>
 *
 * with the paper's constants: an 11 × 11 circular Gaussian window of σ = 1.5 (normalised to sum 1),
 * local statistics weighted by it at every position where the window fits inside the image (the
 * reference code's {@code filter2(..., 'valid')}), C1 = (0.01 L)², C2 = (0.03 L)² and dynamic range
 * L = 1 for values in [0, 1]. Δ is 0 for identical images and lies in [0, 2] (SSIM is in [−1, 1]).
 * It compares structure where it is (blur, noise, rain streaks, shifted edges), which the pixel
 * distributions of the Wasserstein distances do not. Both images must have the same size, at least
 * 11 × 11. Pure and thread-safe.
 */
public final class SsimDistance implements OutputDistance<Image> {
    public static final int WINDOW = 11;
    public static final double SIGMA = 1.5;
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;
    private static final double L = 1.0;
    private static final double C1 = (K1 * L) * (K1 * L);
    private static final double C2 = (K2 * L) * (K2 * L);
    private static final double[] TAPS = taps();

    @Override
    public String name() {
        return "ssim";
    }

    @Override
    public double distance(Image original, Image perturbed) {
        if (original.width() != perturbed.width() || original.height() != perturbed.height()) {
            throw new UserInputException("{distance=ssim} compares images of one size, but the model returned "
                    + original.width() + "x" + original.height() + " and " + perturbed.width() + "x"
                    + perturbed.height() + ": choose {distance=channel-wasserstein}, which compares any two");
        }
        if (original.width() < WINDOW || original.height() < WINDOW) {
            throw new UserInputException("{distance=ssim} needs images of at least " + WINDOW + "x" + WINDOW
                    + " pixels, and these are " + original.width() + "x" + original.height()
                    + ": choose {distance=channel-wasserstein}");
        }
        if (original.equals(perturbed)) {
            return 0.0;
        }
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            sum += ssim(original.channel(c), perturbed.channel(c), original.width(), original.height());
        }
        return 1.0 - sum / 3;
    }

    /** The mean SSIM of two channels of {@code w} × {@code h} values. */
    public static double ssim(float[] x, float[] y, int w, int h) {
        int n = w * h;
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        double[] dx = new double[n];
        double[] dy = new double[n];
        for (int i = 0; i < n; i++) {
            dx[i] = x[i];
            dy[i] = y[i];
            xx[i] = dx[i] * dx[i];
            yy[i] = dy[i] * dy[i];
            xy[i] = dx[i] * dy[i];
        }
        double[] mx = filter(dx, w, h);
        double[] my = filter(dy, w, h);
        double[] sxx = filter(xx, w, h);
        double[] syy = filter(yy, w, h);
        double[] sxy = filter(xy, w, h);
        double total = 0;
        for (int i = 0; i < mx.length; i++) {
            double mxy = mx[i] * my[i];
            double mxx = mx[i] * mx[i];
            double myy = my[i] * my[i];
            double vx = sxx[i] - mxx;
            double vy = syy[i] - myy;
            double cxy = sxy[i] - mxy;
            total += ((2 * mxy + C1) * (2 * cxy + C2)) / ((mxx + myy + C1) * (vx + vy + C2));
        }
        return total / mx.length;
    }

    /** The Gaussian-weighted mean at every position where the window fits: (w − 10) × (h − 10) values, row-major. */
    private static double[] filter(double[] v, int w, int h) {
        int ow = w - WINDOW + 1;
        int oh = h - WINDOW + 1;
        // The 2-D window is the outer product of the 1-D taps: filter the rows, then the columns.
        double[] rows = new double[h * ow];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < ow; c++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += TAPS[k] * v[r * w + c + k];
                }
                rows[r * ow + c] = s;
            }
        }
        double[] out = new double[oh * ow];
        for (int r = 0; r < oh; r++) {
            for (int c = 0; c < ow; c++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += TAPS[k] * rows[(r + k) * ow + c];
                }
                out[r * ow + c] = s;
            }
        }
        return out;
    }

    /** exp(−d²/(2σ²)) for d = −5..5, normalised to sum 1; the 2-D window (their outer product) then sums to 1. */
    private static double[] taps() {
        double[] t = new double[WINDOW];
        double sum = 0;
        int half = WINDOW / 2;
        for (int k = 0; k < WINDOW; k++) {
            int d = k - half;
            t[k] = Math.exp(-(d * d) / (2 * SIGMA * SIGMA));
            sum += t[k];
        }
        for (int k = 0; k < WINDOW; k++) {
            t[k] /= sum;
        }
        return t;
    }
}
