package org.gsmile.perturbation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.gsmile.core.mask.Coalitions;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.MaskSampler;

/**
 * Coalitions by whole size strata, from the extremes inward: every coalition keeping 1 unit and
 * every one keeping n−1, then 2 and n−2, and so on, each mask followed by its complement. Those
 * strata carry most of the Shapley kernel's weight and pin the Shapley values down (KernelSHAP
 * completes them first for the same reason), and a complete stratum has no sampling error at all.
 * The stratum that does not fit in the budget is drawn at random, each new mask chosen among a few
 * random candidates as the one whose units have been kept least often in that stratum so far, so
 * that every unit is seen about equally often.
 *
 * <p>A shorter draw is a prefix of a longer one. With a budget of 2ⁿ − 2 or more this is the full
 * enumeration of proper coalitions ({@link MaskSamplers#exhaustive()}).
 */
final class StrataSampler implements MaskSampler {
    /** Candidates per mask of the partial stratum; 1 would be a plain uniform draw. */
    private static final int CANDIDATES = 8;

    private final String name;
    private final boolean all;

    /** @param all draw every proper coalition whatever the count asked (the exhaustive sampler) */
    StrataSampler(String name, boolean all) {
        this.name = name;
        this.all = all;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Mask> sample(int units, int count, SplittableRandom random) {
        if (units < 1) {
            throw new IllegalArgumentException("need at least one unit, got " + units);
        }
        if (all && units > MaskSamplers.MAX_EXHAUSTIVE_UNITS) {
            throw new IllegalArgumentException("exhaustive enumeration of " + units + " units needs 2^" + units
                    + " model calls; at most " + MaskSamplers.MAX_EXHAUSTIVE_UNITS + " units can be enumerated");
        }
        double proper = Math.pow(2, units) - 2;
        int wanted = (int) (all ? proper : Math.min(count, proper));
        List<Mask> masks = new ArrayList<>(wanted);
        for (int s = 1; 2 * s <= units && masks.size() < wanted; s++) {
            // Masks of this stratum pair: C(n, s) when s = n−s (each pairs with another of its size), else 2·C(n, s).
            double stratum = (2 * s == units ? 1 : 2) * Coalitions.choose(units, s);
            if (stratum <= wanted - masks.size()) {
                complete(units, s, masks, random);
            } else {
                partial(units, s, wanted, masks, random);
            }
        }
        return masks;
    }

    /** Every coalition of size s (and its complement), in random order. */
    private static void complete(int units, int s, List<Mask> masks, SplittableRandom random) {
        List<Mask> stratum = new ArrayList<>();
        Combinatorics.forEachSubset(units, s, kept -> stratum.add(Mask.of(kept)));
        for (int i = stratum.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Mask t = stratum.get(i);
            stratum.set(i, stratum.get(j));
            stratum.set(j, t);
        }
        Set<Mask> emitted = new HashSet<>();
        for (Mask m : stratum) {
            if (emitted.add(m)) {
                Mask c = DistinctMaskDraws.complement(m);
                emitted.add(c);
                masks.add(m);
                masks.add(c);
            }
        }
    }

    /** Distinct random coalitions of size s with their complements until the budget is spent, balanced over units. */
    private static void partial(int units, int s, int wanted, List<Mask> masks, SplittableRandom random) {
        Set<Mask> emitted = new HashSet<>();
        int[] seen = new int[units];
        while (masks.size() < wanted) {
            Mask best = null;
            int bestScore = Integer.MAX_VALUE;
            for (int c = 0; c < CANDIDATES; c++) {
                Mask m = DistinctMaskDraws.randomOfSize(units, s, random);
                if (emitted.contains(m)) {
                    continue;
                }
                int score = 0;
                for (int i = 0; i < units; i++) {
                    score += m.isKept(i) ? seen[i] : 0;
                }
                if (score < bestScore) {
                    best = m;
                    bestScore = score;
                }
            }
            if (best == null) {
                continue;
            }
            Mask comp = DistinctMaskDraws.complement(best);
            emitted.add(best);
            emitted.add(comp);
            for (int i = 0; i < units; i++) {
                seen[i] += best.isKept(i) ? 1 : 0;
            }
            masks.add(best);
            if (masks.size() < wanted) {
                masks.add(comp);
            }
        }
    }
}
