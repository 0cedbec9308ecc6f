package org.gsmile.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.gsmile.core.mask.Mask;
import org.junit.jupiter.api.Test;

class BernoulliMaskSamplerTest {

    @Test
    void neverDropsEverythingAndNeverRepeatsWhileUnusedRemain() {
        // 4 units: 15 non-empty masks, so 15 draws must be exactly all of them.
        List<Mask> masks = new BernoulliMaskSampler(0.5).sample(4, 15, new SplittableRandom(1));
        assertEquals(15, new HashSet<>(masks).size());
        masks.forEach(m -> assertTrue(m.keptCount() > 0));
    }

    @Test
    void repeatsOnlyAfterExhaustion() {
        List<Mask> masks = new BernoulliMaskSampler(0.5).sample(2, 10, new SplittableRandom(1));
        assertEquals(3, new HashSet<>(masks.subList(0, 3)).size());
        masks.forEach(m -> assertTrue(m.keptCount() > 0));
    }

    @Test
    void sameSeedSameMasksInSameOrder() {
        BernoulliMaskSampler s = new BernoulliMaskSampler(0.5);
        assertEquals(s.sample(12, 100, new SplittableRandom(42)), s.sample(12, 100, new SplittableRandom(42)));
        assertNotEquals(s.sample(12, 100, new SplittableRandom(42)), s.sample(12, 100, new SplittableRandom(43)));
    }

    @Test
    void keepProbabilityIsHonoured() {
        // 30 units × 2000 masks: the kept fraction's standard error is about 0.002.
        List<Mask> masks = new BernoulliMaskSampler(0.3).sample(30, 2000, new SplittableRandom(5));
        double kept = masks.stream().mapToInt(Mask::keptCount).sum() / (30.0 * 2000);
        assertEquals(0.3, kept, 0.01);
    }

    @Test
    void unusedMasksAreDrawnWhenRejectionStalls() {
        // keep = 0.99 on 6 units: masks with many drops are very unlikely, but all 63 must appear.
        List<Mask> masks = new BernoulliMaskSampler(0.99).sample(6, 63, new SplittableRandom(9));
        assertEquals(63, new HashSet<>(masks).size());
    }

    @Test
    void rejectsKeepOutsideOpenInterval() {
        assertThrows(IllegalArgumentException.class, () -> new BernoulliMaskSampler(0));
        assertThrows(IllegalArgumentException.class, () -> new BernoulliMaskSampler(1));
    }
}
