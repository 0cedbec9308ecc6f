package org.gsmile.metrics.faithfulness;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** The orders in which the faithfulness curves remove units. Package-private. */
final class Rankings {
    private Rankings() {
    }

    /**
     * Unit indices by key, largest first, ties in prompt order; a NaN key (a shift that could not
     * be observed) ranks last, since nothing says the unit matters.
     */
    static int[] descending(double[] key) {
        return IntStream.range(0, key.length).boxed()
                .sorted((i, j) -> Double.compare(orLowest(key[j]), orLowest(key[i])))
                .mapToInt(Integer::intValue).toArray();
    }

    /** A uniform random permutation of 0..n−1 (Fisher–Yates). */
    static int[] random(int n, SplittableRandom random) {
        int[] p = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static double orLowest(double x) {
        return Double.isNaN(x) ? Double.NEGATIVE_INFINITY : x;
    }
}
