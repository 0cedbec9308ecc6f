package org.gsmile.core.surrogate;

/**
 * Exact weighted least squares with intercept, solved by Householder QR of √w·[1 Z] so that the
 * normal equations (whose condition number is the square of the design's) are never formed.
 * When the design is rank deficient (a unit kept in every sample, two units always dropped
 * together, fewer samples than units) a tiny ridge on θ (not θ₀) makes the solution unique; its
 * size is reported in the fit.
 */
public final class WeightedLeastSquares implements Surrogate {
    /** Relative size below which a diagonal entry of R counts as zero. */
    private static final double RANK_TOLERANCE = 1e-10;
    /** Ridge relative to the mean squared column norm of the weighted design. */
    private static final double RELATIVE_RIDGE = 1e-8;

    @Override
    public String name() {
        return "wls";
    }

    @Override
    public SurrogateFit fit(double[][] z, double[] y, double[] weights) {
        Surrogate.checkInput(z, y, weights);
        int n = z.length;
        int p = z[0].length;
        int cols = p + 1;
        double[][] a = new double[n][cols];
        double[] b = new double[n];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            double s = Math.sqrt(weights[i]);
            a[i][0] = s;
            for (int j = 0; j < p; j++) {
                a[i][j + 1] = s * z[i][j];
                scale += a[i][j + 1] * a[i][j + 1];
            }
            b[i] = s * y[i];
        }
        double[] beta = solveQr(copy(a), b.clone());
        double ridge = 0;
        if (beta == null) {
            ridge = RELATIVE_RIDGE * Math.max(scale / Math.max(p, 1), 1e-300);
            double[][] aug = new double[n + p][];
            double[] bAug = new double[n + p];
            for (int i = 0; i < n; i++) {
                aug[i] = a[i];
                bAug[i] = b[i];
            }
            double r = Math.sqrt(ridge);
            for (int j = 0; j < p; j++) {
                aug[n + j] = new double[cols];
                aug[n + j][j + 1] = r;
            }
            beta = solveQr(aug, bAug);
            if (beta == null) {
                throw new IllegalStateException("weighted least squares stayed singular after a ridge of " + ridge);
            }
        }
        double[] theta = new double[p];
        System.arraycopy(beta, 1, theta, 0, p);
        SurrogateFit unrated = new SurrogateFit(theta, beta[0], null, ridge);
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = unrated.predict(z[i]);
        }
        return new SurrogateFit(theta, beta[0], Fidelity.of(y, predicted, weights, p), ridge);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /**
     * Least-squares solution of a·x = b by Householder QR; null when a is numerically rank deficient.
     * Destroys a and b.
     */
    static double[] solveQr(double[][] a, double[] b) {
        int m = a.length;
        int n = a[0].length;
        if (m < n) {
            return null;
        }
        double[] diag = new double[n];
        double maxDiag = 0;
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = k; i < m; i++) {
                norm = Math.hypot(norm, a[i][k]);
            }
            if (norm == 0) {
                return null;
            }
            double alpha = a[k][k] > 0 ? -norm : norm;
            // v = x − αe₁, stored in place of column k; H = I − 2vvᵀ/vᵀv
            a[k][k] -= alpha;
            double vtv = 0;
            for (int i = k; i < m; i++) {
                vtv += a[i][k] * a[i][k];
            }
            for (int j = k + 1; j < n; j++) {
                double dot = 0;
                for (int i = k; i < m; i++) {
                    dot += a[i][k] * a[i][j];
                }
                double f = 2 * dot / vtv;
                for (int i = k; i < m; i++) {
                    a[i][j] -= f * a[i][k];
                }
            }
            double dot = 0;
            for (int i = k; i < m; i++) {
                dot += a[i][k] * b[i];
            }
            double f = 2 * dot / vtv;
            for (int i = k; i < m; i++) {
                b[i] -= f * a[i][k];
            }
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
}
