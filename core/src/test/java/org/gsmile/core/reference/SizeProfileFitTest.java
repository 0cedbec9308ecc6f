package org.gsmile.core.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.gsmile.core.surrogate.SurrogateFit;
import org.junit.jupiter.api.Test;

class SizeProfileFitTest {
    static final int N = 6;
    /** Sizes 1 and 5 whole, three masks of size 3 and two of size 2 (as bit sets, bit i = unit i kept). */
    static final int[] PARTIAL = {0b000111, 0b101010, 0b110100, 0b010001, 0b100100};
    // python3 tools/reference/shapley_estimators.py: the penalised least squares written out densely (numpy lstsq).
    static final double[] PHI = {0.6579971221555334, 0.8098092106140271, -0.11481583112787824, 0.13965363913091844,
            0.8335927523193578, 0.2935985987219756};

    /** Ten units, sizes 1 and 9 whole, six masks of size 3 and five of size 5: five free sizes without samples. */
    static final int[] PARTIAL_LONG = {0b0000000111, 0b0000111000, 0b0111000000, 0b1000000011, 0b0100100100,
            0b0010010010, 0b0000011111, 0b1111100000, 0b1010101010, 0b0101010101, 0b1100110010};
    static final double[] PHI_LONG = {0.543959912186647, 0.16199253471182928, 0.48504792310309025,
            0.12146319301762393, 0.3258037295992818, 0.04012053023176321, 0.4323389827743797, 0.04067697814330712,
            0.7884546722302324, 0.905804136896533};

    /**
     * Eight units and no size whole, as in a bootstrap resample: ten masks at each of sizes 3, 4 and 6 (one
     * repeated), enough to see every unit, so the chain of free sizes starts and ends with sizes without
     * samples and two sampled sizes are neighbours.
     */
    static final int[] PARTIAL_FREE = {0b10001100, 0b01010001, 0b01011000, 0b00010110, 0b10101000, 0b10100100,
            0b10110000, 0b01010100, 0b01100010, 0b00001011, 0b10101100, 0b01110001, 0b00101011, 0b01010101,
            0b11000011, 0b10011010, 0b11001100, 0b00111100, 0b00011101, 0b11000101, 0b11001111, 0b11101110,
            0b11110110, 0b10011111, 0b10101111, 0b11110101, 0b10111110, 0b11110011, 0b11011110, 0b01111110,
            0b00010110};
    static final double[] PHI_FREE = {0.12584041463628398, 0.44367484158684334, 0.06835484465270228,
            0.6334124622382695, 0.1327049438166909, 0.3619932908188713, 0.4324670043579734, 0.10711679754886072};
    /** Sizes 1 and 5 of six whole and nothing else: free sizes without a single sample. */
    static final double[] PHI_NONE = {0.6877899763033912, 0.8207794915663316, -0.16646505648246662,
            0.15606696521043356, 0.8578583706421252, 0.263805744574119};

    /** The game of the reference script: sin(1.3·bits + 0.7)·(1 + |S|)/6 + 0.05·|S|². */
    static double game(int bits) {
        return game(bits, N);
    }

    static double game(int bits, int n) {
        int k = Integer.bitCount(bits);
        return Math.sin(1.3 * bits + 0.7) * (1 + k) / n + 0.05 * k * k;
    }

    /** Rows z, values y and weights of the given coalitions, the empty and the full one first at +∞. */
    record Rows(double[][] z, double[] y, double[] w) {
        static Rows of(int n, List<Integer> sets, java.util.function.IntToDoubleFunction v) {
            List<Integer> all = new ArrayList<>(List.of(0, (1 << n) - 1));
            all.addAll(sets);
            double[][] z = new double[all.size()][n];
            double[] y = new double[all.size()];
            double[] w = new double[all.size()];
            for (int r = 0; r < all.size(); r++) {
                for (int i = 0; i < n; i++) {
                    z[r][i] = (all.get(r) >> i) & 1;
                }
                y[r] = v.applyAsDouble(all.get(r));
                w[r] = r < 2 ? Double.POSITIVE_INFINITY : 1;
            }
            return new Rows(z, y, w);
        }
    }

