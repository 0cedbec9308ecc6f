package org.gsmile.core.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.surrogate.SurrogateFit;
import org.gsmile.core.surrogate.WeightedLeastSquares;
import org.junit.jupiter.api.Test;

class ConstrainedLeastSquaresTest {
    // python3 tools/reference/kernel_shap.py: the KKT system [[2XᵀWX, Cᵀ], [C, 0]] solved by numpy, C = rows ∅ and N.
    static final int[] MASKS = {3, 20, 15, 1, 26, 12, 17, 29, 6, 11, 16, 30};
    static final double[] Y = {0.4819, -0.2386, 0.9578, -0.1998, 0.0243, 1.5458, 0.5451, -0.5052, -0.1828, 0.5405,
            1.9351, -0.2696};
    static final double[] W = {0.2546, 1.4725, 0.8736, 0.3635, 1.3889, 1.8766, 0.5729, 1.3342, 0.7367, 1.5352, 1.4999,
            0.5937};
    static final double[] BETA = {0.9000000000000001, -0.25347931668562473, -0.38702021874149345,
            -0.3202944002967758, 0.41343903558925266, -0.30264509986535854};

    static double[] bits(int set, int n) {
        double[] z = new double[n];
        for (int j = 0; j < n; j++) {
            z[j] = (set >> j) & 1;
        }
        return z;
    }

    @Test
    void matchesTheKktSolutionAndHoldsTheConstraintsExactly() {
        int m = MASKS.length;
        double[][] z = new double[m + 2][];
        double[] y = new double[m + 2];
        double[] w = new double[m + 2];
        z[0] = bits(0, 5);
        y[0] = 0.9;
        w[0] = Double.POSITIVE_INFINITY;
        z[1] = bits(31, 5);
        y[1] = 0.05;
        w[1] = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            z[i + 2] = bits(MASKS[i], 5);
            y[i + 2] = Y[i];
            w[i + 2] = W[i];
        }
        SurrogateFit fit = new ConstrainedLeastSquares().fit(z, y, w);
        assertEquals(BETA[0], fit.intercept(), 1e-12);
        assertArrayEquals(new double[] {BETA[1], BETA[2], BETA[3], BETA[4], BETA[5]}, fit.coefficients(), 1e-12);
        assertEquals(0.05, fit.predict(bits(31, 5)), 1e-12);
        assertEquals(0.275500020916131, fit.fidelity().r2w(), 1e-12);
        assertEquals(0.5018539965930537, fit.fidelity().mseW(), 1e-12);
        assertEquals(0.0, fit.ridge());
    }

    @Test
    void withoutExactRowsItIsWeightedLeastSquares() {
        double[][] z = new double[MASKS.length][];
        for (int i = 0; i < z.length; i++) {
            z[i] = bits(MASKS[i], 5);
        }
        SurrogateFit a = new ConstrainedLeastSquares().fit(z, Y, W);
        SurrogateFit b = new WeightedLeastSquares().fit(z, Y, W);
        assertArrayEquals(b.coefficients(), a.coefficients(), 0.0);
        assertEquals(b.intercept(), a.intercept(), 0.0);
    }

    @Test
    void fullEnumerationUnderTheShapleyKernelGivesExactShapleyValues() {
        // KernelSHAP's theorem, checked on the game of ShapleyValuesTest: regression = enumeration.
        List<Mask> masks = new ArrayList<>();
        double[] y = new double[16];
        for (int s = 0; s < 16; s++) {
            boolean[] k = new boolean[4];
            for (int j = 0; j < 4; j++) {
                k[j] = ((s >> j) & 1) == 1;
            }
            masks.add(Mask.of(k));
            y[s] = ShapleyValuesTest.GAME[s];
        }
        double[][] z = masks.stream().map(Mask::asFeatures).toArray(double[][]::new);
        SurrogateFit fit = new ConstrainedLeastSquares().fit(z, y, new ShapleyKernel().weights(masks));
        assertArrayEquals(ShapleyValuesTest.PHI, fit.coefficients(), 1e-12);
        assertEquals(0.8, fit.intercept(), 1e-12);
    }

    @Test
    void tooFewSamplesGetAReportedRidgeAndStillHoldTheConstraints() {
        double[][] z = {bits(0, 4), bits(15, 4), bits(1, 4)};
        double[] y = {1.0, 0.0, 0.4};
        SurrogateFit fit = new ConstrainedLeastSquares().fit(z, y, new double[] {Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, 1.0});
        assertTrue(fit.ridge() > 0);
        assertEquals(1.0, fit.intercept(), 1e-9);
        assertEquals(0.0, fit.predict(bits(15, 4)), 1e-9);
    }

    @Test
    void onlyConstraintsDetermineASingleUnit() {
        SurrogateFit fit = new ConstrainedLeastSquares().fit(new double[][] {{0}, {1}}, new double[] {0.7, 0.0},
                new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY});
        assertArrayEquals(new double[] {-0.7}, fit.coefficients(), 1e-12);
        assertTrue(Double.isNaN(fit.fidelity().r2w()));
    }

    @Test
    void contradictoryExactRowsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ConstrainedLeastSquares().fit(
                new double[][] {{0, 1}, {0, 1}}, new double[] {1, 2},
                new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}));
    }
}
