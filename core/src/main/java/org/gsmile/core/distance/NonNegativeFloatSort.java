package org.gsmile.core.distance;

import java.util.Arrays;

/**
 * Sorts non-negative floats (pixel values) by their bits, a least-significant-digit radix sort in
 * three passes of 11 bits: for a non-negative float the raw bits, read as an int, order as the
 * value does. The JDK has no radix sort and its quicksort was most of an image explanation's time
 * outside the model (three 4096-value channels per edited image); this takes a fifth of its time
 * at that size. Short arrays go to {@link Arrays#sort(float[])}. The result holds the same values
 * in ascending order ({@code -0.0} is taken as {@code 0.0}, which it equals).
 */
final class NonNegativeFloatSort {
    private static final int BITS = 11;
    private static final int BUCKETS = 1 << BITS;
    private static final int MASK = BUCKETS - 1;
    /** Below this the counting arrays cost more than the sort saves. */
    private static final int MIN_LENGTH = 256;

    private NonNegativeFloatSort() {
    }

    /** Sorts a in place; every value must be non-negative (or -0.0) and not NaN. */
    static void sort(float[] a) {
        int n = a.length;
        if (n < MIN_LENGTH) {
            Arrays.sort(a);
            return;
        }
        int[] keys = new int[n];
        for (int i = 0; i < n; i++) {
            // Clearing the sign bit maps -0.0 to 0.0 and leaves every other non-negative value as it is.
            keys[i] = Float.floatToRawIntBits(a[i]) & 0x7fffffff;
        }
        int[] other = new int[n];
        int[] count = new int[BUCKETS];
        // 31 value bits in three passes of 11 (the last pass sees the top 9).
        for (int shift = 0; shift < 31; shift += BITS) {
            Arrays.fill(count, 0);
            for (int k : keys) {
                count[(k >>> shift) & MASK]++;
            }
            int sum = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int c = count[b];
                count[b] = sum;
                sum += c;
            }
            for (int k : keys) {
                other[count[(k >>> shift) & MASK]++] = k;
            }
            int[] t = keys;
            keys = other;
            other = t;
        }
        for (int i = 0; i < n; i++) {
            a[i] = Float.intBitsToFloat(keys[i]);
        }
    }
}
