package org.gsmile.core.explain;

import static org.gsmile.core.explain.ExplainerTest.MISSING_WORDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.gsmile.core.UserInputException;
import org.gsmile.core.mask.Mask;
import org.junit.jupiter.api.Test;

/** Prompts a probe could not observe are left out of the fit and counted. */
class ExplainerFailuresTest {

    /** Echoes prompts, except those it is told to fail, which it reports as null. */
    static final class FailingProbe implements OutputProbe<String> {
        final Set<String> failing;

        FailingProbe(Set<String> failing) {
            this.failing = failing;
        }

        public Prepared<String> prepare(String prompt) {
            return new Prepared<>() {
                public Baseline baseline() {
                    return Baseline.ofText(prompt, "output");
                }

                public CompletableFuture<List<String>> observe(List<String> prompts) {
                    List<String> out = new ArrayList<>();
                    for (String p : prompts) {
                        out.add(failing.contains(p) ? null : p);
                    }
                    return CompletableFuture.completedFuture(out);
                }
            };
        }
    }

    static final Mask[] MASKS = {Mask.of(true, false, true), Mask.of(false, true, true), Mask.of(true, true, false),
            Mask.of(false, false, true), Mask.of(true, false, true), Mask.of(true, true, true),
            Mask.of(false, true, false), Mask.of(true, false, false)};

    static Explanation explain(Set<String> failing) {
        return ExplainerTest.thesisParts(MASKS, new FailingProbe(failing)).explain("a b c", 1);
    }

    @Test
    void failedPromptsAreLeftOutOfTheFitAndCounted() {
        // "a c" is drawn twice: one failed prompt removes two samples.
        Explanation e = explain(Set.of("a c"));
        assertEquals(new CallStats(9, 7, 2, 1, 1, 0, 0), e.calls());
        assertEquals(6, e.samples().size());
        assertTrue(e.samples().stream().noneMatch(s -> s.prompt().equals("a c")));
        // The shift is still exactly linear in the samples that remain.
        assertArrayEquals(new double[] {-1, -2, 0}, e.attribution().scores(), 1e-9);
        assertEquals("b c", e.samples().get(0).prompt());
    }

    @Test
    void tooFewRemainingSamplesIsAClearError() {
        Set<String> all = Set.of("a c", "b c", "a b", "c", "b", "a");
        UserInputException ex = assertThrows(UserInputException.class, () -> explain(all));
        assertTrue(ex.getMessage().startsWith("too few samples remain to fit: 1 of 8"), ex.getMessage());
    }

    @Test
    void unobservedOriginalIsAnError() {
        UserInputException ex = assertThrows(UserInputException.class, () -> explain(Set.of("a b c")));
        assertTrue(ex.getMessage().contains("original prompt"), ex.getMessage());
    }
}
