package org.gsmile.metrics.fidelity;

import java.util.List;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.Sample;
import org.gsmile.metrics.Scores;

/**
 * How well the surrogate reproduces the shifts of the samples it was fitted to, recomputed from the
 * explanation's samples and its scores (so it holds for any explanation, also one read back from
 * JSON or a reference whose scores were not fitted). With yⱼ the observed Δ, ŷⱼ = θ·zⱼ + θ₀
 * ({@link Scores#predictedShift}, in the distance convention whatever sign the explanation is written
 * in) and wⱼ the kernel weight:
 *
 * <pre>
 *   R²w   = 1 − Σw(y − ŷ)² / Σw(y − ȳ_w)²,  ȳ_w = Σwy / Σw
 *   adj.  = 1 − (1 − R²w)(n − 1)/(n − p − 1)      NaN when n ≤ p + 1
 *   MSEw  = Σw(y − ŷ)² / Σw
 *   MAEw  = Σw|y − ŷ| / Σw
 * </pre>
 *
 * with n the samples of finite positive weight and p the units. When every y is the same, R²w is 1
 * for a perfect fit and 0 otherwise (scikit-learn's convention, as {@code Fidelity} has it).
 *
 * <p><b>Anchors.</b> Samples of infinite weight (the Shapley kernel's empty and full coalition) are
 * left out of every sum and counted in {@link #anchors} instead: they are constraints the fit holds
 * exactly, so they would add nothing but an ∞·0 to the sums, and counting them as ordinary samples
 * would only flatter the fit. That is how the explainer's own fit is rated ({@code
 * ConstrainedLeastSquares}), so for a surrogate explanation R²w, adjusted R²w and MSEw equal
 * {@code e.fit().fidelity()}. How exactly the anchors are held is reported separately as
 * {@link #anchorError}.
 *
 * @param r2w         weighted R²; NaN without a finite-weight sample
 * @param r2wAdjusted adjusted weighted R²; NaN when n ≤ p + 1
 * @param mseW        weighted mean squared error
 * @param maeW        weighted mean absolute error
 * @param samples     n, the samples of finite positive weight in the sums
 * @param anchors     the samples of infinite weight, left out of the sums
 * @param anchorError max |y − ŷ| over the anchors (≈ 0 when they are held; NaN without anchors)
 */
public record InSampleFidelity(double r2w, double r2wAdjusted, double mseW, double maeW, int samples, int anchors,
                               double anchorError) {

    public InSampleFidelity {
        if (samples < 0 || anchors < 0) {
            throw new IllegalArgumentException("negative sample counts: " + samples + ", " + anchors);
        }
    }

    public static InSampleFidelity of(Explanation e) {
        List<Sample> all = e.samples();
        int p = e.units().size();
        double[] y = new double[all.size()];
        double[] yHat = new double[all.size()];
        double sw = 0;
        double swy = 0;
        int n = 0;
        int anchors = 0;
        double anchorError = Double.NaN;
        for (int j = 0; j < all.size(); j++) {
            Sample s = all.get(j);
            y[j] = s.outputDistance();
            if (!Double.isFinite(y[j])) {
                throw new IllegalArgumentException("sample " + j + " (" + s.mask() + ") has no finite shift: " + y[j]);
            }
            yHat[j] = Scores.predictedShift(e, s.mask());
            double w = s.weight();
            if (w == Double.POSITIVE_INFINITY) {
                anchors++;
                double err = Math.abs(y[j] - yHat[j]);
                anchorError = Double.isNaN(anchorError) ? err : Math.max(anchorError, err);
            } else if (w > 0) {
                n++;
                sw += w;
                swy += w * y[j];
            } else if (!(w == 0)) {
                throw new IllegalArgumentException("sample " + j + " (" + s.mask() + ") has weight " + w);
            }
        }
        if (n == 0) {
            return new InSampleFidelity(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, anchors, anchorError);
        }
        double mean = swy / sw;
        double sse = 0;
        double sae = 0;
        double sst = 0;
        for (int j = 0; j < all.size(); j++) {
            double w = all.get(j).weight();
            if (w > 0 && w < Double.POSITIVE_INFINITY) {
                double r = y[j] - yHat[j];
                sse += w * r * r;
                sae += w * Math.abs(r);
                sst += w * (y[j] - mean) * (y[j] - mean);
            }
        }
        double r2 = sst > 0 ? 1 - sse / sst : sse == 0 ? 1.0 : 0.0;
        double dof = n - p - 1;
        double adjusted = dof > 0 ? 1 - (1 - r2) * (n - 1) / dof : Double.NaN;
        return new InSampleFidelity(r2, adjusted, sse / sw, sae / sw, n, anchors, anchorError);
    }
}