    static List<Integer> design() {
        return design(N, PARTIAL);
    }

    static List<Integer> design(int n, int[] partial) {
        List<Integer> sets = new ArrayList<>();
        for (int b = 1; b < (1 << n) - 1; b++) {
            if (Integer.bitCount(b) == 1 || Integer.bitCount(b) == n - 1) {
                sets.add(b);
            }
        }
        for (int b : partial) {
            sets.add(b);
        }
        return sets;
    }

    @Test
    void matchesTheDenseSolutionOfThePenalisedProblem() {
        Rows r = Rows.of(N, design(), SizeProfileFitTest::game);
        SurrogateFit fit = new SizeProfileFit(3.0).fit(r.z(), r.y(), r.w());
        assertArrayEquals(PHI, fit.coefficients(), 1e-10);
        assertEquals(game(0), fit.intercept());
        assertEquals(game((1 << N) - 1) - game(0), Arrays.stream(fit.coefficients()).sum(), 1e-12);
    }

    @Test
    void matchesTheDenseSolutionWhereMostFreeSizesHaveNoSamples() {
        Rows r = Rows.of(10, design(10, PARTIAL_LONG), b -> game(b, 10));
        SurrogateFit fit = new SizeProfileFit(3.0).fit(r.z(), r.y(), r.w());
        assertArrayEquals(PHI_LONG, fit.coefficients(), 1e-10);
    }

    @Test
    void matchesTheDenseSolutionWithNoSizeWhole() {
        List<Integer> sets = new ArrayList<>();
        for (int b : PARTIAL_FREE) {
            sets.add(b);
        }
        Rows r = Rows.of(8, sets, b -> game(b, 8));
        assertArrayEquals(PHI_FREE, new SizeProfileFit().fit(r.z(), r.y(), r.w()).coefficients(), 1e-10);
    }

    @Test
    void matchesTheDenseSolutionWithNoSampleInTheFreeSizes() {
        Rows r = Rows.of(N, design(N, new int[0]), SizeProfileFitTest::game);
        assertArrayEquals(PHI_NONE, new SizeProfileFit().fit(r.z(), r.y(), r.w()).coefficients(), 1e-10);
    }

    @Test
    void everySizeWholeGivesTheExactShapleyValues() {
        SplittableRandom random = new SplittableRandom(4);
        int n = 7;
        double[] v = new double[1 << n];
        for (int s = 1; s < v.length; s++) {
            v[s] = random.nextDouble(-1, 1) + 0.1 * Integer.bitCount(s);
        }
        List<Integer> sets = new ArrayList<>();
        for (int b = 1; b < (1 << n) - 1; b++) {
            sets.add(b);
        }
        Rows r = Rows.of(n, sets, b -> v[b]);
        for (double lambda : new double[] {0.1, 3, 1000}) {
            assertArrayEquals(ShapleyValues.exact(n, v), new SizeProfileFit(lambda).fit(r.z(), r.y(), r.w())
                    .coefficients(), 1e-12);
        }
    }

