package org.gsmile.core.reference;

import java.util.List;
import org.gsmile.core.mask.Coalitions;
import org.gsmile.core.mask.Mask;

/**
 * KernelSHAP's weighting, under which the weighted least-squares coefficients with the efficiency
 * constraint are the Shapley values when every coalition is observed (Lundberg and Lee 2017).
 *
 * <p>The kernel gives one coalition of size s (units kept) the weight π(s) = (n−1)/(C(n,s)·s·(n−s)),
 * so all coalitions of size s together weigh (n−1)/(s·(n−s)). A sample is one of the drawn
 * coalitions of its size, so each of the c_s drawn samples of size s gets (n−1)/(s·(n−s))/c_s: the
 * full-enumeration objective estimated stratum by stratum (post-stratification). This makes the
 * weights right for any sampler, with or without repeats, and exact once a stratum is complete.
 *
 * <p>The empty and the full coalition have infinite weight: they are the constraints θ₀ = v(∅) and
 * θ₀ + Σθ = v(N), and every explanation observes them (see {@link #anchors}).
 */
public final class ShapleyKernel implements SampleWeighting {

    @Override
    public String name() {
        return "shapley";
    }

    /** π(s), the kernel weight of one coalition of size s out of n; infinite for s = 0 and s = n. */
    public static double coalitionWeight(int n, int s) {
        return Coalitions.shapleyKernelWeight(n, s);
    }

    /** Weights normalised so that the finite ones average 1, which keeps the fit's weighted MSE readable. */
    @Override
    public double[] weights(List<Mask> masks) {
        double[] w = new double[masks.size()];
        if (masks.isEmpty()) {
            return w;
        }
        int n = masks.get(0).size();
        int[] count = new int[n + 1];
        for (Mask m : masks) {
            count[m.keptCount()]++;
        }
        double sum = 0;
        int finite = 0;
        for (int j = 0; j < w.length; j++) {
            int s = masks.get(j).keptCount();
            if (s == 0 || s == n) {
                w[j] = Double.POSITIVE_INFINITY;
            } else {
                w[j] = Coalitions.stratumWeight(n, s) / count[s];
                sum += w[j];
                finite++;
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
