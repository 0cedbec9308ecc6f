package org.gsmile.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gsmile.core.adaptive.AdaptiveBudget;
import org.gsmile.core.adaptive.Games;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.reference.ConstrainedLeastSquares;
import org.gsmile.core.reference.ReferenceExplainer;
import org.gsmile.core.reference.ShapleyKernel;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.Method;
import org.junit.jupiter.api.Test;

/** One explainer serves several prompts at once, each explained as if it were alone. */
class ConcurrentExplanationsTest {
    static final String FIRST = "a b c d e f g h i j";
    static final String SECOND = "b d f h j k l";

    /** Each letter its own weight, with an interaction, so both prompts have a clear but different answer. */
    static final OutputDistance<String> GAME = Games.game(set -> {
        double v = 0;
        for (int i = 0; i < 12; i++) {
            v += ((set >> i) & 1) == 0 ? 0.05 * (i % 5 + 1) : 0;
        }
        return v + 0.1 * (((set >> 1) & 1) * ((set >> 3) & 1));
    });

    /** Echoes on another thread after a short pause, so the explanations' rounds interleave. */
    static final class SlowEchoProbe implements OutputProbe<String> {
        private final ExecutorService pool;

        SlowEchoProbe(ExecutorService pool) {
            this.pool = pool;
        }

        @Override
        public Prepared<String> prepare(String prompt) {
            return new Prepared<>() {
                @Override
                public Baseline baseline() {
                    return Baseline.ofText(prompt, "output of " + prompt);
                }

                @Override
                public CompletableFuture<List<String>> observe(List<String> prompts) {
                    return CompletableFuture.supplyAsync(() -> {
                        try {
                            Thread.sleep(2);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return List.copyOf(prompts);
                    }, pool);
                }
            };
        }
    }

    static List<Explanation> concurrently(PromptExplainer explainer, int tasks) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(tasks);
        try {
            CyclicBarrier start = new CyclicBarrier(tasks);
            List<Future<Explanation>> futures = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                String prompt = t % 2 == 0 ? FIRST : SECOND;
                futures.add(callers.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return explainer.explain(new ExplanationRequest(prompt, 11), TestParts.MODEL);
                }));
            }
            List<Explanation> out = new ArrayList<>();
            for (Future<Explanation> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            callers.shutdownNow();
        }
    }

    static void assertEachAsAlone(PromptExplainer explainer) throws Exception {
        Explanation first = TestParts.withoutTimings(explainer.explain(new ExplanationRequest(FIRST, 11), TestParts.MODEL));
        Explanation second = TestParts.withoutTimings(explainer.explain(new ExplanationRequest(SECOND, 11),
                TestParts.MODEL));
        assertNotEquals(first.units().size(), second.units().size());
        List<Explanation> all = concurrently(explainer, 8);
        for (int t = 0; t < all.size(); t++) {
            assertEquals(t % 2 == 0 ? first : second, TestParts.withoutTimings(all.get(t)), "task " + t);
        }
    }

    @Test
    void theSurrogateExplainerExplainsTwoPromptsAtOnceAsIfEachWereAlone() throws Exception {
        ExecutorService model = Executors.newFixedThreadPool(4);
        try {
            TestParts parts = TestParts.of(Games.LETTERS, Games.uniformDistinct(), Games.DROP, new ShapleyKernel(),
                    new ConstrainedLeastSquares(), AdaptiveBudget.upTo(128), new SlowEchoProbe(model), GAME);
            SurrogateExplainer explainer = new SurrogateExplainer(ExplanationSpec.builder().autoSamples(128).build(),
                    parts);
            Explanation alone = explainer.explain(new ExplanationRequest(FIRST, 11), TestParts.MODEL);
            // Several rounds, so that the rounds of concurrent explanations interleave.
            assertNotEquals(1, alone.sampling().rounds());
            assertEachAsAlone(explainer);
        } finally {
            model.shutdownNow();
        }
    }

    @Test
    void aReferenceExplainerExplainsTwoPromptsAtOnceAsIfEachWereAlone() throws Exception {
        ExecutorService model = Executors.newFixedThreadPool(4);
        try {
            ReferenceExplainer explainer = new ReferenceExplainer(
                    ExplanationSpec.builder().method(Method.EXACT_SHAPLEY).build(),
                    TestParts.of(Games.LETTERS, Games.DROP, new SlowEchoProbe(model), GAME));
            assertEachAsAlone(explainer);
        } finally {
            model.shutdownNow();
        }
    }
}
