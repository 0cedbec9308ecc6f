package org.gsmile.perturbation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.MaskSampler;

/**
 * The thesis sampler: each unit kept independently with probability {@code keep}. Two rules make
 * every sample count: a mask never drops every unit (an empty prompt says nothing about any unit),
 * and no mask repeats while unused non-empty masks remain (a repeat is a wasted sample). Both are
 * rejection rules, so each mask is drawn from the Bernoulli law conditioned on being new and
 * non-empty. Once all 2ⁿ−1 masks are used, draws repeat and are answered from the cache.
 */
public final class BernoulliMaskSampler implements MaskSampler {
    /** Past this many consecutive rejections the unused masks are rare: draw among them exactly. */
    private static final int REJECTIONS_BEFORE_ENUMERATION = 256;
    private static final int MAX_ENUMERABLE_UNITS = 22;

    private final double keep;

    public BernoulliMaskSampler(double keep) {
        if (!(keep > 0 && keep < 1)) {
            throw new IllegalArgumentException("keep must be strictly between 0 and 1, got " + keep);
        }
        this.keep = keep;
    }

    @Override
    public String name() {
        return "bernoulli";
    }

    @Override
    public List<Mask> sample(int units, int count, SplittableRandom random) {
        if (units < 1) {
            throw new IllegalArgumentException("need at least one unit, got " + units);
        }
        double distinct = Math.pow(2, units) - 1;
        List<Mask> masks = new ArrayList<>(count);
        Set<Mask> used = new HashSet<>();
        for (int s = 0; s < count; s++) {
            boolean exhausted = used.size() >= distinct;
            Mask m = null;
            for (int attempt = 0; m == null; attempt++) {
                if (!exhausted && attempt >= REJECTIONS_BEFORE_ENUMERATION && units <= MAX_ENUMERABLE_UNITS) {
                    m = drawAmongUnused(units, used, random);
                    break;
                }
                Mask candidate = draw(units, random);
                if (candidate.keptCount() > 0 && (exhausted || !used.contains(candidate))) {
                    m = candidate;
                }
            }
            used.add(m);
            masks.add(m);
        }
        return masks;
    }

    private Mask draw(int units, SplittableRandom random) {
        boolean[] kept = new boolean[units];
        for (int i = 0; i < units; i++) {
            kept[i] = random.nextDouble() < keep;
        }
        return Mask.of(kept);
    }

    /** Exact draw from the Bernoulli law restricted to the unused non-empty masks. */
    private Mask drawAmongUnused(int units, Set<Mask> used, SplittableRandom random) {
        List<Mask> candidates = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double total = 0;
        for (long bits = 1; bits < (1L << units); bits++) {
            boolean[] kept = new boolean[units];
            int k = 0;
            for (int i = 0; i < units; i++) {
                kept[i] = (bits >> i & 1) == 1;
                k += kept[i] ? 1 : 0;
            }
            Mask m = Mask.of(kept);
            if (!used.contains(m)) {
                double w = Math.pow(keep, k) * Math.pow(1 - keep, units - k);
                candidates.add(m);
                weights.add(w);
                total += w;
            }
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < candidates.size(); i++) {
            u -= weights.get(i);
            if (u < 0) {
                return candidates.get(i);
            }
        }
        return candidates.get(candidates.size() - 1);
    }
}
