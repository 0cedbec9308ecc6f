package org.gsmile.perturbation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.gsmile.core.mask.Coalitions;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.MaskSampler;

/**
 * The design of the size-profile estimator ({@code org.gsmile.core.reference.SizeProfileFit}): first
 * every prompt keeping one unit and every prompt dropping one (unit by unit in random order, each
 * single-unit prompt followed by its complement), which give the two outermost sizes of the profile
 * exactly; then samples of a few inner sizes in turn: coalitions of 3 units, where a word's effect has
 * mostly settled after changing sharply over the first sizes, and of ⌊n/2⌋ units, the middle of the
 * profile. Once each of these has 2n samples (or is complete) the next size joins the rotation, from
 * the outermost sizes inward (2 and n−2 first), so that every size is reached as the budget grows and
 * a budget of 2ⁿ − 2 observes every coalition (the exact Shapley values).
 *
 * <p>Within a size each mask is the best of 8 distinct random candidates at keeping units' counts in
 * that size even (as {@link StrataSampler}'s partial stratum), which keeps the within-size regression
 * well conditioned. Masks are distinct and never empty or full; a shorter draw is a prefix of a
 * longer one.
 */
final class ProfileSampler implements MaskSampler {
    private static final int CANDIDATES = 8;
    /** The inner size the rotation starts with besides the middle one. */
    static final int KNEE = 3;
    /** Samples each size in the rotation gets, in units of n, before the next size joins. */
    static final int WIDEN_AFTER = 2;
    /** Below this share of unused masks in a size, list them instead of rejecting. */
    private static final double LIST_BELOW = 0.125;

    @Override
    public String name() {
        return "profile";
    }

    @Override
    public List<Mask> sample(int units, int count, SplittableRandom random) {
        if (units < 1) {
            throw new IllegalArgumentException("need at least one unit, got " + units);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        int n = units;
        List<Mask> masks = new ArrayList<>();
        Set<Mask> emitted = new HashSet<>();
        int[] order = permutation(n, random);
        for (int i : order) {
            boolean[] one = new boolean[n];
            one[i] = true;
            Mask single = Mask.of(one);
            for (Mask m : List.of(single, DistinctMaskDraws.complement(single))) {
                if (masks.size() < count && m.keptCount() > 0 && m.keptCount() < n && emitted.add(m)) {
                    masks.add(m);
                }
            }
        }
        List<Integer> active = new ArrayList<>();
        for (int k : List.of(KNEE, n / 2)) {
            if (k >= 2 && k <= n - 2 && !active.contains(k)) {
                active.add(k);
            }
        }
        List<Integer> rest = later(n, active);
        Map<Integer, int[]> seen = new LinkedHashMap<>();
        int[] drawn = new int[n + 1];
        while (masks.size() < count) {
            active.removeIf(k -> drawn[k] >= Coalitions.choose(n, k));
            boolean widen = active.stream().allMatch(k -> drawn[k] >= WIDEN_AFTER * n);
            if (widen && !rest.isEmpty()) {
                active.add(rest.remove(0));
                continue;
            }
            if (active.isEmpty()) {
                break;
            }
            for (int k : List.copyOf(active)) {
                if (masks.size() >= count || drawn[k] >= Coalitions.choose(n, k)) {
                    continue;
                }
                int[] counts = seen.computeIfAbsent(k, x -> new int[n]);
                Mask m = balanced(n, k, drawn[k], counts, emitted, random);
                emitted.add(m);
                masks.add(m);
                drawn[k]++;
                for (int i = 0; i < n; i++) {
                    counts[i] += m.isKept(i) ? 1 : 0;
                }
            }
        }
        return masks;
    }

    /** The inner sizes not in the first rotation, by distance from the outermost sizes (1 and n−1), smaller size first. */
    static List<Integer> later(int n, List<Integer> first) {
        List<Integer> rest = new ArrayList<>();
        for (int k = 2; k <= n - 2; k++) {
            if (!first.contains(k)) {
                rest.add(k);
            }
        }
        rest.sort((a, b) -> {
            int da = Math.min(a - 1, n - 1 - a);
            int db = Math.min(b - 1, n - 1 - b);
            return da != db ? Integer.compare(da, db) : Integer.compare(a, b);
        });
        return rest;
    }

    /** The best of a few distinct unused candidates of size k at keeping units' counts even. */
    private static Mask balanced(int n, int k, int used, int[] counts, Set<Mask> emitted, SplittableRandom random) {
        double all = Coalitions.choose(n, k);
        if (1 - used / all < LIST_BELOW) {
            List<Mask> unused = new ArrayList<>();
            Combinatorics.forEachSubset(n, k, kept -> {
                Mask m = Mask.of(kept);
                if (!emitted.contains(m)) {
                    unused.add(m);
                }
            });
            return best(unused, counts, n, random);
        }
        List<Mask> candidates = new ArrayList<>(CANDIDATES);
        while (candidates.size() < CANDIDATES) {
            Mask m = DistinctMaskDraws.randomOfSize(n, k, random);
            if (!emitted.contains(m) && !candidates.contains(m)) {
                candidates.add(m);
            } else if (all - used <= candidates.size()) {
                break;
            }
        }
        return bestInOrder(candidates, counts, n);
    }

    private static Mask best(List<Mask> unused, int[] counts, int n, SplittableRandom random) {
        List<Mask> pick = new ArrayList<>();
        for (int c = 0; c < CANDIDATES && c < unused.size(); c++) {
            pick.add(unused.get(random.nextInt(unused.size())));
        }
        return bestInOrder(pick, counts, n);
    }

    private static Mask bestInOrder(List<Mask> candidates, int[] counts, int n) {
        Mask best = null;
        long bestScore = Long.MAX_VALUE;
        for (Mask m : candidates) {
            long score = 0;
            for (int i = 0; i < n; i++) {
                score += m.isKept(i) ? counts[i] : 0;
            }
            if (score < bestScore) {
                best = m;
                bestScore = score;
            }
        }
        return best;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
