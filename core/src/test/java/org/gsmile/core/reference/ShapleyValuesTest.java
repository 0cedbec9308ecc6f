package org.gsmile.core.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapleyValuesTest {
    /** A 4-unit game, v indexed by the bit set of the coalition; v(∅) = 0.8, v(N) = 0 (python3 tools/reference/kernel_shap.py). */
    static final double[] GAME = {0.8, -2.556, 0.418, -0.568, -0.453, -0.216, -2.02, -0.232, -0.865, 3.323, 0.226,
            -0.353, -0.281, -0.668, -1.055, 0.0};
    /** Shapley values of GAME by the permutation-weighted formula in numpy. */
    static final double[] PHI = {-0.22016666666666668, -0.17466666666666672, -0.5958333333333334, 0.1906666666666666};

    @Test
    void exactMatchesAnIndependentComputation() {
        assertArrayEquals(PHI, ShapleyValues.exact(4, GAME), 1e-12);
    }

    @Test
    void efficiencyAndAdditiveGames() {
        double[] phi = ShapleyValues.exact(4, GAME);
        assertEquals(GAME[15] - GAME[0], phi[0] + phi[1] + phi[2] + phi[3], 1e-12);
        // v(S) = 2·[0∈S] − 3·[2∈S] + 1: an additive game's Shapley values are its coefficients.
        double[] v = new double[8];
        for (int s = 0; s < 8; s++) {
            v[s] = 1 + 2 * (s & 1) - 3 * ((s >> 2) & 1);
        }
        assertArrayEquals(new double[] {2, 0, -3}, ShapleyValues.exact(3, v), 1e-12);
        // Unanimity game of {0, 1}: each member gets half.
        double[] u = new double[8];
        u[3] = 1;
        u[7] = 1;
        assertArrayEquals(new double[] {0.5, 0.5, 0}, ShapleyValues.exact(3, u), 1e-12);
    }

    @Test
    void leaveOneOutIsTheLastMarginal() {
        // v(N) − v(N∖{i}) on GAME: v(15) − v(14), v(15) − v(13), v(15) − v(11), v(15) − v(7).
        assertArrayEquals(new double[] {1.055, 0.668, 0.353, 0.232},
                ShapleyValues.leaveOneOut(GAME[15], new double[] {GAME[14], GAME[13], GAME[11], GAME[7]}), 1e-12);
    }

    @Test
    void rejectsWrongSizes() {
        assertThrows(IllegalArgumentException.class, () -> ShapleyValues.exact(3, new double[7]));
        assertThrows(IllegalArgumentException.class, () -> ShapleyValues.exact(21, new double[0]));
    }
}
