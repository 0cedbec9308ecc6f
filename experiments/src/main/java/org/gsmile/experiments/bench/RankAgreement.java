package org.gsmile.experiments.bench;

import java.util.Arrays;

/** How far two attributions agree: Spearman's rank correlation and the Jaccard index of top-k sets. */
public final class RankAgreement {
    private RankAgreement() {
    }

    /** Spearman's ρ: Pearson's correlation of the ranks, ties given their average rank (scipy's convention). */
    public static double spearman(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("Spearman needs two vectors of the same length of at least 2");
        }
        return pearson(ranks(a), ranks(b));
    }

    /** |A ∩ B| / |A ∪ B| of two index sets. */
    public static double jaccard(int[] a, int[] b) {
        long inter = Arrays.stream(a).filter(x -> Arrays.stream(b).anyMatch(y -> y == x)).count();
        long union = a.length + b.length - inter;
        return union == 0 ? 1.0 : (double) inter / union;
    }

    static double[] ranks(double[] x) {
        Integer[] idx = new Integer[x.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (i, j) -> Double.compare(x[i], x[j]));
        double[] r = new double[x.length];
        int i = 0;
        while (i < idx.length) {
            int j = i;
            while (j + 1 < idx.length && x[idx[j + 1]] == x[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = rank;
            }
            i = j + 1;
        }
        return r;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }
}
