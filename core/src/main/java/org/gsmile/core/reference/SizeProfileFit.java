package org.gsmile.core.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gsmile.core.mask.Coalitions;
import org.gsmile.core.surrogate.Fidelity;
import org.gsmile.core.surrogate.Surrogate;
import org.gsmile.core.surrogate.SurrogateFit;

/**
 * Shapley values estimated through the size profile of the game: exact from every coalition size
 * observed whole, a linear model within each size observed in part, and smooth across sizes in
 * between.
 *
 * <p><b>The identity.</b> For a coalition size k (1 ≤ k ≤ n−1) let D_{i,k} be the mean of v over the
 * coalitions of size k that contain unit i minus its mean over those that do not. Then
 * <pre>  φᵢ = (v(N) − v(∅))/n + (1/n) Σ_{k=1}^{n−1} D_{i,k}</pre>
 * (Shapley's formula regrouped by the size of the coalition, as in the stratified estimators of
 * Kolpaczki et al., "Approximating the Shapley value without marginal contributions", AAAI 2024).
 * Σᵢ D_{i,k} = 0 for every k, so the estimate is efficient whatever D is estimated to be.
 *
 * <p><b>The estimate.</b> A size observed whole gives D_{·,k} exactly (so with every size whole the
 * result is the exact Shapley values). Within a size observed in part, v is modelled as linear in
 * the units, v(S) ≈ c_k + Σ_j θ_{j,k} z_j with Σ_j θ_{j,k} = 0, for which D_{·,k} = n/(n−1)·θ_{·,k}
 * exactly. Across sizes, D_{i,k} is taken to change smoothly with k: the estimate minimises, over
 * every size not observed whole,
 * <pre>  Σ_samples (v(S) − c_k − z·θ_k)² + λ Σᵢ Σ_k (D_{i,k+1} − D_{i,k})²</pre>
 * with the exact sizes held fixed. Between observed sizes this interpolates D linearly in k; at a
 * size with a few samples it is the within-size regression pulled towards its neighbours (a ridge
 * towards the interpolation). The system is block tridiagonal in k with one n × n block per size,
 * solved in O(n⁴) by block elimination, so it stays cheap on long prompts.
 *
 * <p>Why this rather than the Shapley-kernel regression: on TinyStories prompts the size profile of
 * a word's effect changes sharply over the first few sizes (a word next to one or two others acts
 * quite unlike the same word in a nearly full prompt) and little afterwards; the kernel regression
 * with the two outermost sizes whole averages the single-word and the leave-one-out effect (the
 * trapezoid rule over sizes), and samples of a partly observed size enter it only through one
 * global linear fit. This estimator uses the sizes observed whole exactly and lets each partly
 * observed size inform the sizes around it ({@code ./benchmark samplers}; the README's Accuracy
 * section gives the figures).
 *
 * <p>The empty and the full coalition must be among the rows with infinite weight (the
 * {@link ShapleyKernel}'s anchors); without them (a rejected anchor) the fit is
 * {@link ConstrainedLeastSquares}'. Finite weights are not used by the estimate (the within-size
 * regressions weigh their samples equally, as the sizes' own means do); they weigh the fidelity.
 * The fidelity is that of the per-size model the scores come from (see {@link #fidelity}).
 */
public final class SizeProfileFit implements Surrogate {
    /** λ, chosen on the sampler benchmark's design set (it is scale free: v and D share their units). */
    public static final double DEFAULT_SMOOTHING = 3.0;
    /** Up to this many units λ is used as given (every prompt of the sampler benchmark). */
    static final int SCALE_FROM = 12;
    /** Weight, relative to λ, of the penalty that pins the one direction no data or neighbour sees (the gauge). */
    private static final double GAUGE = 1e-6;
    /** Weight, relative to λ, of the ridge on every D, far below anything the data or the penalty give. */
    private static final double RIDGE = 1e-12;

    private final double lambda;

    public SizeProfileFit() {
        this(DEFAULT_SMOOTHING);
    }

