package org.gsmile.core.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Reference values from {@code tools/reference/coalitions.py} (scipy.special.comb with exact=True,
 * rounded once to a double; kernel weights as exact fractions rounded once).
 */
class CoalitionsTest {

    @Test
    void chooseIsTheCorrectlyRoundedBinomialWhereItIsExact() {
        assertEquals(1.0, Coalitions.choose(0, 0));
        assertEquals(1.0, Coalitions.choose(7, 0));
        assertEquals(1.0, Coalitions.choose(1, 1));
        assertEquals(252.0, Coalitions.choose(10, 5));
        assertEquals(77520.0, Coalitions.choose(20, 7));
        assertEquals(155117520.0, Coalitions.choose(30, 15));
        assertEquals(137846528820.0, Coalitions.choose(40, 20));
        assertEquals(1313400.0, Coalitions.choose(200, 3));
        // Exact below 67 units even past 2^53, where scipy's own float (exact=False) is not.
        assertEquals(4355031703297275.0, Coalitions.choose(56, 24));
        assertEquals(1.1826458156486142e+17, Coalitions.choose(60, 30));
        assertEquals(7.219428434016266e+18, Coalitions.choose(66, 33));
    }

    @Test
    void chooseIsCloseToTheBinomialWhereADoubleCannotHoldIt() {
        assertEquals(9364899127970100.0, Coalitions.choose(67, 18), 9364899127970100.0 * 1e-14);
        assertEquals(1.008913445455642e+29, Coalitions.choose(100, 50), 1.008913445455642e+29 * 1e-14);
        assertEquals(2.7028824094543655e+299, Coalitions.choose(1000, 500), 2.7028824094543655e+299 * 1e-13);
        assertEquals(1.429820686498904e+308, Coalitions.choose(1029, 514), 1.429820686498904e+308 * 1e-13);
        assertEquals(Double.POSITIVE_INFINITY, Coalitions.choose(1100, 550));
    }

    @Test
    void chooseIsZeroOutsideTheRow() {
        assertEquals(0.0, Coalitions.choose(3, 4));
        assertEquals(0.0, Coalitions.choose(3, -1));
        assertEquals(0.0, Coalitions.choose(-1, 0));
    }

    @Test
    void logChooseRowMatchesTheLogOfTheExactBinomial() {
        assertArrayEquals(new double[] {0.0, 0.0}, Coalitions.logChooseRow(1));
        assertArrayEquals(new double[] {0.0}, Coalitions.logChooseRow(0));
        double[][] expected = {
                // n, k, ln C(n, k)
                {5, 1, 1.6094379124341003}, {5, 2, 2.302585092994046}, {5, 4, 1.6094379124341003}, {5, 5, 0.0},
                {30, 1, 3.4011973816621555}, {30, 10, 17.218207315001163}, {30, 15, 18.85969358114838},
                {30, 29, 3.4011973816621555}, {30, 30, 0.0},
                {100, 1, 4.605170185988092}, {100, 33, 60.94797442402775}, {100, 50, 66.78384165201743},
                {100, 99, 4.605170185988092}, {100, 100, 0.0},
                {400, 1, 5.991464547107982}, {400, 133, 251.2112575022091}, {400, 200, 274.03672359843046},
                {400, 399, 5.991464547107982}, {400, 400, 0.0},
                {1100, 550, 758.7343472612058},
        };
        for (double[] e : expected) {
            double[] row = Coalitions.logChooseRow((int) e[0]);
            assertEquals(e[2], row[(int) e[1]], 1e-12 * Math.max(1, e[2]), "ln C(" + e[0] + ", " + e[1] + ")");
        }
    }

