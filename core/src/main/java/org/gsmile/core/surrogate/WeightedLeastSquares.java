package org.gsmile.core.surrogate;

import org.gsmile.core.linalg.Householder;

/**
 * Exact weighted least squares with intercept, solved by Householder QR of √w·[1 Z] so that the
 * normal equations (whose condition number is the square of the design's) are never formed.
 * When the design is rank deficient (a unit kept in every sample, two units always dropped
 * together, fewer samples than units) a tiny ridge on θ (not θ₀) makes the solution unique; its
 * size is reported in the fit.
 */
public final class WeightedLeastSquares implements Surrogate {
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
        Householder.Solution solution = Householder.leastSquaresWithRidgeFallback(a, b, 1, scale / Math.max(p, 1));
        double[] beta = solution.x();
        double ridge = solution.ridge();
        double[] theta = new double[p];
        System.arraycopy(beta, 1, theta, 0, p);
        SurrogateFit unrated = new SurrogateFit(theta, beta[0], null, ridge);
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = unrated.predict(z[i]);
        }
        return new SurrogateFit(theta, beta[0], Fidelity.of(y, predicted, weights, p), ridge);
    }
}
