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
 * towards the interpolation). The system is block tridiagonal in k with one n × n block per size; the
 * sizes without samples are eliminated in closed form and the sampled ones by block elimination (see
 * {@link #solveFree}), O(n³) per sampled size, so it stays cheap on long prompts.
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

    /**
     * The free sizes' D from the normal equations, a chain of consecutive free sizes at a time. The
     * equations are block tridiagonal in k: A_k D_k − λ D_{k−1} − λ D_{k+1} = r_k, each A_k an n × n
     * block. A size with no samples has A_k = α_k I + γ J (α_k = λ × its free or exact neighbours +
     * the ridge, γ the gauge, J = 11ᵀ/n), and every such matrix acts on the mean over units and on
     * what is orthogonal to it by two scalars. So each run of sizes without samples is a pair of scalar
     * tridiagonal systems: it is eliminated in O(n·run) (a Schur complement onto the sampled sizes
     * either side, of the same form), the sampled sizes are solved by block elimination with those
     * couplings, and the run's D follow from its ends. The same solution as eliminating every size as a
     * dense block, in a fraction of the arithmetic: the bootstrap refits one size profile per resample,
     * and most of the free sizes of the default design have no samples.
     */
    private void solveFree(double[][] z, double[] y, List<List<Integer>> bySize, double[][] d, boolean[] exact, int n,
                           double scale) {
        double lambda = smoothing(n);
        double ridge = RIDGE * lambda;
        double gauge = GAUGE * lambda;
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
            solveChain(z, y, bySize, d, exact, n, scale, first, k - 1, lambda, ridge, gauge);
        }
    }

    /** One chain of consecutive free sizes [first, last]; see {@link #solveFree}. */
    private static void solveChain(double[][] z, double[] y, List<List<Integer>> bySize, double[][] d, boolean[] exact,
                                   int n, double scale, int first, int last, double lambda, double ridge, double gauge) {
        int m = last - first + 1;
        // Each size's diagonal scalar (λ per neighbour, free or exact, plus the ridge) and right-hand side
        // (λ times an exact neighbour's D).
        double[] alpha = new double[m];
        double[][] rhs = new double[m][];
        List<Integer> sampled = new ArrayList<>();
        for (int b = 0; b < m; b++) {
            int size = first + b;
            alpha[b] = lambda * ((size > 1 ? 1 : 0) + (size < n - 1 ? 1 : 0)) + ridge;
            double[] r = new double[n];
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
            rhs[b] = r;
            if (!bySize.get(size).isEmpty()) {
                sampled.add(b);
            }
        }
        int q = sampled.size();
        // The sampled sizes' dense blocks, and the couplings between consecutive ones (couple[t] between
        // sampled t − 1 and t, as the pair of scalars on the orthogonal part and on the mean).
        double[][][] a = new double[q][][];
        double[][] r = new double[q][];
        double[][] couple = new double[q][];
        for (int t = 0; t < q; t++) {
            int b = sampled.get(t);
            double[][] block = new double[n][n];
            double[] rb = rhs[b].clone();
            regression(z, y, bySize.get(first + b), n, scale, block, rb);
            for (int i = 0; i < n; i++) {
                block[i][i] += alpha[b];
                for (int j = 0; j < n; j++) {
                    block[i][j] += gauge / n;
                }
            }
            a[t] = block;
            r[t] = rb;
        }
        // Each run of sizes without samples: from..to (inclusive), between sampled t − 1 (left) and t (right).
        List<Run> runs = new ArrayList<>();
        int from = 0;
        for (int t = 0; t <= q; t++) {
            int to = t < q ? sampled.get(t) - 1 : m - 1;
            boolean left = t > 0;
            boolean right = t < q;
            if (to >= from) {
                Run run = new Run(from, to, left, right, alpha, rhs, lambda, gauge, n);
                runs.add(run);
                if (left) {
                    run.addToEnd(a[t - 1], r[t - 1], true);
                }
                if (right) {
                    run.addToEnd(a[t], r[t], false);
                }
                if (left && right) {
                    couple[t] = run.coupling();
                }
            } else if (left && right) {
                couple[t] = new double[] {-lambda, -lambda};
            }
            if (t < q) {
                from = sampled.get(t) + 1;
            }
        }
        // The sampled sizes by block elimination: S_t = A_t − C_t S_{t−1}⁻¹ C_t, y_t = r_t − C_t S_{t−1}⁻¹ y_{t−1};
        // then x_t = S_t⁻¹ (y_t − C_{t+1} x_{t+1}).
        double[][][] chol = new double[q][][];
        double[][] yt = new double[q][];
        for (int t = 0; t < q; t++) {
            double[] rt = r[t].clone();
            if (t > 0) {
                double[][] inv = inverse(chol[t - 1], n);
                double[] prev = solve(chol[t - 1], yt[t - 1]);
                double[] cPrev = apply(couple[t], prev);
                double[][] cic = applyBothSides(couple[t], inv, n);
                for (int i = 0; i < n; i++) {
                    rt[i] -= cPrev[i];
                    for (int j = 0; j < n; j++) {
                        a[t][i][j] -= cic[i][j];
                    }
                }
            }
            chol[t] = cholesky(a[t], n);
            yt[t] = rt;
        }
        double[][] x = new double[q][];
        for (int t = q - 1; t >= 0; t--) {
            double[] rt = yt[t].clone();
            if (t + 1 < q) {
                double[] c = apply(couple[t + 1], x[t + 1]);
                for (int i = 0; i < n; i++) {
                    rt[i] -= c[i];
                }
            }
            x[t] = solve(chol[t], rt);
            d[first + sampled.get(t)] = x[t];
        }
        for (Run run : runs) {
            int left = run.from - 1;
            int right = run.to + 1;
            double[] xl = left >= 0 && run.left ? d[first + left] : null;
            double[] xr = right < m && run.right ? d[first + right] : null;
            for (int b = run.from; b <= run.to; b++) {
                d[first + b] = run.solution(b, xl, xr);
            }
        }
        // The exact solution sums to 0 over units at every size (the data cannot see a common shift and
        // the fixed neighbours sum to 0); remove the rounding, so that the scores add up exactly.
        for (int b = 0; b < m; b++) {
            double mean = mean(d[first + b]);
            for (int i = 0; i < n; i++) {
                d[first + b][i] -= mean;
            }
        }
    }

    /**
     * A run of consecutive sizes without samples, from..to of its chain: for each of the two parts of
     * a vector (orthogonal to 1, and along 1) the run's tridiagonal system T (diagonal α_k, plus γ on the
     * mean; −λ beside it) and its solutions for the right-hand sides' part, and for a unit pull from
     * either end (λ times the sampled neighbour's D enters the first or last equation).
     */
    private static final class Run {
        final int from;
        final int to;
        final boolean left;
        final boolean right;
        final double lambda;
        final int n;
        /** [part][k]: T⁻¹e_first and T⁻¹e_last, per part (0: orthogonal to 1, 1: the mean). */
        final double[][] fromLeft;
        final double[][] fromRight;
        /** T⁻¹ applied to the run's right-hand sides, by size: the part orthogonal to 1 plus the mean's. */
        final double[][] constant;

        Run(int from, int to, boolean left, boolean right, double[] alpha, double[][] rhs, double lambda, double gauge,
            int n) {
            this.from = from;
            this.to = to;
            this.left = left;
            this.right = right;
            this.lambda = lambda;
            this.n = n;
            int len = to - from + 1;
            fromLeft = new double[2][];
            fromRight = new double[2][];
            double[][][] parts = new double[2][len][];
            for (int part = 0; part < 2; part++) {
                double[] diag = new double[len];
                for (int b = 0; b < len; b++) {
                    diag[b] = alpha[from + b] + (part == 1 ? gauge : 0);
                }
                double[] e1 = new double[len];
                double[] eL = new double[len];
                e1[0] = 1;
                eL[len - 1] = 1;
                fromLeft[part] = tridiagonal(diag, lambda, e1);
                fromRight[part] = tridiagonal(diag, lambda, eL);
                // The right-hand sides' part, one unit at a time (columns of an len x n system).
                double[][] c = new double[len][n];
                for (int b = 0; b < len; b++) {
                    double[] v = rhs[from + b];
                    double mean = mean(v);
                    for (int i = 0; i < n; i++) {
                        c[b][i] = part == 1 ? mean : v[i] - mean;
                    }
                }
                parts[part] = tridiagonalColumns(diag, lambda, c, n);
            }
            constant = new double[len][n];
            for (int b = 0; b < len; b++) {
                for (int i = 0; i < n; i++) {
                    constant[b][i] = parts[0][b][i] + parts[1][b][i];
                }
            }
        }

        /** The Schur complement onto the sampled neighbour at the run's first (atLeft) or last end. */
        void addToEnd(double[][] a, double[] r, boolean atLeft) {
            int end = atLeft ? 0 : to - from;
            double perp = lambda * lambda * (atLeft ? fromLeft[0][end] : fromRight[0][end]);
            double mean = lambda * lambda * (atLeft ? fromLeft[1][end] : fromRight[1][end]);
            for (int i = 0; i < n; i++) {
                a[i][i] -= perp;
                for (int j = 0; j < n; j++) {
                    a[i][j] -= (mean - perp) / n;
                }
                r[i] += lambda * constant[end][i];
            }
        }

        /** The coupling the run leaves between its two sampled neighbours: −λ² (T⁻¹)_{first,last} per part. */
        double[] coupling() {
            int last = to - from;
            return new double[] {-lambda * lambda * fromLeft[0][last], -lambda * lambda * fromLeft[1][last]};
        }

        /** D at size b of the chain, from the sampled neighbours' D (null where there is none). */
        double[] solution(int b, double[] xl, double[] xr) {
            int at = b - from;
            double[] out = constant[at].clone();
            addPull(out, xl, fromLeft, at);
            addPull(out, xr, fromRight, at);
            return out;
        }

        private void addPull(double[] out, double[] x, double[][] pull, int at) {
            if (x == null) {
                return;
            }
            double mean = mean(x);
            for (int i = 0; i < n; i++) {
                out[i] += lambda * (pull[0][at] * (x[i] - mean) + pull[1][at] * mean);
            }
        }
    }

    /** The solution of the symmetric tridiagonal system (diagonal diag, −off beside it) for one right-hand side. */
    private static double[] tridiagonal(double[] diag, double off, double[] b) {
        double[][] columns = new double[b.length][1];
        for (int k = 0; k < b.length; k++) {
            columns[k][0] = b[k];
        }
        double[][] x = tridiagonalColumns(diag, off, columns, 1);
        double[] out = new double[b.length];
        for (int k = 0; k < b.length; k++) {
            out[k] = x[k][0];
        }
        return out;
    }

    /** Thomas' algorithm on {@code width} right-hand sides at once: b[k][0..width). */
    private static double[][] tridiagonalColumns(double[] diag, double off, double[][] b, int width) {
        int len = diag.length;
        double[] c = new double[len];
        double[][] x = new double[len][width];
        double pivot = diag[0];
        for (int i = 0; i < width; i++) {
            x[0][i] = b[0][i] / pivot;
        }
        for (int k = 1; k < len; k++) {
            c[k - 1] = -off / pivot;
            pivot = diag[k] + off * c[k - 1];
            for (int i = 0; i < width; i++) {
                x[k][i] = (b[k][i] + off * x[k - 1][i]) / pivot;
            }
        }
        for (int k = len - 2; k >= 0; k--) {
            for (int i = 0; i < width; i++) {
                x[k][i] -= c[k] * x[k + 1][i];
            }
        }
        return x;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** (c_perp (I − J) + c_mean J) v. */
    private static double[] apply(double[] coupling, double[] v) {
        double mean = mean(v);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = coupling[0] * (v[i] - mean) + coupling[1] * mean;
        }
        return out;
    }

    /** C M C for C = c_perp (I − J) + c_mean J and a symmetric M: C applied to each row, then to each column. */
    private static double[][] applyBothSides(double[] coupling, double[][] m, int n) {
        double[][] mc = new double[n][];
        for (int i = 0; i < n; i++) {
            mc[i] = apply(coupling, m[i]);
        }
        // C M C is symmetric, so its row j is its column j: C times column j of M C.
        double[][] out = new double[n][];
        double[] column = new double[n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = mc[i][j];
            }
            out[j] = apply(coupling, column);
        }
        return out;
    }

    /**
     * The normal equations of one size's samples in D: with the samples and their values centred
     * within the size (which removes c_k), a = s²·ZᵀZ and r = s·Zᵀy for s = (n−1)/n. Summed over each
     * row's units that are kept (a size-k mask has k of them, so a row costs k², not n²), with the
     * centring of Z applied once: Σ (z − z̄)(z − z̄)ᵀ = Σ zzᵀ − N z̄z̄ᵀ, and Σ (z − z̄)(y − ȳ) = Σ z(y − ȳ).
     */
    private static void regression(double[][] z, double[] y, List<Integer> rows, int n, double scale, double[][] a,
                                   double[] r) {
        if (rows.isEmpty()) {
            return;
        }
        int count = rows.size();
        double[] sumZ = new double[n];
        double meanY = 0;
        for (int row : rows) {
            for (int i = 0; i < n; i++) {
                sumZ[i] += z[row][i];
            }
            meanY += y[row];
        }
        meanY /= count;
        double[][] zz = new double[n][n];
        int[] kept = new int[n];
        for (int row : rows) {
            double[] zr = z[row];
            int nonZero = 0;
            for (int i = 0; i < n; i++) {
                if (zr[i] != 0) {
                    kept[nonZero++] = i;
                }
            }
            double dy = y[row] - meanY;
            for (int p = 0; p < nonZero; p++) {
                int i = kept[p];
                r[i] += scale * zr[i] * dy;
                double[] zi = zz[i];
                for (int q = 0; q < nonZero; q++) {
                    int j = kept[q];
                    zi[j] += zr[i] * zr[j];
                }
            }
        }
        double s2 = scale * scale;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] += s2 * (zz[i][j] - sumZ[i] * sumZ[j] / count);
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