    @Test
    void shapleyKernelWeightsMatchTheExactFractions() {
        double[][] expected = {
                // n, s, π(s), (n−1)/(s(n−s)), ln π(s)
                {2, 1, 0.5, 1.0, -0.6931471805599453},
                {3, 1, 0.3333333333333333, 1.0, -1.0986122886681098},
                {6, 2, 0.041666666666666664, 0.625, -3.1780538303479453},
                {10, 5, 0.0014285714285714286, 0.36, -6.551080335043404},
                {14, 7, 7.730364873222017e-05, 0.2653061224489796, -9.467769401256943},
                {20, 1, 0.05, 1.0, -2.995732273553991},
                {20, 10, 1.0283833813245578e-06, 0.19, -13.787522521424108},
                {64, 32, 3.357122506765412e-20, 0.0615234375, -44.84061764961905},
                {100, 50, 3.9250145964816624e-31, 0.0396, -70.01276781273913},
        };
        for (double[] e : expected) {
            int n = (int) e[0];
            int s = (int) e[1];
            String what = "n=" + n + ", s=" + s;
            assertEquals(e[2], Coalitions.shapleyKernelWeight(n, s), Math.abs(e[2]) * 1e-14, what);
            assertEquals(e[3], Coalitions.stratumWeight(n, s), Math.abs(e[3]) * 1e-15, what);
            assertEquals(e[4], Coalitions.logShapleyKernelWeight(n, s), Math.abs(e[4]) * 1e-13, what);
            // One stratum weighs C(n, s) coalitions' worth.
            assertEquals(Coalitions.stratumWeight(n, s), Coalitions.choose(n, s) * Coalitions.shapleyKernelWeight(n, s),
                    Coalitions.stratumWeight(n, s) * 1e-14, what);
        }
    }

    @Test
    void theEmptyAndTheFullCoalitionAreConstraints() {
        assertEquals(Double.POSITIVE_INFINITY, Coalitions.shapleyKernelWeight(6, 0));
        assertEquals(Double.POSITIVE_INFINITY, Coalitions.shapleyKernelWeight(6, 6));
        assertEquals(Double.POSITIVE_INFINITY, Coalitions.stratumWeight(6, 0));
        assertEquals(Double.POSITIVE_INFINITY, Coalitions.stratumWeight(6, 6));
        assertEquals(Double.NEGATIVE_INFINITY, Coalitions.logShapleyKernelWeight(6, 0));
        assertEquals(Double.NEGATIVE_INFINITY, Coalitions.logShapleyKernelWeight(6, 6));
        assertEquals(Double.POSITIVE_INFINITY, Coalitions.shapleyKernelWeight(1, 1));
    }

    @Test
    void bitsAndMasksRoundTrip() {
        assertEquals(Mask.of(true, false, true, true), Coalitions.fromBits(0b1101, 4));
        assertEquals(0b1101L, Coalitions.toBits(Mask.of(true, false, true, true)));
        assertEquals(Mask.of(new boolean[3]), Coalitions.fromBits(0, 3));
        assertEquals(Mask.allKept(5), Coalitions.fromBits(31, 5));
        assertEquals(Mask.of(), Coalitions.fromBits(0, 0));
        for (long set = 0; set < 1 << 6; set++) {
            assertEquals(set, Coalitions.toBits(Coalitions.fromBits(set, 6)));
            assertEquals(Long.bitCount(set), Coalitions.fromBits(set, 6).keptCount());
        }
        assertEquals(-1L, Coalitions.toBits(Mask.allKept(64)));
        assertEquals(Mask.allKept(64), Coalitions.fromBits(-1L, 64));
        assertEquals(1L << 63, Coalitions.toBits(Coalitions.fromBits(1L << 63, 64)));
    }

    @Test
    void bitSetsHoldAtMost64Units() {
        assertThrows(IllegalArgumentException.class, () -> Coalitions.fromBits(0, 65));
        assertThrows(IllegalArgumentException.class, () -> Coalitions.fromBits(0, -1));
        assertThrows(IllegalArgumentException.class, () -> Coalitions.fromBits(0b1000, 3));
        assertThrows(IllegalArgumentException.class, () -> Coalitions.toBits(Mask.allKept(65)));
    }
}
