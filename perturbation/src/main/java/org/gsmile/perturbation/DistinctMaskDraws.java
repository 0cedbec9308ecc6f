package org.gsmile.perturbation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.gsmile.core.mask.Coalitions;
import org.gsmile.core.mask.Mask;

/**
 * Draws masks from a {@link SizeLaw} without repeats: each mask comes from the law conditioned on
 * not having been drawn yet, so every sample is a new model call. The empty and the full mask are
 * never drawn (the empty prompt and the prompt itself are anchors, not samples).
 *
 * <p>Exact, not rejection-until-lucky: a size is drawn with probability ∝ (mask weight) × (unused
 * masks of that size), then a uniform unused mask of that size. When few masks of the size remain
 * they are listed (there are at most 8× as many as have been drawn, so listing stays cheap).
 *
 * <p>Paired draws emit z and then its complement; the used set stays closed under complement, so
 * "z unused" implies "¬z unused" and a pair is never split by a repeat.
 *
 * <p>When the law has no unused mask left, fewer masks than asked are returned: the design is then
 * complete (or complete within the law's support) and more draws would only repeat.
 */
final class DistinctMaskDraws {
    /** Below this share of unused masks in a size, list them instead of rejecting. */
    private static final double LIST_BELOW = 0.125;

    private DistinctMaskDraws() {
    }

    static List<Mask> draw(SizeLaw law, int units, int count, boolean paired, SplittableRandom random) {
        if (units < 1) {
            throw new IllegalArgumentException("need at least one unit, got " + units);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        double[] logWeight = new double[units + 1];
        double[] sizeCount = new double[units + 1];
        double[] logSizeCount = Coalitions.logChooseRow(units);
        for (int s = 0; s <= units; s++) {
            logWeight[s] = s == 0 || s == units ? Double.NEGATIVE_INFINITY : law.logMaskWeight(units, s);
            sizeCount[s] = Coalitions.choose(units, s);
        }
        int[] used = new int[units + 1];
        Set<Mask> seen = new HashSet<>();
        List<Mask> masks = new ArrayList<>(count);
        double[] sizeWeight = new double[units + 1];
        while (masks.size() < count) {
            double max = Double.NEGATIVE_INFINITY;
            for (int s = 1; s < units; s++) {
                double available = sizeCount[s] - used[s];
                // Where C(n, s) is astronomically large the used masks do not change its log.
                double logAvailable = sizeCount[s] > 1e15 ? logSizeCount[s] : Math.log(available);
                sizeWeight[s] = available > 0 ? logWeight[s] + logAvailable : Double.NEGATIVE_INFINITY;
                max = Math.max(max, sizeWeight[s]);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                break;
            }
            double total = 0;
            for (int s = 1; s < units; s++) {
                sizeWeight[s] = Math.exp(sizeWeight[s] - max);
                total += sizeWeight[s];
            }
            int size = pick(sizeWeight, total, random);
            Mask m = unusedOfSize(units, size, 1 - used[size] / sizeCount[size], seen, random);
            masks.add(m);
            seen.add(m);
            used[size]++;
            if (paired && masks.size() < count) {
                Mask c = complement(m);
                masks.add(c);
                seen.add(c);
                used[units - size]++;
            }
        }
        return masks;
    }

    static Mask complement(Mask m) {
        boolean[] k = new boolean[m.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = !m.isKept(i);
        }
        return Mask.of(k);
    }

    private static int pick(double[] weight, double total, SplittableRandom random) {
        double u = random.nextDouble() * total;
        int last = -1;
        for (int s = 1; s < weight.length - 1; s++) {
            if (weight[s] > 0) {
                last = s;
                u -= weight[s];
                if (u < 0) {
                    return s;
                }
            }
        }
        return last;
    }

    private static Mask unusedOfSize(int units, int size, double unusedShare, Set<Mask> seen,
                                     SplittableRandom random) {
        if (unusedShare >= LIST_BELOW) {
            while (true) {
                Mask m = randomOfSize(units, size, random);
                if (!seen.contains(m)) {
                    return m;
                }
            }
        }
        List<Mask> unused = new ArrayList<>();
        Combinatorics.forEachSubset(units, size, kept -> {
            Mask m = Mask.of(kept);
            if (!seen.contains(m)) {
                unused.add(m);
            }
        });
        return unused.get(random.nextInt(unused.size()));
    }

    /** A uniform subset of the given size: the first {@code size} places of a partial shuffle. */
    static Mask randomOfSize(int units, int size, SplittableRandom random) {
        int[] idx = new int[units];
        for (int i = 0; i < units; i++) {
            idx[i] = i;
        }
        boolean[] kept = new boolean[units];
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(units - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            kept[idx[i]] = true;
        }
        return Mask.of(kept);
    }
}
