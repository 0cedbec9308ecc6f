package org.gsmile.core.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.gsmile.core.UserInputException;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.kernel.GaussianKernel;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.MaskSampler;
import org.gsmile.core.mask.PerturbationOperator;
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
    static final PerturbationOperator DROP = new PerturbationOperator() {
        public String name() {
            return "drop";
        }

        public String apply(String prompt, List<Unit> units, Mask mask) {
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < units.size(); i++) {
                if (mask.isKept(i)) {
                    kept.add(units.get(i).text());
                }
            }
            return String.join(" ", kept);
        }
    };

    /** Draws a fixed list of masks, so the test knows exactly which prompts are asked for. */
    static MaskSampler fixed(Mask... masks) {
        return new MaskSampler() {
            public String name() {
                return "fixed";
            }

            public List<Mask> sample(int units, int count, SplittableRandom random) {
                return Arrays.asList(masks).subList(0, count);
            }
        };
    }

    /** A fake model whose observation is the prompt itself; counts what reaches it. */
    static final class EchoProbe implements OutputProbe<String> {
        final List<String> seen = new ArrayList<>();

        public String prepare(String prompt) {
            return "output";
        }

        public CompletableFuture<List<String>> observe(List<String> prompts) {
            seen.addAll(prompts);
            return CompletableFuture.completedFuture(prompts);
        }
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

    @Test
    void recoversAnExactlyLinearShiftAndCountsCacheHits() {
        Mask[] masks = {Mask.of(true, false, true), Mask.of(false, true, true), Mask.of(true, true, false),
                Mask.of(false, false, true), Mask.of(true, false, true), Mask.of(true, true, true),
                Mask.of(false, true, false)};
        Explainer explainer = new Explainer(SPACES, fixed(masks), DROP, new GaussianKernel(0.5),
                new WeightedLeastSquares(), masks.length);
        EchoProbe probe = new EchoProbe();
        Explanation e = explainer.explain("a b c", probe, MISSING_WORDS, 1, "fake", "", Map.of("k", "v"));

        assertArrayEquals(new double[] {-1, -2, 0}, e.attribution(), 1e-12);
        assertEquals(3.0, e.intercept(), 1e-12);
        assertEquals(1.0, e.fidelity().r2w(), 1e-12);
        // 8 requested (original + 7 masks); "a c" twice and "a b c" = the original: 6 distinct prompts.
        assertEquals(new CallStats(8, 6, 2, 1), e.calls());
        assertEquals(List.of("a b c", "a c", "b c", "a b", "c", "b"), probe.seen);
        assertArrayEquals(new double[] {0.5, 1, 0}, e.normalized(), 1e-12);
        assertEquals(Math.exp(-(1.0 / 9) / 0.25), e.samples().get(0).weight(), 1e-12);
        assertEquals("v", e.provenance().config().get("k"));
        assertArrayEquals(new int[] {1, 0, 2}, e.ranking());
    }

    @Test
    void blankPromptIsAUserError() {
        Explainer explainer = new Explainer(SPACES, fixed(), DROP, new GaussianKernel(0.5), new WeightedLeastSquares(), 1);
        assertThrows(UserInputException.class,
                () -> explainer.explain("  ", new EchoProbe(), MISSING_WORDS, 1, "fake", "", Map.of()));
    }

    @Test
    void explanationIsImmutable() {
        Mask[] masks = {Mask.of(true, false), Mask.of(false, true)};
        Explanation e = new Explainer(SPACES, fixed(masks), DROP, new GaussianKernel(0.5), new WeightedLeastSquares(), 2)
                .explain("a b", new EchoProbe(), MISSING_WORDS, 1, "fake", "", Map.of());
        double before = e.attribution()[0];
        e.attribution()[0] = 99;
        assertEquals(before, e.attribution()[0]);
    }
}
