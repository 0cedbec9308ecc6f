package org.gsmile.core.distance;

import java.util.Arrays;

/**
 * Exact Wasserstein-1 distances and optimal-transport costs.
 *
 * <p>{@link #w1(double[], double[])} and {@link #w1(double[], double[], double[], double[])} follow
 * {@code scipy.stats.wasserstein_distance}: the integral of |F_u - F_v| over the merged sorted
 * support, so results agree with scipy to rounding.
 *
 * <p>{@link #emd(double[], double[], double[][])} solves the transportation problem exactly with a
 * primal network simplex ({@link TransportSimplex}, which documents the algorithm). Both histograms are normalised to total mass 1 before solving, so the
 * result is the cost of moving one unit of mass, whatever the scale of the inputs.
 *
 * <p>All methods are stateless and thread-safe.
 */
public final class Wasserstein {

    private Wasserstein() {
    }

    /**
     * Wasserstein-1 distance between the empirical distributions of {@code u} and {@code v}, each
     * value carrying equal weight. Equals {@code scipy.stats.wasserstein_distance(u, v)}.
     *
     * @throws IllegalArgumentException if an array is null or empty or holds a NaN or infinite value
     */
    public static double w1(double[] u, double[] v) {
        checkValues(u, "u");
        checkValues(v, "v");
        double[] su = u.clone();
        double[] sv = v.clone();
        Arrays.sort(su);
        Arrays.sort(sv);
        // Equal weights: the first k+1 sorted values weigh k+1, so each CDF value is count / size,
        // exactly as scipy forms it; the terms agree bit for bit and only the summation order can differ.
        return w1Sorted(su, counts(su.length), sv, counts(sv.length));
    }

    /**
     * Weighted Wasserstein-1 distance. Each side's weights are normalised to sum 1. Equals
     * {@code scipy.stats.wasserstein_distance(u, v, uWeights, vWeights)}.
     *
     * @throws IllegalArgumentException if an array is null or empty, a value is NaN or infinite, a
     *     weight array's length differs from its values', a weight is negative, NaN or infinite, or
     *     a side's weights sum to zero
     */
    public static double w1(double[] u, double[] uWeights, double[] v, double[] vWeights) {
        checkValues(u, "u");
        checkValues(v, "v");
        checkWeights(uWeights, u.length, "uWeights", "u");
        checkWeights(vWeights, v.length, "vWeights", "v");
        double[] su = u.clone();
        double[] sv = v.clone();
        double[] cu = uWeights.clone();
        double[] cv = vWeights.clone();
        sortTogether(su, cu);
        sortTogether(sv, cv);
        // In place: c[k] becomes the weight of the first k+1 sorted values.
        for (int k = 1; k < cu.length; k++) {
            cu[k] += cu[k - 1];
        }
        for (int k = 1; k < cv.length; k++) {
            cv[k] += cv[k - 1];
        }
        return w1Sorted(su, cu, sv, cv);
    }

    /**
     * {@link #w1(double[], double[])} of two samples already sorted ascending and checked: for equal
     * sizes the mean absolute difference of the sorted values (the monotone coupling is optimal in
     * one dimension, and the integral of |F_u − F_v| equals it), else the merged integral.
     */
    static double w1OfSorted(double[] su, double[] sv) {
        if (su.length != sv.length) {
            return w1Sorted(su, counts(su.length), sv, counts(sv.length));
        }
        double s = 0;
        for (int i = 0; i < su.length; i++) {
            s += Math.abs(su[i] - sv[i]);
        }
        return s / su.length;
    }

    /** 1, 2, ..., n: the cumulative weights of n values of weight 1. */
    private static double[] counts(int n) {
        double[] c = new double[n];
        for (int k = 0; k < n; k++) {
            c[k] = k + 1;
        }
        return c;
    }

    /**
     * The integral of |F_u − F_v| over the merged support, with F_u(x) = cu[i−1] / cu[n−1] for the
     * i values of {@code su} at most x (0 before the first).
     *
     * @param su sorted values of u
     * @param cu cumulative weights of {@code su}: cu[k] is the weight of su[0..k]
     * @param sv sorted values of v
     * @param cv cumulative weights of {@code sv}
     */
    private static double w1Sorted(double[] su, double[] cu, double[] sv, double[] cv) {
        int n = su.length;
        int m = sv.length;
        double totU = cu[n - 1];
        double totV = cv[m - 1];
        int i = 0;
        int j = 0;
        double x = Math.min(su[0], sv[0]);
        double sum = 0.0;
        while (true) {
            while (i < n && su[i] <= x) {
                i++;
            }
            while (j < m && sv[j] <= x) {
                j++;
            }
            if (i == n && j == m) {
                return sum;
            }
            double next = i == n ? sv[j] : j == m ? su[i] : Math.min(su[i], sv[j]);
            double fu = i == 0 ? 0.0 : cu[i - 1] / totU;
            double fv = j == 0 ? 0.0 : cv[j - 1] / totV;
            sum += Math.abs(fu - fv) * (next - x);
            x = next;
        }
    }

