package org.gsmile.core.distance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The radix sort orders exactly as Arrays.sort does, short and long, with ties, zeros and subnormals. */
class NonNegativeFloatSortTest {

    @Test
    void sortsAsArraysSortDoes() {
        SplittableRandom random = new SplittableRandom(17);
        for (int trial = 0; trial < 300; trial++) {
            int n = trial % 3 == 0 ? random.nextInt(300) : 256 + random.nextInt(9000);
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(10);
                a[i] = kind == 0 ? 0f : kind == 1 ? 1f : kind == 2 ? Float.MIN_VALUE * random.nextInt(1000)
                        : kind == 3 ? random.nextInt(256) / 255f : kind == 4 ? (float) (random.nextDouble() * 1e6)
                        : (float) random.nextDouble();
            }
            float[] expected = a.clone();
            Arrays.sort(expected);
            NonNegativeFloatSort.sort(a);
            assertArrayEquals(expected, a, "trial " + trial + ", " + n + " values");
        }
    }

    @Test
    void takesNegativeZeroAsZero() {
        float[] a = new float[1000];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 2 == 0 ? -0f : (a.length - i) / 1000f;
        }
        NonNegativeFloatSort.sort(a);
        for (int i = 0; i < 500; i++) {
            assertArrayEquals(new float[] {0f}, new float[] {a[i]});
        }
        for (int i = 1; i < a.length; i++) {
            assertArrayEquals(new float[] {Math.max(a[i - 1], a[i])}, new float[] {a[i]}, "ascending at " + i);
        }
    }
}
