package org.gsmile.core.reference;

import java.util.List;
import org.gsmile.core.mask.Coalitions;
import org.gsmile.core.mask.Mask;

/**
 * The Shapley kernel divided by each coalition's probability of being sampled: the weighting of the
 * subsampled regressions of Leverage SHAP and of the unified framework's estimators, which sample
 * coalitions with a probability of their own and reweight by its inverse (a Horvitz–Thompson
 * estimate of the full-enumeration objective), instead of post-stratifying as {@link ShapleyKernel}
 * does.
 *
 * <ul>
 *   <li>{@link #leverage()}: Musco and Witter, "Provably Accurate Shapley Value Estimation via Leverage
 *       Score Sampling", ICLR 2025 (arXiv:2410.01917). The leverage scores of the (projected, kernel
 *       weighted) regression are ℓ(S) ∝ 1/C(n, |S|): every coalition size equally likely.</li>
 *   <li>{@link #modifiedL2()}: Chen, Seshadri, Villani et al., "A Unified Framework for Provably
 *       Efficient Algorithms to Estimate Shapley Values", 2025 (arXiv:2506.05216): the "modified ℓ2
 *       weights", the geometric mean of the kernel weights and the leverage scores,
 *       p(S) ∝ √(π(S)·ℓ(S)) ∝ 1/(C(n, |S|)·√(|S|(n−|S|))).</li>
 * </ul>
 *
 * <p>Sampling without replacement as in the papers' Bernoulli scheme: a coalition S is included with
 * probability q(S) = min(1, c·p(S)), the constant c chosen so that the expected number of samples,
 * Σ_S q(S), is the number of masks drawn (sizes whose coalitions would all be included are taken
 * whole, and their share of the budget goes to the others). A sample of size s then weighs
 * π(s)/q(s), π the Shapley kernel weight of one coalition; the weights are scaled to average 1 as
 * {@link ShapleyKernel}'s are. The empty and the full coalition are anchors of infinite weight,
 * held exactly by {@link ConstrainedLeastSquares}, which is the papers' projection onto the
 * efficiency constraint.
 */
public final class InverseProbabilityWeighting implements SampleWeighting {

    /** ln of the unnormalised probability of one coalition of {@code kept} of {@code units} units. */
    @FunctionalInterface
    public interface Law {
        double logMaskWeight(int units, int kept);
    }

    /** Leverage SHAP's law: ℓ(S) ∝ 1/C(n, s), uniform over sizes. */
    public static final Law LEVERAGE = (n, s) -> -Coalitions.logChooseRow(n)[s];
    /** The unified framework's modified ℓ2 law: √(π(S)ℓ(S)) ∝ 1/(C(n, s)·√(s(n−s))). */
    public static final Law MODIFIED_L2 = (n, s) -> -Coalitions.logChooseRow(n)[s] - 0.5 * Math.log((double) s * (n - s));

    private final String name;
    private final Law law;

    public InverseProbabilityWeighting(String name, Law law) {
        this.name = name;
        this.law = law;
    }

    public static InverseProbabilityWeighting leverage() {
        return new InverseProbabilityWeighting("leverage", LEVERAGE);
    }

    public static InverseProbabilityWeighting modifiedL2() {
        return new InverseProbabilityWeighting("modified-l2", MODIFIED_L2);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * q(s) = min(1, c·p(s)) for s = 0..n (0 at the ends), with Σ_s C(n, s)·q(s) = {@code samples}; all 1
     * when the samples cover every proper coalition.
     */
    public double[] inclusion(int n, int samples) {
        double[] q = new double[n + 1];
        if (n < 2) {
            return q;
        }
        double[] logChoose = Coalitions.logChooseRow(n);
        double max = Double.NEGATIVE_INFINITY;
        double[] logP = new double[n + 1];
        for (int s = 1; s < n; s++) {
            logP[s] = law.logMaskWeight(n, s);
            max = Math.max(max, logP[s]);
        }
        double total = 0;
        for (int s = 1; s < n; s++) {
            logP[s] -= max;
            total += Coalitions.choose(n, s);
        }
        if (samples >= total) {
            for (int s = 1; s < n; s++) {
                q[s] = 1;
            }
            return q;
        }
        // ln c between the value that includes nothing and the one that includes everything: bisection on
        // the expected count, which increases with c.
        double hi = 0;
        for (int s = 1; s < n; s++) {
            hi = Math.max(hi, -logP[s]);
        }
        double lo = -hi - 2 * Math.log(total + 1) - 50;
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            double expected = 0;
            for (int s = 1; s < n; s++) {
                expected += Math.exp(logChoose[s] + Math.min(0, mid + logP[s]));
            }
            if (expected < samples) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double logC = 0.5 * (lo + hi);
        for (int s = 1; s < n; s++) {
            q[s] = Math.exp(Math.min(0, logC + logP[s]));
        }
        return q;
    }

    @Override
    public double[] weights(List<Mask> masks) {
        double[] w = new double[masks.size()];
        if (masks.isEmpty()) {
            return w;
        }
        int n = masks.get(0).size();
        int finite = 0;
        for (Mask m : masks) {
            finite += m.keptCount() > 0 && m.keptCount() < n ? 1 : 0;
        }
        double[] q = inclusion(n, finite);
        // In logs: π(s) underflows on long prompts, the ratio π(s)/q(s) does not.
        double[] logW = new double[n + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 1; s < n; s++) {
            logW[s] = Coalitions.logShapleyKernelWeight(n, s) - Math.log(q[s]);
            max = Math.max(max, logW[s]);
        }
        double sum = 0;
        for (int j = 0; j < w.length; j++) {
            int s = masks.get(j).keptCount();
            if (s == 0 || s == n) {
                w[j] = Double.POSITIVE_INFINITY;
            } else {
                w[j] = Math.exp(logW[s] - max);
                sum += w[j];
            }
        }
        for (int j = 0; j < w.length; j++) {
            if (Double.isFinite(w[j])) {
                w[j] *= finite / sum;
            }
        }
        return w;
    }

    @Override
    public List<Mask> anchors(int units) {
        return List.of(Mask.of(new boolean[units]), Mask.allKept(units));
    }
}
