package org.gsmile.core.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.gsmile.core.model.TokenScores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast transport paths equal the solver as it was ({@link ReferenceTokenWasserstein}) to 1e-9
 * on random problems, and the greedy-start simplex equals the LP optima scipy certified for
 * {@link WassersteinTest}; the real stories260K distributions are compared in the models module
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

    @Test
    void greedyStartReachesTheSameOptimum() {
        SplittableRandom random = new SplittableRandom(3);
        TransportSimplex simplex = new TransportSimplex();
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + random.nextInt(30);
            int m = 1 + random.nextInt(30);
            // Tied masses (uniform, or a few levels) make the greedy start give up and fall back.
            double[] a = normalised(positive(random, n));
            double[] b = normalised(positive(random, m));
            double[][] cost = new double[n][m];
            double[] flat = new double[n * m];
            double[] byColumn = new double[n * m];
            double max = 0;
            boolean integer = random.nextInt(3) == 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    cost[i][j] = integer ? random.nextInt(4) : random.nextDouble();
                    flat[i * m + j] = cost[i][j];
                    byColumn[j * n + i] = cost[i][j];
                    max = Math.max(max, cost[i][j]);
                }
            }
            if (max == 0) {
                continue;
            }
            double expected = ReferenceTokenWasserstein.emd(a, b, cost);
            assertEquals(expected, simplex.solveByColumns(a, n, b, m, byColumn, max), TOL, "trial " + trial);
            assertEquals(expected, simplex.solve(a, n, b, m, flat, max), TOL, "trial " + trial);
        }
    }

    @Test
    void subtreeSetsPivotAsChildListsDo() {
        // Up to 64 nodes the tree is kept as subtree sets; the pivots, and so the bits, are those of the
        // child lists that larger problems use. Sizes up to the limit, ties that make the greedy start fall
        // back, and integer costs with many equal reduced costs.
        SplittableRandom random = new SplittableRandom(5);
        TransportSimplex simplex = new TransportSimplex();
        int atLimit = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + random.nextInt(TransportSimplex.SET_NODES - 1);
            int m = 1 + random.nextInt(TransportSimplex.SET_NODES - n);
            atLimit += n + m == TransportSimplex.SET_NODES ? 1 : 0;
            double[] a = normalised(positive(random, n));
            double[] b = normalised(positive(random, m));
            double[] byColumn = new double[n * m];
            double max = 0;
            boolean integer = random.nextInt(3) == 0;
            for (int k = 0; k < n * m; k++) {
                byColumn[k] = integer ? random.nextInt(4) : random.nextDouble();
                max = Math.max(max, byColumn[k]);
            }
            if (max == 0) {
                continue;
            }
            assertEquals(simplex.solveByColumnsOnChildLists(a, n, b, m, byColumn, max),
                    simplex.solveByColumns(a, n, b, m, byColumn, max), 0.0, "trial " + trial + ", " + n + " x " + m);
        }
        assertTrue(atLimit > 0, "no problem of exactly " + TransportSimplex.SET_NODES + " nodes was drawn");
    }

    /** The greedy start on the LP optima scipy certified (tools/reference/wasserstein.py). */
    @ParameterizedTest
    @MethodSource("org.gsmile.core.distance.WassersteinTest#exactLpCases")
    void greedyStartMatchesTheExactLp(WassersteinTest.EmdCase c) {
        double[] a = c.a();
        double[] b = c.b();
        int[] rows = positiveBins(a);
        int[] cols = positiveBins(b);
        int n = rows.length;
        int m = cols.length;
        double[] supply = new double[n];
        double[] demand = new double[m];
        double sa = 0;
        double sb = 0;
        for (int i : rows) {
            sa += a[i];
        }
        for (int j : cols) {
            sb += b[j];
        }
        for (int i = 0; i < n; i++) {
            supply[i] = a[rows[i]] / sa;
        }
        for (int j = 0; j < m; j++) {
            demand[j] = b[cols[j]] / sb;
        }
        double[] byColumn = new double[n * m];
        double max = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                byColumn[j * n + i] = c.cost()[rows[i]][cols[j]];
                max = Math.max(max, byColumn[j * n + i]);
            }
        }
        double got = max == 0 ? 0 : new TransportSimplex().solveByColumns(supply, n, demand, m, byColumn, max);
        assertEquals(c.expected(), got, TOL);
    }

    static int[] positiveBins(double[] h) {
        return java.util.stream.IntStream.range(0, h.length).filter(i -> h[i] > 0).toArray();
    }

    static double[] positive(SplittableRandom random, int n) {
        double[] h = new double[n];
        int kind = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            h[i] = kind == 0 ? 1.0 : kind == 1 ? 1 + random.nextInt(3) : 0.01 + random.nextDouble();
        }
        return h;
    }

    static double[] normalised(double[] h) {
        double sum = 0;
        for (double x : h) {
            sum += x;
        }
        double[] out = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            out[i] = h[i] / sum;
        }
        return out;
    }

    @Test
    void rankIsTheSortedArraysEntry() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 2000; trial++) {
            int len = 1 + random.nextInt(100);
            int levels = 1 + random.nextInt(8);
            float[] a = new float[len];
            for (int i = 0; i < len; i++) {
                // Few levels half the time, so that ties are the rule.
                a[i] = trial % 2 == 0 ? random.nextInt(levels) : (float) random.nextDouble();
            }
            float[] sorted = a.clone();
            java.util.Arrays.sort(sorted);
            int r = random.nextInt(len);
            assertEquals(sorted[r], TokenWassersteinDistance.rank(a.clone(), len, r), "trial " + trial);
        }
    }

    @Test
    void positionDistanceEqualsTheReferenceOnRandomDistributions() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            int vocab = 2 + random.nextInt(300);
            float[][] embeddings = embeddings(random, vocab, 1 + random.nextInt(16));
            int topK = random.nextInt(4) == 0 ? 1 + random.nextInt(4) : 1 + random.nextInt(48);
            TokenWassersteinDistance fast = new TokenWassersteinDistance(embeddings, topK);
            ReferenceTokenWasserstein reference = new ReferenceTokenWasserstein(embeddings, topK);
            for (int pair = 0; pair < 10; pair++) {
                float[] p = distribution(random, vocab);
                float[] q = random.nextInt(4) == 0 ? nudged(random, p) : distribution(random, vocab);
                assertEquals(reference.positionDistance(p, q), fast.positionDistance(p, q), TOL,
                        "trial " + trial + " pair " + pair + " vocab " + vocab + " top " + topK);
            }
        }
    }

    @Test
    void distanceFromOneOriginalEqualsTheReferenceForEveryPerturbation() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 20; trial++) {
            int vocab = 64 + random.nextInt(512);
            float[][] embeddings = embeddings(random, vocab, 8 + random.nextInt(64));
            TokenWassersteinDistance fast = new TokenWassersteinDistance(embeddings, TokenWassersteinDistance.DEFAULT_TOP_K);
            ReferenceTokenWasserstein reference = new ReferenceTokenWasserstein(embeddings,
                    TokenWassersteinDistance.DEFAULT_TOP_K);
            int length = 1 + random.nextInt(12);
            int[] continuation = random.ints(length, 0, vocab).toArray();
            TokenScores original = scores(random, continuation, vocab, null);
            ToDoubleFunction<TokenScores> fromOriginal = fast.from(original);
            for (int k = 0; k < 30; k++) {
                TokenScores perturbed = k == 0 ? original : scores(random, continuation, vocab, original);
                double expected = reference.distance(original, perturbed);
                assertEquals(expected, fromOriginal.applyAsDouble(perturbed), TOL, "trial " + trial + " k " + k);
                assertEquals(expected, fast.distance(original, perturbed), TOL, "trial " + trial + " k " + k);
            }
        }
    }

    /** Random directions, some rows repeated (cost 0 between different tokens) and some zero. */
    static float[][] embeddings(SplittableRandom random, int vocab, int dim) {
        float[][] e = new float[vocab][dim];
        for (int i = 0; i < vocab; i++) {
            int kind = random.nextInt(20);
            if (kind == 0 && i > 0) {
                e[i] = e[random.nextInt(i)].clone();
            } else if (kind != 1) {
                for (int d = 0; d < dim; d++) {
                    e[i][d] = (float) (random.nextDouble() * 2 - 1);
                }
            }
        }
        return e;
    }

    /**
     * A softmax of random logits at a random temperature (from nearly uniform to nearly one-hot),
     * sometimes rounded to a few levels so that many probabilities tie, sometimes with exact zeros.
     */
    static float[] distribution(SplittableRandom random, int vocab) {
        double temperature = Math.exp(random.nextDouble() * 6 - 3);
        double[] logits = new double[vocab];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            logits[i] = random.nextGaussian() * temperature;
            max = Math.max(max, logits[i]);
        }
        boolean levels = random.nextInt(4) == 0;
        boolean zeros = random.nextInt(4) == 0;
        float[] p = new float[vocab];
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            double x = Math.exp(logits[i] - max);
            if (levels) {
                x = Math.ceil(x * 4) / 4;
            }
            if (zeros && random.nextInt(3) == 0) {
                x = 0;
            }
            p[i] = (float) x;
            sum += x;
        }
        if (sum == 0) {
            p[random.nextInt(vocab)] = 1;
            sum = 1;
        }
        for (int i = 0; i < vocab; i++) {
            p[i] = (float) (p[i] / sum);
        }
        return p;
    }

    /** p with a few entries moved a little (the same support, or nearly) or left exactly equal. */
    static float[] nudged(SplittableRandom random, float[] p) {
        float[] q = p.clone();
        int moves = random.nextInt(4);
        for (int k = 0; k < moves; k++) {
            int i = random.nextInt(q.length);
            q[i] = (float) (q[i] * (0.5 + random.nextDouble()));
        }
        return q;
    }

    /** Teacher-forced scores: independent ones, or those of {@code near} nudged position by position. */
    static TokenScores scores(SplittableRandom random, int[] continuation, int vocab, TokenScores near) {
        float[][] d = new float[continuation.length][];
        for (int t = 0; t < d.length; t++) {
            d[t] = near != null && random.nextBoolean() ? nudged(random, near.distributions()[t])
                    : distribution(random, vocab);
        }
        return new TokenScores(continuation.clone(), new double[continuation.length], d);
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
