package org.gsmile.perturbation;

import java.util.function.Consumer;

/** Binomial coefficients and subset enumeration for the samplers. */
final class Combinatorics {
    private Combinatorics() {
    }

    /** C(n, k) in floating point: exact up to 2⁵³, and finite far beyond any prompt length. */
    static double choose(int n, int k) {
        if (k < 0 || k > n) {
            return 0;
        }
        int m = Math.min(k, n - k);
        double c = 1;
        for (int i = 1; i <= m; i++) {
            c = c * (n - m + i) / i;
        }
        return Math.rint(c) < 9.007199254740992E15 ? Math.rint(c) : c;
    }

    /** ln C(n, k) for k = 0..n, summed in logs so that it stays finite where C(n, k) overflows. */
    static double[] logChooseRow(int n) {
        double[] row = new double[n + 1];
        for (int k = 1; k <= n; k++) {
            row[k] = row[k - 1] + Math.log(n - k + 1) - Math.log(k);
        }
        return row;
    }

    /** Calls {@code action} with every subset of {@code size} of {@code n} units, in lexicographic order. */
    static void forEachSubset(int n, int size, Consumer<boolean[]> action) {
        int[] pos = new int[size];
        for (int i = 0; i < size; i++) {
            pos[i] = i;
        }
        while (true) {
            boolean[] kept = new boolean[n];
            for (int p : pos) {
                kept[p] = true;
            }
            action.accept(kept);
            int i = size - 1;
            while (i >= 0 && pos[i] == n - size + i) {
                i--;
            }
            if (i < 0) {
                return;
            }
            pos[i]++;
            for (int j = i + 1; j < size; j++) {
                pos[j] = pos[j - 1] + 1;
            }
        }
    }
}
