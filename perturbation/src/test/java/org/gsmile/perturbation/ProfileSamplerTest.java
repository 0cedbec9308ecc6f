package org.gsmile.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.gsmile.core.mask.Mask;
import org.junit.jupiter.api.Test;

class ProfileSamplerTest {

    @Test
    void firstEverySingleUnitPromptEachFollowedByItsLeaveOneOut() {
        List<Mask> masks = MaskSamplers.profile().sample(10, 20, new SplittableRandom(3));
        Set<Integer> units = new HashSet<>();
        for (int j = 0; j < 20; j += 2) {
            assertEquals(1, masks.get(j).keptCount());
            assertEquals(DistinctMaskDraws.complement(masks.get(j)), masks.get(j + 1));
            for (int i = 0; i < 10; i++) {
                if (masks.get(j).isKept(i)) {
                    units.add(i);
                }
            }
        }
        assertEquals(10, units.size());
    }

    @Test
    void thenThreeUnitsAndHalfTheUnitsInTurnUntilEachHasTwoNThenTheOutermostSizes() {
        int n = 10;
        List<Mask> masks = MaskSamplers.profile().sample(n, 2 * n + 4 * n + 4, new SplittableRandom(8));
        for (int j = 0; j < 4 * n; j++) {
            assertEquals(j % 2 == 0 ? 3 : 5, masks.get(2 * n + j).keptCount(), "mask " + j);
        }
        // 2 joins the rotation after 3 and 5 have 2n each: 3, 5, 2, 3, …
        assertEquals(List.of(3, 5, 2, 3), masks.subList(6 * n, 6 * n + 4).stream().map(Mask::keptCount).toList());
        assertEquals(List.of(2, 8, 7, 4, 6), ProfileSampler.later(10, List.of(3, 5)));
    }

    @Test
    void unitsAreKeptAboutEquallyOftenWithinASize() {
        int n = 12;
        List<Mask> masks = MaskSamplers.profile().sample(n, 2 * n + 2 * 24, new SplittableRandom(1));
        int[] kept = new int[n];
        masks.stream().filter(m -> m.keptCount() == 3).forEach(m -> {
            for (int i = 0; i < n; i++) {
                kept[i] += m.isKept(i) ? 1 : 0;
            }
        });
        // 24 masks of 3 units: 6 per unit on average.
        for (int k : kept) {
            assertTrue(k >= 4 && k <= 8, java.util.Arrays.toString(kept));
        }
    }

    @Test
    void everyProperCoalitionOnceWhenTheBudgetCoversThem() {
        for (int n : new int[] {2, 3, 4, 6, 9}) {
            List<Mask> masks = MaskSamplers.profile().sample(n, 1 << (n + 1), new SplittableRandom(n));
            assertEquals((1 << n) - 2, masks.size(), "n = " + n);
            assertEquals(masks.size(), new HashSet<>(masks).size());
        }
    }

    @Test
    void aShorterDrawIsAPrefixOfALongerOne() {
        List<Mask> longer = MaskSamplers.profile().sample(11, 300, new SplittableRandom(5));
        assertEquals(MaskSamplers.profile().sample(11, 64, new SplittableRandom(5)), longer.subList(0, 64));
    }

    @Test
    void leverageAndModifiedL2FirstSizesFollowTheirLaws() {
        // The first draw follows the size law exactly: uniform for leverage scores, ∝ 1/√(s(n−s)) for modified ℓ2.
        int n = 10;
        double[] uniform = new double[n - 1];
        double[] l2 = new double[n - 1];
        double total = 0;
        for (int s = 1; s < n; s++) {
            uniform[s - 1] = 1.0 / (n - 1);
            l2[s - 1] = 1 / Math.sqrt(s * (n - s));
            total += l2[s - 1];
        }
        for (int s = 0; s < n - 1; s++) {
            l2[s] /= total;
        }
        MaskSamplersTest.assertFrequencies(uniform, MaskSamplersTest.firstSizeFrequencies(MaskSamplers.leverage(), n,
                20000), 20000);
        MaskSamplersTest.assertFrequencies(l2, MaskSamplersTest.firstSizeFrequencies(MaskSamplers.modifiedL2(), n,
                20000), 20000);
    }
}
