package org.gsmile.core.explain;

import static org.gsmile.core.explain.ExplainerTest.DROP;
import static org.gsmile.core.explain.ExplainerTest.MISSING_WORDS;
import static org.gsmile.core.explain.ExplainerTest.SPACES;
import static org.gsmile.core.explain.ExplainerTest.fixed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.gsmile.core.UserInputException;
import org.gsmile.core.kernel.GaussianKernel;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.surrogate.WeightedLeastSquares;
import org.junit.jupiter.api.Test;

/** Prompts a probe could not observe are left out of the fit and counted. */
class ExplainerFailuresTest {

    /** Echoes prompts, except those it is told to fail, which it reports as null. */
    static final class FailingProbe implements OutputProbe<String> {
        final Set<String> failing;

        FailingProbe(Set<String> failing) {
            this.failing = failing;
        }

        public String prepare(String prompt) {
            return "output";
        }

        public CompletableFuture<List<String>> observe(List<String> prompts) {
            List<String> out = new ArrayList<>();
            for (String p : prompts) {
                out.add(failing.contains(p) ? null : p);
            }
            return CompletableFuture.completedFuture(out);
        }
    }

    static final Mask[] MASKS = {Mask.of(true, false, true), Mask.of(false, true, true), Mask.of(true, true, false),
            Mask.of(false, false, true), Mask.of(true, false, true), Mask.of(true, true, true),
            Mask.of(false, true, false), Mask.of(true, false, false)};

    static Explainer explainer() {
        return new Explainer(SPACES, fixed(MASKS), DROP, new GaussianKernel(0.5), new WeightedLeastSquares(),
                MASKS.length);
    }

    @Test
    void failedPromptsAreLeftOutOfTheFitAndCounted() {
        // "a c" is drawn twice: one failed prompt removes two samples.
        Explanation e = explainer().explain("a b c", new FailingProbe(Set.of("a c")), MISSING_WORDS, 1, "fake", "",
                Map.of());
        assertEquals(new CallStats(9, 7, 2, 1, 1, 0, 0), e.calls());
        assertEquals(6, e.samples().size());
        assertTrue(e.samples().stream().noneMatch(s -> s.prompt().equals("a c")));
        // The shift is still exactly linear in the samples that remain.
        assertArrayEquals(new double[] {-1, -2, 0}, e.attribution(), 1e-9);
        assertEquals("b c", e.samples().get(0).prompt());
    }

    @Test
    void tooFewRemainingSamplesIsAClearError() {
        Set<String> all = Set.of("a c", "b c", "a b", "c", "b", "a");
        UserInputException ex = assertThrows(UserInputException.class, () -> explainer().explain("a b c",
                new FailingProbe(all), MISSING_WORDS, 1, "fake", "", Map.of()));
        assertTrue(ex.getMessage().startsWith("too few samples remain to fit: 1 of 8"), ex.getMessage());
    }

    @Test
    void unobservedOriginalIsAnError() {
        UserInputException ex = assertThrows(UserInputException.class, () -> explainer().explain("a b c",
                new FailingProbe(Set.of("a b c")), MISSING_WORDS, 1, "fake", "", Map.of()));
        assertTrue(ex.getMessage().contains("original prompt"), ex.getMessage());
    }
}
