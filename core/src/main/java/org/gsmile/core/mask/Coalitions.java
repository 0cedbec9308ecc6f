package org.gsmile.core.mask;

import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * Counting coalitions and weighing them by the Shapley kernel, and coalitions as bit sets: the one
 * home of the binomial coefficients and kernel weights that the samplers, the Shapley kernel, the
 * bootstrap and the reference explanations use.
 *
 * <p>A coalition of n units is the set of units a {@link Mask} keeps; its size s is
 * {@link Mask#keptCount()}. KernelSHAP (Lundberg and Lee 2017) gives one coalition of size s the
 * weight π(s) = (n−1)/(C(n,s)·s·(n−s)), so all C(n,s) coalitions of that size together weigh
 * (n−1)/(s·(n−s)); the empty and the full coalition have infinite weight (they are constraints).
 */
public final class Coalitions {
    /** The most units a coalition can have as a bit set of a {@code long}. */
    public static final int MAX_BITS = Long.SIZE;

    private Coalitions() {
    }

    /**
     * C(n, k) in floating point, 0 when k &lt; 0 or k &gt; n: commons-math3's
     * {@link CombinatoricsUtils#binomialCoefficientDouble}, exact (the integer itself) for n &lt; 67
     * and wherever C(n, k) &le; 10¹⁵, within a few ulps beyond, and infinite where the double overflows
     * (n above about 1030 for k near n/2).
     */
    public static double choose(int n, int k) {
        if (k < 0 || k > n) {
            return 0;
        }
        return CombinatoricsUtils.binomialCoefficientDouble(n, k);
    }

    /**
     * ln C(n, k) for k = 0..n in one pass, summed in logs so that it stays finite where C(n, k)
     * overflows. The row recurrence ln C(n, k) = ln C(n, k−1) + ln(n−k+1) − ln k, kept as the samplers
     * have always computed it (commons-math3's per-entry {@code binomialCoefficientLog} agrees to
     * about 3·10⁻¹³ but not bit for bit, and costs O(k) per entry).
     */
    public static double[] logChooseRow(int n) {
        double[] row = new double[n + 1];
        for (int k = 1; k <= n; k++) {
            row[k] = row[k - 1] + Math.log(n - k + 1) - Math.log(k);
        }
        return row;
    }

    /** π(s) = (n−1)/(C(n,s)·s·(n−s)), the kernel weight of one coalition of size s out of n; infinite for s = 0 and s = n. */
    public static double shapleyKernelWeight(int n, int s) {
        if (s <= 0 || s >= n) {
            return Double.POSITIVE_INFINITY;
        }
        return (n - 1.0) / (choose(n, s) * s * (n - s));
    }

    /** ln π(s), finite where π(s) underflows; −∞ for s = 0 and s = n (those coalitions are never drawn). */
    public static double logShapleyKernelWeight(int n, int s) {
        if (s <= 0 || s >= n) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.log(n - 1.0) - logChooseRow(n)[s] - Math.log(s) - Math.log(n - s);
    }

    /**
     * (n−1)/(s·(n−s)), the kernel weight of all coalitions of size s together (C(n,s)·π(s)): the
     * size law of KernelSHAP's sampler and the post-stratified weight of a stratum; infinite for
     * s = 0 and s = n.
     */
    public static double stratumWeight(int n, int s) {
        if (s <= 0 || s >= n) {
            return Double.POSITIVE_INFINITY;
        }
        return (n - 1.0) / ((double) s * (n - s));
    }

    /**
     * The mask of n units keeping unit i exactly when bit i of {@code bits} is set.
     *
     * @throws IllegalArgumentException if n is negative or above {@link #MAX_BITS}, or a bit at or
     *     above n is set
     */
    public static Mask fromBits(long bits, int n) {
        if (n < 0 || n > MAX_BITS) {
            throw new IllegalArgumentException("a bit set holds 0 to " + MAX_BITS + " units, got " + n);
        }
        if (n < MAX_BITS && bits >>> n != 0) {
            throw new IllegalArgumentException("bit set " + Long.toBinaryString(bits) + " has units beyond the "
                    + n + " there are");
        }
        boolean[] kept = new boolean[n];
        for (int i = 0; i < n; i++) {
            kept[i] = ((bits >>> i) & 1L) == 1L;
        }
        return Mask.of(kept);
    }

    /**
     * The bit set of a mask: bit i set when unit i is kept; {@code (int)} of it indexes a table of
     * 2ⁿ values for n &lt; 31.
     *
     * @throws IllegalArgumentException if the mask has more than {@link #MAX_BITS} units
     */
    public static long toBits(Mask mask) {
        if (mask.size() > MAX_BITS) {
            throw new IllegalArgumentException("a bit set holds at most " + MAX_BITS + " units, the mask has "
                    + mask.size());
        }
        long bits = 0;
        for (int i = 0; i < mask.size(); i++) {
            if (mask.isKept(i)) {
                bits |= 1L << i;
            }
        }
        return bits;
    }
}
