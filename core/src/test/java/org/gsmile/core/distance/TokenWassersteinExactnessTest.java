package org.gsmile.core.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast transport paths equal the solver as it was ({@link ReferenceTokenWasserstein}) to 1e-9
 * on random problems; the real stories260K distributions are compared in the models module
 * ({@code TokenWassersteinOnStories260KTest}).
 */
class TokenWassersteinExactnessTest {
    static final double TOL = 1e-9;

    @Test
    void emdSolvesThroughTheSamePivotsAsBefore() {
        SplittableRandom random = new SplittableRandom(20240917);
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + random.nextInt(40);
            int m = 1 + random.nextInt(40);
            double[] a = histogram(random, n);
            double[] b = histogram(random, m);
            double[][] cost = new double[n][m];
            boolean integer = random.nextBoolean();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    cost[i][j] = integer ? random.nextInt(4) : random.nextDouble();
                }
            }
            // The same pivots on the same numbers: the same bits, not merely the same optimum.
            assertEquals(ReferenceTokenWasserstein.emd(a, b, cost), Wasserstein.emd(a, b, cost), 0.0,
                    "trial " + trial);
        }
    }

    /** Masses with some zeros and, half the time, many ties. */
    static double[] histogram(SplittableRandom random, int n) {
        double[] h = new double[n];
        boolean ties = random.nextBoolean();
        for (int i = 0; i < n; i++) {
            h[i] = random.nextInt(5) == 0 ? 0.0 : ties ? 1 + random.nextInt(2) : random.nextDouble();
        }
        h[random.nextInt(n)] = 1.0;
        return h;
    }
}
