package org.gsmile.perturbation;

import java.util.function.Consumer;
import org.gsmile.core.mask.Coalitions;

/** Subset enumeration for the samplers; the binomial coefficients are {@link Coalitions}'. */
final class Combinatorics {
    private Combinatorics() {
    }

    /** {@link Coalitions#choose}. */
    static double choose(int n, int k) {
        return Coalitions.choose(n, k);
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
