package org.gsmile.core.reference;

/**
 * Exact Shapley values of a game given by its value on every coalition, and leave-one-out values.
 * A coalition is a bit set: bit i of the index is set when unit i is in it.
 */
public final class ShapleyValues {
    /** 2²⁰ coalitions (8 MB of values) is the most this class enumerates. */
    public static final int MAX_UNITS = 20;

    private ShapleyValues() {
    }

    /**
     * φᵢ = Σ_{S ⊆ N∖{i}} |S|! (n−|S|−1)! / n! · (v(S ∪ {i}) − v(S)), in O(n·2ⁿ).
     *
     * @param v the value of every coalition, indexed by its bit set; length 2ⁿ
     */
    public static double[] exact(int n, double[] v) {
        if (n < 1 || n > MAX_UNITS) {
            throw new IllegalArgumentException("exact Shapley values need 1 to " + MAX_UNITS + " units, got " + n);
        }
        if (v.length != 1 << n) {
            throw new IllegalArgumentException("a game of " + n + " units has " + (1 << n) + " coalitions, got "
                    + v.length + " values");
        }
        // weight[s] = s!(n−s−1)!/n!, built by ratios so nothing overflows.
        double[] weight = new double[n];
        weight[0] = 1.0 / n;
        for (int s = 1; s < n; s++) {
            weight[s] = weight[s - 1] * s / (n - s);
        }
        double[] phi = new double[n];
        for (int set = 0; set < v.length; set++) {
            double w = weight[Integer.bitCount(set) == n ? 0 : Integer.bitCount(set)];
            for (int i = 0; i < n; i++) {
                if ((set & (1 << i)) == 0) {
                    phi[i] += w * (v[set | (1 << i)] - v[set]);
                }
            }
        }
        return phi;
    }

    /**
     * φᵢ = v(N) − v(N∖{i}): what removing unit i alone does, with the sign convention of
     * {@link #exact}.
     *
     * @param full    v(N)
     * @param without v(N∖{i}) for each unit i
     */
    public static double[] leaveOneOut(double full, double[] without) {
        double[] phi = new double[without.length];
        for (int i = 0; i < phi.length; i++) {
            phi[i] = full - without[i];
        }
        return phi;
    }
}