    @Test
    void theInverseFromTheCholeskyFactorInvertsTheMatrix() {
        SplittableRandom random = new SplittableRandom(4);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(20);
            // A = BᵀB + I: symmetric positive definite.
            double[][] b = new double[n][n];
            for (double[] row : b) {
                for (int j = 0; j < n; j++) {
                    row[j] = random.nextDouble() * 2 - 1;
                }
            }
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < n; k++) {
                        a[i][j] += b[k][i] * b[k][j];
                    }
                }
                a[i][i] += 1;
            }
            double[][] inv = SizeProfileFit.inverse(SizeProfileFit.cholesky(a, n), n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int k = 0; k < n; k++) {
                        s += a[i][k] * inv[k][j];
                    }
                    assertEquals(i == j ? 1.0 : 0.0, s, 1e-10, "trial " + trial + " (" + i + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void anAdditiveGameIsRecoveredFromAnyDesign() {
        // v(S) = 0.3 + Σ_{i∈S} a_i: D_{i,k} = n/(n−1)·(a_i − ā) at every size, which every within-size model fits exactly.
        double[] a = {0.5, -0.2, 0.1, 0.9, -0.4, 0.0, 0.3, -0.7};
        int n = a.length;
        SplittableRandom random = new SplittableRandom(9);
        List<Integer> sets = new ArrayList<>();
        while (sets.size() < 30) {
            int b = random.nextInt(1, (1 << n) - 1);
            if (!sets.contains(b)) {
                sets.add(b);
            }
        }
        Rows r = Rows.of(n, sets, b -> {
            double s = 0.3;
            for (int i = 0; i < n; i++) {
                s += ((b >> i) & 1) * a[i];
            }
            return s;
        });
        assertArrayEquals(a, new SizeProfileFit().fit(r.z(), r.y(), r.w()).coefficients(), 1e-7);
        // The scores alone (what a bootstrap refit asks for) are the full fit's, to the bit.
        assertArrayEquals(new SizeProfileFit().fit(r.z(), r.y(), r.w()).coefficients(),
                new SizeProfileFit().coefficients(r.z(), r.y(), r.w()), 0.0);
    }

    @Test
    void scoresScaleWithTheGameAndDuplicatesDoNotBreakIt() {
        List<Integer> sets = new ArrayList<>(design());
        sets.add(PARTIAL[0]);
        sets.add(PARTIAL[0]);
        Rows r = Rows.of(N, sets, SizeProfileFitTest::game);
        Rows tenfold = Rows.of(N, sets, b -> 10 * game(b));
        double[] one = new SizeProfileFit().fit(r.z(), r.y(), r.w()).coefficients();
        double[] ten = new SizeProfileFit().fit(tenfold.z(), tenfold.y(), tenfold.w()).coefficients();
        for (int i = 0; i < N; i++) {
            assertEquals(10 * one[i], ten[i], 1e-10);
        }
    }

    @Test
    void withoutTheAnchorsItIsTheConstrainedRegression() {
        Rows r = Rows.of(N, design(), SizeProfileFitTest::game);
        double[][] z = Arrays.copyOfRange(r.z(), 1, r.z().length);
        double[] y = Arrays.copyOfRange(r.y(), 1, r.y().length);
        double[] w = Arrays.copyOfRange(r.w(), 1, r.w().length);
        assertArrayEquals(new ConstrainedLeastSquares().fit(z, y, w).coefficients(),
                new SizeProfileFit().fit(z, y, w).coefficients(), 0);
    }

    @Test
    void aLongPromptIsSolvedExactlyForAnAdditiveGameWithASizeEffect() {
        int n = 60;
        SplittableRandom random = new SplittableRandom(1);
        double[] a = random.doubles(n, -1, 1).toArray();
        List<double[]> rows = new ArrayList<>();
        rows.add(new double[n]);
        double[] full = new double[n];
        Arrays.fill(full, 1);
        rows.add(full);
        for (int i = 0; i < n; i++) {
            double[] one = new double[n];
            one[i] = 1;
            rows.add(one);
            double[] loo = full.clone();
            loo[i] = 0;
            rows.add(loo);
        }
        for (int j = 0; j < 40; j++) {
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = random.nextInt(4) == 0 ? 1 : 0;
            }
            rows.add(z);
        }
        double[][] z = rows.toArray(double[][]::new);
        double[] y = new double[z.length];
        double[] w = new double[z.length];
        for (int r = 0; r < z.length; r++) {
            double s = 0;
            int k = 0;
            for (int i = 0; i < n; i++) {
                s += z[r][i] * a[i];
                k += (int) z[r][i];
            }
            y[r] = s + Math.sqrt(k);
            w[r] = r < 2 ? Double.POSITIVE_INFINITY : 1;
        }
        SurrogateFit fit = new SizeProfileFit().fit(z, y, w);
        assertEquals(y[1] - y[0], Arrays.stream(fit.coefficients()).sum(), 1e-9);
        // A size effect (√k) moves every marginal contribution alike: φᵢ = aᵢ + √n/n.
        for (int i = 0; i < n; i++) {
            assertEquals(a[i] + Math.sqrt(n) / n, fit.coefficients()[i], 1e-6);
        }
    }
}
