package org.gsmile.metrics.stability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gsmile.core.unit.Unit;

/**
 * Which unit of a changed prompt x′ is which unit of the prompt x: a one-to-one, order-keeping
 * matching of units with equal {@linkplain #normalise normalised} text. Units of x′ with no
 * counterpart (an inserted neutral word) and units of x with none (a unit the change removed)
 * stay unmatched.
 *
 * <p>The matching is a longest common subsequence of the two normalised texts, so as many units as
 * possible are matched and none out of order. Among the longest ones, with repeated words there
 * are several, it takes the one whose matched pairs lie closest in position, the least
 * Σ|i − j| over matched pairs (i in x, j in x′): removing one "a" of "a b a" leaves "a b", whose
 * "a" is the first one (|0 − 0| = 0), not the last (|2 − 0| = 2). When x′ repeats a word of x (the
 * neutral word is also in the prompt), either copy can be the inserted one; the rule takes the one
 * that moves the others least. Remaining ties prefer matching over leaving unmatched, and leaving a
 * unit of x unmatched over one of x′ (a deterministic choice, never met in practice).
 *
 * @param forward  for each unit i of x, the index of its counterpart in x′, or -1
 * @param backward for each unit j of x′, the index of its counterpart in x, or -1
 */
public record UnitAlignment(int[] forward, int[] backward) {
    public UnitAlignment {
        forward = forward.clone();
        backward = backward.clone();
        int last = -1;
        for (int i = 0; i < forward.length; i++) {
            int j = forward[i];
            if (j < -1 || j >= backward.length || (j >= 0 && backward[j] != i)) {
                throw new IllegalArgumentException("unit " + i + " maps to " + j + ", which does not map back");
            }
            if (j >= 0) {
                if (j <= last) {
                    throw new IllegalArgumentException("unit " + i + " maps to " + j + ", out of order");
                }
                last = j;
            }
        }
        for (int j = 0; j < backward.length; j++) {
            if (backward[j] < -1 || backward[j] >= forward.length || (backward[j] >= 0 && forward[backward[j]] != j)) {
                throw new IllegalArgumentException("unit " + j + " of x′ maps to " + backward[j] + ", which does not map back");
            }
        }
    }

    /** Aligns the units of x with those of x′ by their text (see the class comment). */
    public static UnitAlignment of(List<Unit> x, List<Unit> xPrime) {
        return ofTexts(x.stream().map(Unit::text).toList(), xPrime.stream().map(Unit::text).toList());
    }

    /** Aligns two lists of unit texts (see the class comment). */
    public static UnitAlignment ofTexts(List<String> x, List<String> xPrime) {
        int n = x.size();
        int m = xPrime.size();
        List<String> a = new ArrayList<>(n);
        List<String> b = new ArrayList<>(m);
        x.forEach(t -> a.add(normalise(t)));
        xPrime.forEach(t -> b.add(normalise(t)));
        // Suffix tables: the best alignment of x[i..] with x′[j..], most matches first, then least cost.
        int[][] matches = new int[n + 1][m + 1];
        long[][] cost = new long[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                int bestM = matches[i + 1][j];
                long bestC = cost[i + 1][j];
                if (better(matches[i][j + 1], cost[i][j + 1], bestM, bestC)) {
                    bestM = matches[i][j + 1];
                    bestC = cost[i][j + 1];
                }
                if (a.get(i).equals(b.get(j))) {
                    int mm = matches[i + 1][j + 1] + 1;
                    long cc = cost[i + 1][j + 1] + Math.abs(i - j);
                    if (!better(bestM, bestC, mm, cc)) {
                        bestM = mm;
                        bestC = cc;
                    }
                }
                matches[i][j] = bestM;
                cost[i][j] = bestC;
            }
        }
        int[] forward = new int[n];
        int[] backward = new int[m];
        Arrays.fill(forward, -1);
        Arrays.fill(backward, -1);
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j)) && matches[i][j] == matches[i + 1][j + 1] + 1
                    && cost[i][j] == cost[i + 1][j + 1] + Math.abs(i - j)) {
                forward[i] = j;
                backward[j] = i;
                i++;
                j++;
            } else if (matches[i][j] == matches[i + 1][j] && cost[i][j] == cost[i + 1][j]) {
                i++;
            } else {
                j++;
            }
        }
        return new UnitAlignment(forward, backward);
    }

    /** Every unit its own counterpart: the same prompt explained twice (another seed). */
    public static UnitAlignment identity(int units) {
        int[] same = new int[units];
        Arrays.setAll(same, i -> i);
        return new UnitAlignment(same, same);
    }

    private static boolean better(int m1, long c1, int m2, long c2) {
        return m1 > m2 || (m1 == m2 && c1 < c2);
    }

    /**
     * The text two units are compared by: lower case (root locale) with every character that is not
     * a letter, mark or digit removed, so that {@code "Ball."} and {@code "ball"} match (a
     * punctuation change keeps the unit, with or without its full stop); a unit that would be left
     * empty ({@code "."}, {@code "###"}) is compared by its text without surrounding whitespace,
     * so it matches only itself.
     */
    public static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.toLowerCase(Locale.ROOT).codePoints().filter(c -> Character.isLetterOrDigit(c)
                || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK
                || Character.getType(c) == Character.ENCLOSING_MARK).forEach(out::appendCodePoint);
        return out.length() > 0 ? out.toString() : text.strip();
    }

    /** Units of x. */
    public int sizeX() {
        return forward.length;
    }

    /** Units of x′. */
    public int sizePrime() {
        return backward.length;
    }

    /** The counterpart in x′ of unit i of x, or -1. */
    public int counterpart(int i) {
        return forward[i];
    }

    /** The counterpart in x of unit j of x′, or -1. */
    public int source(int j) {
        return backward[j];
    }

    /** How many units are matched. */
    public int matched() {
        return (int) Arrays.stream(forward).filter(j -> j >= 0).count();
    }

    @Override
    public int[] forward() {
        return forward.clone();
    }

    @Override
    public int[] backward() {
        return backward.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitAlignment u && Arrays.equals(forward, u.forward) && Arrays.equals(backward, u.backward);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(forward) + Arrays.hashCode(backward);
    }

    @Override
    public String toString() {
        return "UnitAlignment[forward=" + Arrays.toString(forward) + ", backward=" + Arrays.toString(backward) + "]";
    }
}
