package org.gsmile.core.surrogate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TribuoSgdSurrogateTest {

    @Test
    void approachesTheExactFitOnANoiselessLinearTarget() {
        // y = 0.3 + 1.5 z₀ − 0.8 z₁ + 0.2 z₂ exactly; SGD must find it, using the weights.
        SplittableRandom r = new SplittableRandom(3);
        int n = 64;
        double[][] z = new double[n][3];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                z[i][j] = r.nextBoolean() ? 1 : 0;
            }
            y[i] = 0.3 + 1.5 * z[i][0] - 0.8 * z[i][1] + 0.2 * z[i][2];
            w[i] = 0.2 + r.nextDouble();
        }
        SurrogateFit fit = new TribuoSgdSurrogate(7).fit(z, y, w);
        assertArrayEquals(new double[] {1.5, -0.8, 0.2}, fit.coefficients(), 0.02);
        assertEquals(0.3, fit.intercept(), 0.02);
        assertEquals(1.0, fit.fidelity().r2w(), 1e-3);
    }

    @Test
    void sameSeedSameCoefficients() {
        double[][] z = {{1, 0}, {0, 1}, {1, 1}, {0, 1}, {1, 0}};
        double[] y = {1.0, 0.4, 1.3, 0.5, 0.8};
        double[] w = {1, 0.5, 0.7, 0.9, 0.3};
        assertArrayEquals(new TribuoSgdSurrogate(11).fit(z, y, w).coefficients(),
                new TribuoSgdSurrogate(11).fit(z, y, w).coefficients(), 0.0);
    }
}
