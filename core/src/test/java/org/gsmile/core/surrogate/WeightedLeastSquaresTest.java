package org.gsmile.core.surrogate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WeightedLeastSquaresTest {
    // Reference values: numpy.linalg.solve(XᵀWX, XᵀWy) with X = [1 Z], seed 7: python3 tools/reference/weighted_least_squares.py.
    static final double[][] Z = {{0.0, 0.0, 0.0, 1.0}, {1.0, 0.0, 1.0, 0.0}, {0.0, 1.0, 1.0, 1.0}, {1.0, 1.0, 0.0, 0.0},
            {0.0, 0.0, 0.0, 0.0}, {1.0, 1.0, 0.0, 1.0}, {1.0, 0.0, 1.0, 0.0}, {0.0, 0.0, 1.0, 1.0}, {1.0, 1.0, 0.0, 1.0},
            {1.0, 1.0, 0.0, 1.0}, {1.0, 0.0, 0.0, 0.0}, {0.0, 0.0, 1.0, 0.0}};
    static final double[] Y = {0.11935402569658124, -0.6414703941072214, 2.000416546342423, 0.7622597120847118,
            -1.1992889021052233, 0.07451622877146342, 0.5766895836701853, -0.1887821253507493, 0.682910267195206,
            -0.06651732014941557, 0.6672475608343279, 1.438522591656152};
    static final double[] W = {0.7050562538298513, 0.7379965807883322, 0.7764502438127883, 0.2507880191683687,
            0.5403134671881875, 0.3395639618295233, 0.5024982981039816, 0.19670409393174562, 1.0678280510488214,
            0.31500403735588, 0.7717651626112849, 0.40042008147907027};
    static final double[] BETA = {-0.0005515906516185592, -0.3708482085415226, 1.0809799818684178,
            0.6218760156612354, -0.09761181598968624};

    @Test
    void matchesNumpyNormalEquations() {
        SurrogateFit fit = new WeightedLeastSquares().fit(Z, Y, W);
        assertEquals(BETA[0], fit.intercept(), 1e-12);
        assertArrayEquals(new double[] {BETA[1], BETA[2], BETA[3], BETA[4]}, fit.coefficients(), 1e-12);
        assertEquals(0.39790539991448914, fit.fidelity().r2w(), 1e-12);
        assertEquals(0.05385134272276859, fit.fidelity().r2wAdjusted(), 1e-12);
        assertEquals(0.45741745908991305, fit.fidelity().mseW(), 1e-12);
        assertEquals(0.0, fit.ridge());
    }

    @Test
    void recoversExactLinearFunction() {
        // y = 2 − 3 z₀ + 0.5 z₁, worked by hand: any weights give a perfect fit.
        double[][] z = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {1, 0}};
        double[] y = {2, -1, 2.5, -0.5, -1};
        SurrogateFit fit = new WeightedLeastSquares().fit(z, y, new double[] {1, 0.2, 3, 0.7, 0.1});
        assertEquals(2.0, fit.intercept(), 1e-12);
        assertArrayEquals(new double[] {-3.0, 0.5}, fit.coefficients(), 1e-12);
        assertEquals(1.0, fit.fidelity().r2w(), 1e-12);
        assertEquals(0.0, fit.fidelity().mseW(), 1e-20);
    }

    @Test
    void weightsChangeTheFit() {
        // Two samples at z=1 disagree; the weighted mean decides: (1·1 + 3·5)/4 = 4.
        double[][] z = {{0}, {1}, {1}};
        double[] y = {0, 1, 5};
        SurrogateFit fit = new WeightedLeastSquares().fit(z, y, new double[] {1, 1, 3});
        assertEquals(0.0, fit.intercept(), 1e-12);
        assertEquals(4.0, fit.coefficients()[0], 1e-12);
    }

    @Test
    void rankDeficientDesignGetsReportedRidge() {
        // Unit 1 is kept in every sample: it is indistinguishable from the intercept.
        double[][] z = {{0, 1}, {1, 1}, {0, 1}, {1, 1}};
        double[] y = {1, 3, 1, 3};
        SurrogateFit fit = new WeightedLeastSquares().fit(z, y, new double[] {1, 1, 1, 1});
        assertTrue(fit.ridge() > 0);
        assertEquals(2.0, fit.coefficients()[0], 1e-6);
        // The ridge penalises θ, not θ₀: a unit the data never varied gets no credit.
        assertEquals(1.0, fit.intercept(), 1e-6);
        assertEquals(0.0, fit.coefficients()[1], 1e-6);
        assertEquals(1.0, fit.fidelity().r2w(), 1e-9);
    }

    @Test
    void constantTargetFollowsScikitLearnConvention() {
        double[][] z = {{0}, {1}, {1}};
        SurrogateFit fit = new WeightedLeastSquares().fit(z, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        assertEquals(1.0, fit.fidelity().r2w());
        assertEquals(0.0, fit.coefficients()[0], 1e-15);
    }

    @Test
    void rejectsBadInput() {
        WeightedLeastSquares wls = new WeightedLeastSquares();
        assertThrows(IllegalArgumentException.class, () -> wls.fit(new double[][] {{1}}, new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> wls.fit(new double[][] {{1}}, new double[] {1}, new double[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> wls.fit(new double[][] {{1}}, new double[] {Double.NaN}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> wls.fit(new double[][] {{1}}, new double[] {1}, new double[] {0}));
    }
}
