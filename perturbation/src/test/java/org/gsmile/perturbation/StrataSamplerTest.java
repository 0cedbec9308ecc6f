package org.gsmile.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.gsmile.core.mask.Mask;
import org.junit.jupiter.api.Test;

class StrataSamplerTest {

    @Test
    void enumeratesEveryProperCoalitionFromTheExtremesInward() {
        List<Mask> masks = MaskSamplers.strata().sample(6, 1000, new SplittableRandom(4));
        assertEquals(62, masks.size());
        assertEquals(62, new HashSet<>(masks).size());
        // 6 of size 1 + 6 of size 5, then 15 + 15 of sizes 2 and 4, then the 20 of size 3.
        for (int j = 0; j < 62; j++) {
            int size = masks.get(j).keptCount();
            int expected = j < 12 ? (j % 2 == 0 ? 1 : 5) : j < 42 ? (j % 2 == 0 ? 2 : 4) : 3;
            assertEquals(expected, size, "mask " + j);
        }
        for (int j = 0; j < 62; j += 2) {
            assertEquals(DistinctMaskDraws.complement(masks.get(j)), masks.get(j + 1));
        }
    }

    @Test
    void aSmallerBudgetCompletesTheOuterStrataFirst() {
        List<Mask> masks = MaskSamplers.strata().sample(8, 30, new SplittableRandom(4));
        assertEquals(30, masks.size());
        // 16 masks of sizes 1 and 7 complete, then 14 of sizes 2 and 6.
        assertEquals(16, masks.subList(0, 16).stream().filter(m -> m.keptCount() == 1 || m.keptCount() == 7).count());
        assertEquals(14, masks.subList(16, 30).stream().filter(m -> m.keptCount() == 2 || m.keptCount() == 6).count());
        assertEquals(30, new HashSet<>(masks).size());
    }

    @Test
    void thePartialStratumCoversUnitsEvenly() {
        // 12 units: 24 masks complete sizes 1 and 11; 36 more are 18 pairs of size 2: 36 unit slots over 12 units.
        List<Mask> masks = MaskSamplers.strata().sample(12, 60, new SplittableRandom(8));
        int[] kept = new int[12];
        for (Mask m : masks.subList(24, 60)) {
            if (m.keptCount() == 2) {
                for (int i = 0; i < 12; i++) {
                    kept[i] += m.isKept(i) ? 1 : 0;
                }
            }
        }
        for (int k : kept) {
            assertTrue(k >= 2 && k <= 4, java.util.Arrays.toString(kept));
        }
    }

    @Test
    void exhaustiveIgnoresTheBudgetAndRefusesTooManyUnits() {
        assertEquals(254, MaskSamplers.exhaustive().sample(8, 10, new SplittableRandom(1)).size());
        assertThrows(IllegalArgumentException.class, () -> MaskSamplers.exhaustive().sample(21, 10, new SplittableRandom(1)));
        // Strata has no such limit: a long prompt only lists the strata the budget reaches.
        assertEquals(100, MaskSamplers.strata().sample(60, 100, new SplittableRandom(1)).size());
    }
}