    /**
     * Exact optimal-transport cost between histograms {@code a} and {@code b}:
     * min sum P[i][j] * cost[i][j] subject to row sums a, column sums b and P &ge; 0.
     *
     * <p>{@code a} and {@code b} are each normalised to sum 1 first, so only their shapes matter.
     * Bins with zero mass cannot carry flow and are dropped before solving.
     *
     * @param a source histogram, length n, non-negative with positive finite sum
     * @param b target histogram, length m, non-negative with positive finite sum
     * @param cost n&times;m matrix of non-negative finite costs
     * @throws IllegalArgumentException on null or empty input, mismatched shapes, negative, NaN or
     *     infinite masses or costs, or a histogram with zero total mass
     */
    public static double emd(double[] a, double[] b, double[][] cost) {
        checkWeights(a, -1, "a", null);
        checkWeights(b, -1, "b", null);
        if (cost == null) {
            throw new IllegalArgumentException("cost must not be null");
        }
        if (cost.length != a.length) {
            throw new IllegalArgumentException(
                    "cost has " + cost.length + " rows but a has length " + a.length);
        }
        for (int i = 0; i < cost.length; i++) {
            double[] row = cost[i];
            if (row == null) {
                throw new IllegalArgumentException("cost[" + i + "] must not be null");
            }
            if (row.length != b.length) {
                throw new IllegalArgumentException("cost[" + i + "] has length " + row.length
                        + " but b has length " + b.length);
            }
            for (int j = 0; j < row.length; j++) {
                double c = row[j];
                // The negated comparison also catches NaN.
                if (!(c >= 0.0) || c == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("cost[" + i + "][" + j + "] must be finite and"
                            + " non-negative, got " + c);
                }
            }
        }
        double sumA = 0.0;
        int n = 0;
        for (double x : a) {
            sumA += x;
            if (x > 0.0) {
                n++;
            }
        }
        double sumB = 0.0;
        int m = 0;
        for (double x : b) {
            sumB += x;
            if (x > 0.0) {
                m++;
            }
        }
        int[] rows = new int[n];
        double[] supply = new double[n];
        for (int i = 0, k = 0; i < a.length; i++) {
            if (a[i] > 0.0) {
                rows[k] = i;
                supply[k++] = a[i] / sumA;
            }
        }
        int[] cols = new int[m];
        double[] demand = new double[m];
        for (int j = 0, k = 0; j < b.length; j++) {
            if (b[j] > 0.0) {
                cols[k] = j;
                demand[k++] = b[j] / sumB;
            }
        }
        // With a single source or sink the coupling is forced; no search needed.
        if (n == 1) {
            double[] row = cost[rows[0]];
            double total = 0.0;
            for (int j = 0; j < m; j++) {
                total += demand[j] * row[cols[j]];
            }
            return total;
        }
        if (m == 1) {
            double total = 0.0;
            for (int i = 0; i < n; i++) {
                total += supply[i] * cost[rows[i]][cols[0]];
            }
            return total;
        }
        double[] flat = new double[n * m];
        double maxCost = 0.0;
        for (int i = 0; i < n; i++) {
            double[] row = cost[rows[i]];
            for (int j = 0; j < m; j++) {
                double c = row[cols[j]];
                flat[i * m + j] = c;
                maxCost = Math.max(maxCost, c);
            }
        }
        if (maxCost == 0.0) {
            return 0.0;
        }
        return new TransportSimplex().solve(supply, n, demand, m, flat, maxCost);
    }

    private static void checkValues(double[] values, String name) {
        if (values == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                throw new IllegalArgumentException(
                        name + "[" + k + "] must be finite, got " + values[k]);
            }
        }
    }

    /**
     * Checks non-negative finite entries with a positive total. {@code expectedLength < 0} skips
     * the length check (histograms have no companion value array).
     */
    private static void checkWeights(double[] w, int expectedLength, String name, String valuesName) {
        if (w == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (w.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        if (expectedLength >= 0 && w.length != expectedLength) {
            throw new IllegalArgumentException(name + " has length " + w.length + " but "
                    + valuesName + " has length " + expectedLength);
        }
        double sum = 0.0;
        for (int k = 0; k < w.length; k++) {
            double x = w[k];
            if (!(x >= 0.0) || x == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(
                        name + "[" + k + "] must be finite and non-negative, got " + x);
            }
            sum += x;
        }
        if (sum == 0.0) {
            throw new IllegalArgumentException(name + " has zero total mass");
        }
        if (sum == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " total mass overflows to infinity");
        }
    }

    /** Sorts {@code keys} ascending, applying the same permutation to {@code values}. */
    private static void sortTogether(double[] keys, double[] values) {
        int len = keys.length;
        if (len < 2) {
            return;
        }
        double[] keyBuf = new double[len];
        double[] valBuf = new double[len];
        mergeSort(keys, values, keyBuf, valBuf, 0, len);
    }

    private static void mergeSort(double[] k, double[] v, double[] kb, double[] vb, int lo, int hi) {
        if (hi - lo <= 16) {
            for (int a = lo + 1; a < hi; a++) {
                double key = k[a];
                double val = v[a];
                int b = a - 1;
                while (b >= lo && k[b] > key) {
                    k[b + 1] = k[b];
                    v[b + 1] = v[b];
                    b--;
                }
                k[b + 1] = key;
                v[b + 1] = val;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(k, v, kb, vb, lo, mid);
        mergeSort(k, v, kb, vb, mid, hi);
        if (k[mid - 1] <= k[mid]) {
            return;
        }
        System.arraycopy(k, lo, kb, lo, hi - lo);
        System.arraycopy(v, lo, vb, lo, hi - lo);
        int p = lo;
        int q = mid;
        for (int t = lo; t < hi; t++) {
            if (q >= hi || (p < mid && kb[p] <= kb[q])) {
                k[t] = kb[p];
                v[t] = vb[p++];
            } else {
                k[t] = kb[q];
                v[t] = vb[q++];
            }
        }
    }
}
