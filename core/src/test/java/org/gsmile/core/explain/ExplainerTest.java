package org.gsmile.core.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gsmile.core.UserInputException;
import org.gsmile.core.adaptive.FixedBudget;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.kernel.GaussianKernel;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.MaskSampler;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.reference.SampleWeighting;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.surrogate.WeightedLeastSquares;
import org.gsmile.core.unit.Unit;
import org.gsmile.core.unit.UnitSplitter;
import org.junit.jupiter.api.Test;

class ExplainerTest {
    /** Words on single spaces; enough for a fake pipeline. */
    static final UnitSplitter SPACES = new UnitSplitter() {
        public String name() {
            return "words";
        }

        public List<Unit> split(String prompt) {
            List<Unit> units = new ArrayList<>();
            int at = 0;
            for (String w : prompt.trim().split(" +")) {
                if (!w.isEmpty()) {
                    at = prompt.indexOf(w, at);
                    units.add(new Unit(w, at, at + w.length()));
                    at += w.length();
                }
            }
            return units;
        }
    };
    /** The kept units joined by single spaces. */
    static final PerturbationOperator DROP = new PerturbationOperator() {
        public String name() {
            return "drop";
        }

        public Perturbation bind(String prompt, List<Unit> units, long seed) {
            return mask -> {
                List<String> kept = new ArrayList<>();
                for (int i = 0; i < units.size(); i++) {
                    if (mask.isKept(i)) {
                        kept.add(units.get(i).text());
                    }
                }
                return String.join(" ", kept);
            };
        }
    };

    /** Draws a fixed list of masks, so the test knows exactly which prompts are asked for. */
    static MaskSampler fixed(Mask... masks) {
        return new MaskSampler() {
            public String name() {
                return "fixed";
            }

            public List<Mask> sample(int units, int count, SplittableRandom random) {
                return Arrays.asList(masks).subList(0, Math.min(count, masks.length));
            }
        };
    }

    /** Δ = 1 if "a" is missing, + 2 if "b" is missing: attribution must be θ_a = −1, θ_b = −2, θ_c = 0. */
    static final OutputDistance<String> MISSING_WORDS = new OutputDistance<>() {
        public String name() {
            return "missing";
        }

        public double distance(String original, String perturbed) {
            List<String> words = Arrays.asList(perturbed.split(" "));
            return (words.contains("a") ? 0 : 1) + (words.contains("b") ? 0 : 2);
        }
    };

    /** The thesis's pipeline on fixed masks: Gaussian kernel on the input distance, exact WLS, no bootstrap. */
    static TestParts thesisParts(Mask[] masks, OutputProbe<String> probe) {
        return TestParts.of(SPACES, fixed(masks), DROP, SampleWeighting.of(new GaussianKernel(0.5)),
                new WeightedLeastSquares(), FixedBudget.of(Math.max(1, masks.length)), probe, MISSING_WORDS);
    }

    @Test
    void recoversAnExactlyLinearShiftAndCountsCacheHits() {
        Mask[] masks = {Mask.of(true, false, true), Mask.of(false, true, true), Mask.of(true, true, false),
                Mask.of(false, false, true), Mask.of(true, false, true), Mask.of(true, true, true),
                Mask.of(false, true, false)};
        EchoProbe probe = new EchoProbe();
        ExplanationSpec spec = ExplanationSpec.defaults();
        Explanation e = new SurrogateExplainer(spec, thesisParts(masks, probe))
                .explain(new ExplanationRequest("a b c", 1), TestParts.model(Map.of("k", "v")));

        assertArrayEquals(new double[] {-1, -2, 0}, e.attribution().scores(), 1e-12);
        assertEquals(3.0, e.attribution().intercept(), 1e-12);
        assertEquals(1.0, e.fit().fidelity().r2w(), 1e-12);
        // 8 requested (original + 7 masks); "a c" twice and "a b c" = the original: 6 distinct prompts.
        assertEquals(new CallStats(8, 6, 2, 1), e.calls());
        assertEquals(List.of("a b c", "a c", "b c", "a b", "c", "b"), probe.seen());
        assertArrayEquals(new double[] {0.5, 1, 0}, e.attribution().normalized(), 1e-12);
        assertEquals(Math.exp(-(1.0 / 9) / 0.25), e.samples().get(0).weight(), 1e-12);
        assertArrayEquals(new int[] {1, 0, 2}, e.attribution().ranking());
        // The provenance records the spec, the seed, the model and the model's own settings.
        assertEquals(spec, e.provenance().spec());
        assertEquals(1, e.provenance().seed());
        assertEquals("fake", e.provenance().modelId());
        assertEquals(Map.of("k", "v"), e.provenance().modelSettings());
        assertEquals("v", e.provenance().config().get("k"));
        assertEquals("fake", e.provenance().config().get("model"));
        assertEquals(Baseline.ofText("a b c", "output"), e.baseline());
        assertEquals("a b c", e.prompt());
        assertEquals("output", e.output());
        assertEquals(SPACES.split("a b c"), e.units());
    }

    @Test
    void blankPromptIsAUserError() {
        UserInputException ex = assertThrows(UserInputException.class,
                () -> thesisParts(new Mask[0], new EchoProbe()).explainer()
                        .explain(new ExplanationRequest("  ", 1), TestParts.MODEL));
        assertTrue(ex.getMessage().startsWith("prompt is empty"), ex.getMessage());
    }

    @Test
    void aPromptWithoutUnitsIsAUserError() {
        UnitSplitter none = new UnitSplitter() {
            public String name() {
                return "words";
            }

            public List<Unit> split(String prompt) {
                return List.of();
            }
        };
        UserInputException ex = assertThrows(UserInputException.class,
                () -> thesisParts(new Mask[0], new EchoProbe()).withSplitter(none).explain("...", 1));
        assertTrue(ex.getMessage().startsWith("prompt has no words to attribute to"), ex.getMessage());
    }

    @Test
    void explanationIsImmutable() {
        Mask[] masks = {Mask.of(true, false), Mask.of(false, true)};
        Explanation e = thesisParts(masks, new EchoProbe()).explain("a b", 1);
        double before = e.attribution().scores()[0];
        e.attribution().scores()[0] = 99;
        assertEquals(before, e.attribution().scores()[0]);
        assertThrows(UnsupportedOperationException.class, () -> e.samples().clear());
    }
}
