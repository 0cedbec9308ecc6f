package org.gsmile.metrics.stability;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * How much two explanations agree, unit for unit, through an {@link UnitAlignment} of their
 * prompts x and x′. Only magnitudes |θ| enter, so either sign convention gives the same numbers;
 * callers still read scores through {@code org.gsmile.metrics.Scores}, as every metric does.
 * Both measures are 1 for identical scores over identical units, and 0/0 (nothing to compare) is
 * taken as 1: two explanations that both find nothing agree.
 */
public final class SetSimilarity {
    private SetSimilarity() {
    }

    /**
     * The Jaccard index of the two top-k sets, |A ∩ B| / |A ∪ B|: A the min(k, n) units of x of
     * largest |aᵢ|, B the min(k, n′) units of x′ of largest |bⱼ| (ties by prompt order), a unit of
     * x′ standing for its counterpart in x, and a unit of x′ without one (an inserted word)
     * counting as an element of its own, so a neutral word that rises into the top k lowers the
     * score. In [0, 1]; 1 when both sets are empty.
     *
     * @param a scores of the units of x (any sign convention: only |aᵢ| is used)
     * @param b scores of the units of x′
     */
    public static double topKJaccard(double[] a, double[] b, UnitAlignment alignment, int k) {
        check(a, b, alignment);
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        Set<Integer> setA = new HashSet<>();
        for (int i : topK(a, k)) {
            setA.add(i);
        }
        Set<Integer> setB = new HashSet<>();
        for (int j : topK(b, k)) {
            int i = alignment.source(j);
            setB.add(i >= 0 ? i : -1 - j);
        }
        Set<Integer> union = new HashSet<>(setA);
        union.addAll(setB);
        if (union.isEmpty()) {
            return 1.0;
        }
        setA.retainAll(setB);
        return (double) setA.size() / union.size();
    }

    /** {@link #topKJaccard(double[], double[], UnitAlignment, int)} of two explanations of the same units. */
    public static double topKJaccard(double[] a, double[] b, int k) {
        return topKJaccard(a, b, UnitAlignment.identity(a.length), k);
    }

    /**
     * The Ruzicka similarity (weighted Jaccard) of the magnitudes, Σ min(|aᵢ|, |bⱼ|) / Σ max(|aᵢ|, |bⱼ|)
     * over the union of units: a matched pair (i, j) contributes min and max of its two
     * magnitudes, an unmatched unit of either prompt 0 to the sum of minima and its own magnitude
     * to the sum of maxima. In [0, 1]; 1 when every magnitude is 0 on both sides (0/0). Unlike the
     * top-k Jaccard it sees every unit and how much the magnitudes moved, not only the top set.
     */
    public static double ruzicka(double[] a, double[] b, UnitAlignment alignment) {
        check(a, b, alignment);
        double min = 0;
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            int j = alignment.counterpart(i);
            double x = Math.abs(a[i]);
            double y = j >= 0 ? Math.abs(b[j]) : 0.0;
            min += Math.min(x, y);
            max += Math.max(x, y);
        }
        for (int j = 0; j < b.length; j++) {
            if (alignment.source(j) < 0) {
                max += Math.abs(b[j]);
            }
        }
        return max == 0 ? 1.0 : min / max;
    }

    /** {@link #ruzicka(double[], double[], UnitAlignment)} of two explanations of the same units. */
    public static double ruzicka(double[] a, double[] b) {
        return ruzicka(a, b, UnitAlignment.identity(a.length));
    }

    /**
     * The indices of the min(k, n) largest |sᵢ|, largest first, ties in prompt order (as
     * {@code Attribution.ranking()} orders them). Package-private: the one ranking utility the
     * stability metric needs.
     */
    static int[] topK(double[] s, int k) {
        return IntStream.range(0, s.length).boxed()
                .sorted((i, j) -> Double.compare(Math.abs(s[j]), Math.abs(s[i])))
                .limit(Math.min(k, s.length)).mapToInt(Integer::intValue).toArray();
    }

    private static void check(double[] a, double[] b, UnitAlignment alignment) {
        if (a.length != alignment.sizeX() || b.length != alignment.sizePrime()) {
            throw new IllegalArgumentException(a.length + " and " + b.length + " scores for an alignment of "
                    + alignment.sizeX() + " and " + alignment.sizePrime() + " units");
        }
    }
}
