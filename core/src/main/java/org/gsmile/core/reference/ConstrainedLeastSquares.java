package org.gsmile.core.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gsmile.core.linalg.Householder;
import org.gsmile.core.surrogate.Fidelity;
import org.gsmile.core.surrogate.Surrogate;
import org.gsmile.core.surrogate.SurrogateFit;
import org.gsmile.core.surrogate.WeightedLeastSquares;

/**
 * Weighted least squares with intercept in which rows of infinite weight hold exactly: with the
 * {@link ShapleyKernel} those are the empty and the full coalition, and the fit is KernelSHAP's
 * efficiency-constrained regression, θ₀ = v(∅) and θ₀ + Σθ = v(N). Without such rows it is
 * {@link WeightedLeastSquares}, to the last bit.
 *
 * <p>Solved by the null-space method: with C the constraint rows of the design [1 Z] and
 * Cᵀ = Q·[R; 0], β = Q·[R⁻ᵀd; γ] satisfies Cβ = d for every γ, and γ is the ordinary weighted
 * least-squares solution of the remaining rows. When those rows cannot pin γ down (fewer samples
 * than free coefficients) a tiny ridge on γ picks the smallest solution and is reported, as in
 * {@link WeightedLeastSquares}. Fidelity is measured on the finite-weight rows only: the constraint
 * rows are reproduced exactly by construction and would only flatter it.
 */
public final class ConstrainedLeastSquares implements Surrogate {
    /** Two constraint rows with the same mask must agree to this relative tolerance. */
    private static final double CONSISTENCY = 1e-9;

    private final WeightedLeastSquares unconstrained = new WeightedLeastSquares();

    @Override
    public String name() {
        return "wls";
    }

    @Override
    public SurrogateFit fit(double[][] z, double[] y, double[] weights) {
        check(z, y, weights);
        List<Integer> exact = new ArrayList<>();
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < z.length; i++) {
            if (weights[i] == Double.POSITIVE_INFINITY) {
                if (isNew(z, y, exact, i)) {
                    exact.add(i);
                }
            } else if (weights[i] > 0) {
                free.add(i);
            }
        }
        if (exact.isEmpty()) {
            return unconstrained.fit(z, y, weights);
        }
        int p = z[0].length;
        int q = p + 1;
        int r = exact.size();
        if (r > q) {
            throw new IllegalArgumentException(r + " exact rows over-determine " + q + " coefficients");
        }
        double[][] ct = new double[q][r];
        double[] d = new double[r];
        for (int c = 0; c < r; c++) {
            int i = exact.get(c);
            ct[0][c] = 1;
            for (int j = 0; j < p; j++) {
                ct[j + 1][c] = z[i][j];
            }
            d[c] = y[i];
        }
        double[][][] qr = Householder.qr(ct);
        if (qr == null) {
            throw new IllegalArgumentException("the exact rows are linearly dependent: they cannot all hold");
        }
        double[][] qm = qr[0];
        double[][] rm = qr[1];
        // Rᵀu = d by forward substitution.
        double[] u = new double[r];
        for (int k = 0; k < r; k++) {
            double s = d[k];
            for (int j = 0; j < k; j++) {
                s -= rm[j][k] * u[j];
            }
            u[k] = s / rm[k][k];
        }
        int f = q - r;
        double[] gamma = new double[f];
        double ridge = 0;
        if (f > 0 && !free.isEmpty()) {
            int m = free.size();
            double[][] a = new double[m][f];
            double[] b = new double[m];
            double scale = 0;
            for (int k = 0; k < m; k++) {
                int i = free.get(k);
                double s = Math.sqrt(weights[i]);
                // Row of the design [1 z] times Q, split into the constrained and the free part.
                double[] x = new double[q];
                x[0] = 1;
                System.arraycopy(z[i], 0, x, 1, p);
                double fixed = 0;
                for (int c = 0; c < r; c++) {
                    fixed += dot(x, qm, c) * u[c];
                }
                for (int c = 0; c < f; c++) {
                    a[k][c] = s * dot(x, qm, r + c);
                    scale += a[k][c] * a[k][c];
                }
                b[k] = s * (y[i] - fixed);
            }
            Householder.Solution solved = Householder.leastSquaresWithRidgeFallback(a, b, 0, scale / f);
            ridge = solved.ridge();
            gamma = solved.x();
        }
        double[] beta = new double[q];
        for (int i = 0; i < q; i++) {
            double s = 0;
            for (int c = 0; c < r; c++) {
                s += qm[i][c] * u[c];
            }
            for (int c = 0; c < f; c++) {
                s += qm[i][r + c] * gamma[c];
            }
            beta[i] = s;
        }
        double[] theta = Arrays.copyOfRange(beta, 1, q);
        SurrogateFit unrated = new SurrogateFit(theta, beta[0], null, ridge);
        Fidelity fidelity;
        if (free.isEmpty()) {
            fidelity = new Fidelity(Double.NaN, Double.NaN, Double.NaN);
        } else {
            double[] fy = new double[free.size()];
            double[] fp = new double[free.size()];
            double[] fw = new double[free.size()];
            for (int k = 0; k < fy.length; k++) {
                int i = free.get(k);
                fy[k] = y[i];
                fp[k] = unrated.predict(z[i]);
                fw[k] = weights[i];
            }
            fidelity = Fidelity.of(fy, fp, fw, p);
        }
        return new SurrogateFit(theta, beta[0], fidelity, ridge);
    }

    private static boolean isNew(double[][] z, double[] y, List<Integer> exact, int i) {
        for (int e : exact) {
            if (Arrays.equals(z[e], z[i])) {
                if (Math.abs(y[e] - y[i]) > CONSISTENCY * Math.max(1, Math.abs(y[e]))) {
                    throw new IllegalArgumentException("rows " + e + " and " + i + " have the same mask and infinite"
                            + " weight but different values " + y[e] + " and " + y[i]);
                }
                return false;
            }
        }
        return true;
    }

    private static double dot(double[] x, double[][] qm, int col) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * qm[i][col];
        }
        return s;
    }

    /** {@link Surrogate#checkInput}, except that a weight may be +∞ and the finite ones may all be 0. */
    private static void check(double[][] z, double[] y, double[] weights) {
        if (z.length == 0) {
            throw new IllegalArgumentException("no samples to fit");
        }
        if (y.length != z.length || weights.length != z.length) {
            throw new IllegalArgumentException("z, y and weights need one row per sample: "
                    + z.length + ", " + y.length + ", " + weights.length);
        }
        int p = z[0].length;
        for (int i = 0; i < z.length; i++) {
            if (z[i].length != p) {
                throw new IllegalArgumentException("row " + i + " of z has " + z[i].length + " columns, expected " + p);
            }
            if (!(weights[i] >= 0)) {
                throw new IllegalArgumentException("weight " + i + " must be non-negative, got " + weights[i]);
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] is not finite: " + y[i]);
            }
        }
    }
}
