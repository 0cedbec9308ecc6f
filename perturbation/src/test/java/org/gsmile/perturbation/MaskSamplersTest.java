package org.gsmile.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.gsmile.core.UserInputException;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.MaskSampler;
import org.gsmile.core.spec.SamplerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

// The two laws below: python3 tools/reference/sampling_laws.py recomputes them.
class MaskSamplersTest {
    // python3: w = [(n-1)/(s*(n-s)) for s in 1..9], n = 10, normalised
    static final double[] SHAPLEY_SIZES_10 = {0.19638097909945293, 0.11046430074344228, 0.08416327675690839,
            0.07364286716229486, 0.07069715247580306, 0.07364286716229486, 0.08416327675690839,
            0.11046430074344228, 0.19638097909945293};
    // python3: w = [comb(10,s) * 0.3**s * 0.7**(10-s) for s in 1..9], normalised
    static final double[] BERNOULLI_03_SIZES_10 = {0.12458065169716409, 0.24026268541595933, 0.27458592618966776,
            0.20593944464225086, 0.10591171438744329, 0.037825612281229756, 0.009263415252546061,
            0.0014887631655877598, 0.00014178696815121526};

    /** Frequencies of the first mask's size over many seeds: the first draw follows the law exactly. */
    static double[] firstSizeFrequencies(MaskSampler sampler, int n, int draws) {
        double[] f = new double[n - 1];
        for (int seed = 0; seed < draws; seed++) {
            f[sampler.sample(n, 1, new SplittableRandom(seed)).get(0).keptCount() - 1] += 1.0 / draws;
        }
        return f;
    }

    static void assertFrequencies(double[] expected, double[] observed, int draws) {
        for (int s = 0; s < expected.length; s++) {
            double sd = Math.sqrt(expected[s] * (1 - expected[s]) / draws);
            assertEquals(expected[s], observed[s], 4.5 * sd + 1e-9, "size " + (s + 1));
        }
    }

    @Test
    void shapleySizesFollowTheShapleyKernel() {
        assertFrequencies(SHAPLEY_SIZES_10, firstSizeFrequencies(MaskSamplers.shapley(false), 10, 20000), 20000);
    }

    @Test
    void pairedBernoulliSizesFollowTheBinomialWithoutEmptyAndFull() {
        assertFrequencies(BERNOULLI_03_SIZES_10, firstSizeFrequencies(MaskSamplers.pairedBernoulli(0.3), 10, 20000),
                20000);
    }

    @Test
    void pairedMasksComeWithTheirComplements() {
        List<Mask> masks = MaskSamplers.shapley(true).sample(9, 60, new SplittableRandom(3));
        assertEquals(60, masks.size());
        for (int j = 0; j < masks.size(); j += 2) {
            assertEquals(DistinctMaskDraws.complement(masks.get(j)), masks.get(j + 1));
        }
        assertEquals(60, new HashSet<>(masks).size());
    }

    @ParameterizedTest
    @EnumSource(value = SamplerKind.class, names = "BERNOULLI", mode = EnumSource.Mode.EXCLUDE)
    void neverRepeatsNeverEmptyNeverFullAndStopsWhenExhausted(SamplerKind kind) {
        // 5 units: 30 proper masks; "fixed" at keep 0.5 drops round(2.5) = 3 (Java rounds half up): C(5,3) = 10.
        List<Mask> masks = MaskSamplers.of(kind, 0.5).sample(5, 100, new SplittableRandom(11));
        assertEquals(kind == SamplerKind.FIXED ? 10 : 30, masks.size());
        assertEquals(masks.size(), new HashSet<>(masks).size());
        masks.forEach(m -> assertTrue(m.keptCount() > 0 && m.keptCount() < 5, m.toString()));
    }

    @ParameterizedTest
    @EnumSource(value = SamplerKind.class, names = "EXHAUSTIVE", mode = EnumSource.Mode.EXCLUDE)
    void sameSeedSameMasksInSameOrder(SamplerKind kind) {
        MaskSampler s = MaskSamplers.of(kind, 0.5);
        assertEquals(s.sample(12, 200, new SplittableRandom(42)), s.sample(12, 200, new SplittableRandom(42)));
        assertNotEquals(s.sample(12, 200, new SplittableRandom(42)), s.sample(12, 200, new SplittableRandom(43)));
    }

    @Test
    void aShorterDrawIsAPrefixOfALongerOne() {
        // Rounds of an adaptive budget use prefixes of one draw; the prefix must be what a smaller budget draws.
        MaskSampler s = MaskSamplers.shapley(true);
        List<Mask> longer = s.sample(11, 300, new SplittableRandom(5));
        assertEquals(s.sample(11, 64, new SplittableRandom(5)), longer.subList(0, 64));
    }

    @Test
    void fixedDropsExactlyItsCount() {
        List<Mask> masks = MaskSamplers.fixed(0.7).sample(10, 50, new SplittableRandom(1));
        masks.forEach(m -> assertEquals(7, m.keptCount()));
        assertEquals(3, MaskSamplers.dropped(10, 0.7));
        assertEquals(1, MaskSamplers.dropped(3, 0.99));
        assertEquals(2, MaskSamplers.dropped(3, 0.01));
    }

    @Test
    void longPromptsOfTokensDoNotUnderflow() {
        // 0.5^2000 is 0 in double; the law works in logs.
        List<Mask> masks = MaskSamplers.pairedBernoulli(0.5).sample(2000, 4, new SplittableRandom(2));
        assertEquals(4, masks.size());
        assertEquals(1000, masks.get(0).keptCount(), 150);
    }

    @Test
    void oneUnitHasNoProperMask() {
        assertEquals(List.of(), MaskSamplers.shapley(true).sample(1, 10, new SplittableRandom(1)));
        assertEquals(List.of(), MaskSamplers.strata().sample(1, 10, new SplittableRandom(1)));
        assertEquals(List.of(), MaskSamplers.exhaustive().sample(1, 10, new SplittableRandom(1)));
    }

    @ParameterizedTest
    @EnumSource(SamplerKind.class)
    void everyKindHasASamplerOfItsName(SamplerKind kind) {
        assertEquals(kind.label(), MaskSamplers.of(kind, 0.5).name());
        assertEquals(kind, SamplerKind.of(kind.label()));
    }

    @Test
    void unknownNamesAndBadKeepAreRejected() {
        UserInputException unknown = assertThrows(UserInputException.class, () -> SamplerKind.of("sobol"));
        assertEquals("unknown sampler 'sobol': choose strata, exhaustive, shapley, paired-shapley, bernoulli,"
                + " paired-bernoulli, fixed, profile, leverage or modified-l2", unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MaskSamplers.fixed(1.0));
        assertThrows(IllegalArgumentException.class, () -> MaskSamplers.pairedBernoulli(0));
    }
}
