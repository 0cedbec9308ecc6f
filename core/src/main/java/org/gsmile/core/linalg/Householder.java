package org.gsmile.core.linalg;

/**
 * Householder QR for the surrogate fits: least squares without forming normal equations (whose
 * condition number is the square of the design's), and an explicit orthogonal basis of a small
 * matrix's column space and its complement.
 */
public final class Householder {
    /** Relative size below which a diagonal entry of R counts as zero. */
    static final double RANK_TOLERANCE = 1e-10;
    /** Ridge relative to the mean squared column norm of the penalised columns. */
    static final double RELATIVE_RIDGE = 1e-8;

    /**
     * A least-squares solution and the L2 penalty it needed (0 when the system had full rank).
     */
    public record Solution(double[] x, double ridge) {
    }

    private Householder() {
    }

    /**
     * Least-squares solution of a·x ≈ b; null when a is numerically rank deficient or has fewer
     * rows than columns. Destroys a and b.
     */
    public static double[] leastSquares(double[][] a, double[] b) {
        int m = a.length;
        int n = n(a);
        if (m < n) {
            return null;
        }
        double[] diag = new double[n];
        double maxDiag = 0;
        for (int k = 0; k < n; k++) {
            double alpha = reflect(a, k, k);
            if (Double.isNaN(alpha)) {
                return null;
            }
            for (int j = k + 1; j < n; j++) {
                applyToColumn(a, k, k, j);
            }
            applyToVector(a, k, k, b);
            diag[k] = alpha;
            maxDiag = Math.max(maxDiag, Math.abs(alpha));
        }
        for (int k = 0; k < n; k++) {
            if (Math.abs(diag[k]) <= RANK_TOLERANCE * maxDiag) {
                return null;
            }
        }
        double[] x = new double[n];
        for (int k = n - 1; k >= 0; k--) {
            double s = b[k];
            for (int j = k + 1; j < n; j++) {
                s -= a[k][j] * x[j];
            }
            x[k] = s / diag[k];
        }
        return x;
    }

    /**
     * Least squares of a·x ≈ b; when a is rank deficient, a tiny ridge on the columns from
     * {@code penalisedFrom} on (never the ones before, such as an intercept) makes the solution
     * unique. Leaves a and b untouched.
     *
     * @param meanSquaredNorm mean squared norm of the penalised columns, the scale of the ridge
     */
    public static Solution leastSquaresWithRidgeFallback(double[][] a, double[] b, int penalisedFrom,
                                                         double meanSquaredNorm) {
        double[] x = leastSquares(copy(a), b.clone());
        if (x != null) {
            return new Solution(x, 0);
        }
        int m = a.length;
        int n = n(a);
        double ridge = RELATIVE_RIDGE * Math.max(meanSquaredNorm, 1e-300);
        double[][] aug = new double[m + n - penalisedFrom][];
        double[] bAug = java.util.Arrays.copyOf(b, aug.length);
        for (int i = 0; i < m; i++) {
            aug[i] = a[i].clone();
        }
        for (int j = penalisedFrom; j < n; j++) {
            aug[m + j - penalisedFrom] = new double[n];
            aug[m + j - penalisedFrom][j] = Math.sqrt(ridge);
        }
        x = leastSquares(aug, bAug);
        if (x == null) {
            throw new IllegalStateException("least squares stayed singular after a ridge of " + ridge);
        }
        return new Solution(x, ridge);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /**
     * For a (q × r, r ≤ q) of full column rank: the orthogonal Q (q × q) and the upper triangular
     * R (r × r) with a = Q[:, :r]·R. Null when a is numerically rank deficient.
     */
    public static double[][][] qr(double[][] a) {
        int q = a.length;
        int r = n(a);
        double[][] w = new double[q][];
        for (int i = 0; i < q; i++) {
            w[i] = a[i].clone();
        }
        double[] diag = new double[r];
        double maxDiag = 0;
        for (int k = 0; k < r; k++) {
            double alpha = reflect(w, k, k);
            if (Double.isNaN(alpha)) {
                return null;
            }
            for (int j = k + 1; j < r; j++) {
                applyToColumn(w, k, k, j);
            }
            diag[k] = alpha;
            maxDiag = Math.max(maxDiag, Math.abs(alpha));
        }
        double[][] rr = new double[r][r];
        for (int k = 0; k < r; k++) {
            if (Math.abs(diag[k]) <= RANK_TOLERANCE * maxDiag) {
                return null;
            }
            rr[k][k] = diag[k];
            for (int j = k + 1; j < r; j++) {
                rr[k][j] = w[k][j];
            }
        }
        // Q = H₀H₁…H_{r−1}: apply the reflections, last first, to the identity.
        double[][] qm = new double[q][q];
        for (int i = 0; i < q; i++) {
            qm[i][i] = 1;
        }
        for (int k = r - 1; k >= 0; k--) {
            for (int col = 0; col < q; col++) {
                double dot = 0;
                double vtv = 0;
                for (int i = k; i < q; i++) {
                    dot += w[i][k] * qm[i][col];
                    vtv += w[i][k] * w[i][k];
                }
                double f = 2 * dot / vtv;
                for (int i = k; i < q; i++) {
                    qm[i][col] -= f * w[i][k];
                }
            }
        }
        return new double[][][] {qm, rr};
    }

    private static int n(double[][] a) {
        return a.length == 0 ? 0 : a[0].length;
    }

    /**
     * Turns column k below row `from` into the Householder vector v = x − αe₁ in place and returns
     * α (the new diagonal entry), or NaN when the column is zero there.
     */
    private static double reflect(double[][] a, int from, int k) {
        double norm = 0;
        for (int i = from; i < a.length; i++) {
            norm = Math.hypot(norm, a[i][k]);
        }
        if (norm == 0) {
            return Double.NaN;
        }
        double alpha = a[from][k] > 0 ? -norm : norm;
        a[from][k] -= alpha;
        return alpha;
    }

    private static void applyToColumn(double[][] a, int from, int k, int j) {
        double dot = 0;
        double vtv = 0;
        for (int i = from; i < a.length; i++) {
            dot += a[i][k] * a[i][j];
            vtv += a[i][k] * a[i][k];
        }
        double f = 2 * dot / vtv;
        for (int i = from; i < a.length; i++) {
            a[i][j] -= f * a[i][k];
        }
    }

    private static void applyToVector(double[][] a, int from, int k, double[] b) {
        double dot = 0;
        double vtv = 0;
        for (int i = from; i < a.length; i++) {
            dot += a[i][k] * b[i];
            vtv += a[i][k] * a[i][k];
        }
        double f = 2 * dot / vtv;
        for (int i = from; i < a.length; i++) {
            b[i] -= f * a[i][k];
        }
    }
}