    public SizeProfileFit(double lambda) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("the smoothing must be a positive number, got " + lambda);
        }
        this.lambda = lambda;
    }

    @Override
    public String name() {
        return "profile";
    }

    /**
     * λ on a prompt of n units: the given λ up to {@value #SCALE_FROM} units, growing in proportion to n
     * beyond. A size's samples inform each unit less the more units there are (a unit is in k/n of
     * them), so on long prompts the same number of samples must pull the profile less.
     */
    double smoothing(int n) {
        return lambda * Math.max(1.0, n / (double) SCALE_FROM);
    }

    @Override
    public SurrogateFit fit(double[][] z, double[] y, double[] weights) {
        return fit(z, y, weights, true);
    }

    /** The scores alone: a bootstrap refit reads nothing else, and the fidelity was a tenth of its cost. */
    @Override
    public double[] coefficients(double[][] z, double[] y, double[] weights) {
        return fit(z, y, weights, false).coefficients();
    }

    private SurrogateFit fit(double[][] z, double[] y, double[] weights, boolean withFidelity) {
        if (z.length == 0 || y.length != z.length || weights.length != z.length) {
            throw new IllegalArgumentException("z, y and weights need one row per sample, and at least one");
        }
        int n = z[0].length;
        Double empty = null;
        Double full = null;
        List<List<Integer>> bySize = new ArrayList<>();
        for (int k = 0; k <= n; k++) {
            bySize.add(new ArrayList<>());
        }
        for (int r = 0; r < z.length; r++) {
            if (z[r].length != n) {
                throw new IllegalArgumentException("row " + r + " of z has " + z[r].length + " columns, expected " + n);
            }
            if (!(weights[r] >= 0) || !Double.isFinite(y[r])) {
                throw new IllegalArgumentException("row " + r + " has weight " + weights[r] + " and value " + y[r]);
            }
            int k = 0;
            for (double x : z[r]) {
                k += x != 0 ? 1 : 0;
            }
            if (weights[r] == Double.POSITIVE_INFINITY) {
                if (k == 0) {
                    empty = y[r];
                } else if (k == n) {
                    full = y[r];
                }
            } else if (weights[r] > 0 && k > 0 && k < n) {
                bySize.get(k).add(r);
            }
        }
        if (empty == null || full == null || n < 2) {
            return new ConstrainedLeastSquares().fit(z, y, weights);
        }
        double scale = (n - 1.0) / n;
        double[][] d = new double[n + 1][];
        boolean[] exact = new boolean[n + 1];
        for (int k = 1; k < n; k++) {
            if (isComplete(z, bySize.get(k), n, k)) {
                d[k] = exactDifferences(z, y, distinct(z, bySize.get(k)), n);
                exact[k] = true;
            }
        }
        solveFree(z, y, bySize, d, exact, n, scale);
        double[] phi = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 1; k < n; k++) {
                s += d[k][i];
            }
            phi[i] = (full - empty) / n + s / n;
        }
        Fidelity fidelity = withFidelity ? fidelity(z, y, weights, bySize, d, n, scale)
                : new Fidelity(Double.NaN, Double.NaN, Double.NaN);
        return new SurrogateFit(phi, empty, fidelity, 0);
    }

    /** The free sizes' D by block elimination of the normal equations, size by size. */
    private void solveFree(double[][] z, double[] y, List<List<Integer>> bySize, double[][] d, boolean[] exact, int n,
                           double scale) {
        double lambda = smoothing(n);
        int k = 1;
        while (k < n) {
            if (exact[k]) {
                k++;
                continue;
            }
            int first = k;
            while (k < n && !exact[k]) {
                k++;
            }
            int last = k - 1;
            int m = last - first + 1;
            double[][][] s = new double[m][][];
            double[][] rhs = new double[m][];
            for (int b = 0; b < m; b++) {
                int size = first + b;
                double[][] a = new double[n][n];
                double[] r = new double[n];
                regression(z, y, bySize.get(size), n, scale, a, r);
                int neighbours = (size > 1 ? 1 : 0) + (size < n - 1 ? 1 : 0);
                for (int i = 0; i < n; i++) {
                    // A vanishing ridge keeps the system solvable where nothing pins a direction (a unit no sample
                    // varied in a chain of sizes with no size observed whole, or two units): such D stay at 0.
                    a[i][i] += lambda * neighbours + RIDGE * lambda;
                    for (int j = 0; j < n; j++) {
                        // A penalty on the mean over units alone, which the exact solution has at 0: it pins the
                        // common shift (the gauge) and moves nothing else.
                        a[i][j] += GAUGE * lambda / n;
                    }
                }
                if (size > 1 && exact[size - 1]) {
                    for (int i = 0; i < n; i++) {
                        r[i] += lambda * d[size - 1][i];
                    }
                }
                if (size < n - 1 && exact[size + 1]) {
                    for (int i = 0; i < n; i++) {
                        r[i] += lambda * d[size + 1][i];
                    }
                }
                s[b] = a;
                rhs[b] = r;
            }
            // Forward: S_b = A_b − λ² S_{b−1}⁻¹, y_b = r_b + λ S_{b−1}⁻¹ y_{b−1}.
            double[][][] chol = new double[m][][];
            double[][] yb = new double[m][];
            for (int b = 0; b < m; b++) {
                double[][] a = s[b];
                double[] r = rhs[b].clone();
                if (b > 0) {
                    double[][] inv = inverse(chol[b - 1], n);
                    double[] prev = solve(chol[b - 1], yb[b - 1]);
                    for (int i = 0; i < n; i++) {
                        r[i] += lambda * prev[i];
                        for (int j = 0; j < n; j++) {
                            a[i][j] -= lambda * lambda * inv[i][j];
                        }
                    }
                }
                chol[b] = cholesky(a, n);
                yb[b] = r;
            }
            // Back: x_last = S⁻¹ y_last, x_b = S_b⁻¹ (y_b + λ x_{b+1}).
            double[] next = null;
            for (int b = m - 1; b >= 0; b--) {
                double[] r = yb[b].clone();
                if (next != null) {
                    for (int i = 0; i < n; i++) {
                        r[i] += lambda * next[i];
                    }
                }
                double[] x = solve(chol[b], r);
                d[first + b] = x;
                next = x;
            }
            // The exact solution sums to 0 over units at every size (the data cannot see a common shift and
            // the fixed neighbours sum to 0); remove the rounding, so that the scores add up exactly.
            for (int b = 0; b < m; b++) {
                double mean = Arrays.stream(d[first + b]).average().orElse(0);
                for (int i = 0; i < n; i++) {
                    d[first + b][i] -= mean;
                }
            }
        }
    }

    /**
     * The normal equations of one size's samples in D: with the samples and their values centred
     * within the size (which removes c_k), a = s²·ZᵀZ and r = s·Zᵀy for s = (n−1)/n.
     */
    private static void regression(double[][] z, double[] y, List<Integer> rows, int n, double scale, double[][] a,
                                   double[] r) {
        if (rows.isEmpty()) {
            return;
        }
        double[] meanZ = new double[n];
        double meanY = 0;
        for (int row : rows) {
            for (int i = 0; i < n; i++) {
                meanZ[i] += z[row][i];
            }
            meanY += y[row];
        }
        for (int i = 0; i < n; i++) {
            meanZ[i] /= rows.size();
        }
        meanY /= rows.size();
        double[] c = new double[n];
        for (int row : rows) {
            for (int i = 0; i < n; i++) {
                c[i] = z[row][i] - meanZ[i];
            }
            double dy = y[row] - meanY;
            for (int i = 0; i < n; i++) {
                if (c[i] == 0) {
                    continue;
                }
                r[i] += scale * c[i] * dy;
                for (int j = 0; j < n; j++) {
                    a[i][j] += scale * scale * c[i] * c[j];
                }
            }
        }
    }

    private static boolean isComplete(double[][] z, List<Integer> rows, int n, int k) {
        double all = Coalitions.choose(n, k);
        return rows.size() >= all && distinct(z, rows).size() == all;
    }

    /** The first row of each distinct mask among the rows. */
    private static List<Integer> distinct(double[][] z, List<Integer> rows) {
        Set<BitSet> seen = new HashSet<>();
        List<Integer> out = new ArrayList<>();
        for (int r : rows) {
            BitSet b = new BitSet(z[r].length);
            for (int i = 0; i < z[r].length; i++) {
                if (z[r][i] != 0) {
                    b.set(i);
                }
            }
            if (seen.add(b)) {
                out.add(r);
            }
        }
        return out;
    }

    /** D_{i,k} of a size observed whole: the mean of v with unit i kept less the mean with it dropped. */
    private static double[] exactDifferences(double[][] z, double[] y, List<Integer> rows, int n) {
        double[] in = new double[n];
        double[] out = new double[n];
        int[] inCount = new int[n];
        for (int r : rows) {
            for (int i = 0; i < n; i++) {
                if (z[r][i] != 0) {
                    in[i] += y[r];
                    inCount[i]++;
                } else {
                    out[i] += y[r];
                }
            }
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = in[i] / inCount[i] - out[i] / (rows.size() - inCount[i]);
        }
        return d;
    }

    /**
     * The fidelity of the model the scores come from, on the finite-weight rows with their weights: at
     * each size ŷ = c_k + s·D_k·z, c_k the size's mean residual. (The additive surrogate θ₀ + θ·z with
     * the scores as θ fits these rows worse than the kernel regression's own coefficients do: the
     * Shapley values are not the least-squares fit of a design that samples few sizes, which is why
     * the regression's coefficients estimate them poorly.)
     */
    private static Fidelity fidelity(double[][] z, double[] y, double[] weights, List<List<Integer>> bySize,
                                     double[][] d, int n, double scale) {
        List<Double> fy = new ArrayList<>();
        List<Double> fp = new ArrayList<>();
        List<Double> fw = new ArrayList<>();
        for (int k = 1; k < n; k++) {
            List<Integer> rows = bySize.get(k);
            if (rows.isEmpty()) {
                continue;
            }
            double[] lin = new double[rows.size()];
            double c = 0;
            for (int t = 0; t < rows.size(); t++) {
                int r = rows.get(t);
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += z[r][i] * d[k][i];
                }
                lin[t] = scale * s;
                c += y[r] - lin[t];
            }
            c /= rows.size();
            for (int t = 0; t < rows.size(); t++) {
                int r = rows.get(t);
                fy.add(y[r]);
                fp.add(c + lin[t]);
                fw.add(weights[r]);
            }
        }
        if (fy.isEmpty()) {
            return new Fidelity(Double.NaN, Double.NaN, Double.NaN);
        }
        return Fidelity.of(fy.stream().mapToDouble(Double::doubleValue).toArray(),
                fp.stream().mapToDouble(Double::doubleValue).toArray(),
                fw.stream().mapToDouble(Double::doubleValue).toArray(), n);
    }

    /** The lower Cholesky factor of a symmetric positive definite matrix (overwrites nothing). */
    static double[][] cholesky(double[][] a, int n) {
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalStateException("the size-profile system is not positive definite");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    private static double[] solve(double[][] l, double[] b) {
        int n = b.length;
        double[] x = b.clone();
        for (int i = 0; i < n; i++) {
            double s = x[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * x[k];
            }
            x[i] = s / l[i][i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /**
     * (L Lᵀ)⁻¹ = L⁻ᵀ L⁻¹ from the triangular inverse W = L⁻¹: about a third of the arithmetic of n
     * solves against the unit vectors, which were most of a refit's time.
     */
    static double[][] inverse(double[][] l, int n) {
        double[][] w = new double[n][n];
        for (int j = 0; j < n; j++) {
            w[j][j] = 1 / l[j][j];
            for (int i = j + 1; i < n; i++) {
                double s = 0;
                for (int k = j; k < i; k++) {
                    s -= l[i][k] * w[k][j];
                }
                w[i][j] = s / l[i][i];
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = i; k < n; k++) {
                    s += w[k][i] * w[k][j];
                }
                inv[i][j] = s;
                inv[j][i] = s;
            }
        }
        return inv;
    }
}
