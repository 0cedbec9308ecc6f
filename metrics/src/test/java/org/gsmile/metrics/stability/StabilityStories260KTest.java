package org.gsmile.metrics.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.gsmile.api.Explainers;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.PromptExplainer;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.model.TokenPieces;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.model.TokenScores;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.models.llama.TestModels;
import org.junit.jupiter.api.Test;

/** Stability end to end on the real stories260K with the default spec and options, its calls counted at the model. */
class StabilityStories260KTest {

    /** stories260K with every prompt it generates for or scores counted. */
    static final class Counted implements GenerativeModel {
        final GenerativeModel inner;
        final AtomicInteger calls = new AtomicInteger();

        Counted(GenerativeModel inner) {
            this.inner = inner;
        }

        @Override
        public ModelInfo info() {
            return inner.info();
        }

        @Override
        public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
            calls.addAndGet(prompts.size());
            return inner.generateAsync(prompts, options);
        }

        @Override
        public Optional<TokenPieces> tokenPieces() {
            return inner.tokenPieces();
        }

        @Override
        public Map<String, Object> settings() {
            return inner.settings();
        }

        @Override
        public Optional<TokenScorer> tokenScorer() {
            TokenScorer s = inner.tokenScorer().orElseThrow();
            return Optional.of(new TokenScorer() {
                @Override
                public CompletableFuture<List<TokenScores>> scoreAsync(List<String> prompts, int[] continuation) {
                    calls.addAndGet(prompts.size());
                    return s.scoreAsync(prompts, continuation);
                }

                @Override
                public int promptTokenCount(String prompt) {
                    return s.promptTokenCount(prompt);
                }

                @Override
                public int vocabSize() {
                    return s.vocabSize();
                }

                @Override
                public float[][] tokenEmbeddings() {
                    return s.tokenEmbeddings();
                }

                @Override
                public String decode(int[] tokens) {
                    return s.decode(tokens);
                }
            });
        }
    }

    @Test
    void defaultOptionsOnARealPrompt() {
        Counted model = new Counted(TestModels.stories260KModel());
        PromptExplainer explainer = Explainers.create(ExplanationSpec.defaults());
        ExplanationRequest request = new ExplanationRequest("Lily wanted to play with her red ball", 42);
        Explanation e = explainer.explain(request, model);
        int before = model.calls.get();
        long start = System.nanoTime();
        Stability s = Stability.measure(e, request, explainer, model, StabilityOptions.defaults());
        long ms = (System.nanoTime() - start) / 1_000_000;
        StringBuilder report = new StringBuilder();
        for (ChangeStability c : s.changes()) {
            report.append(String.format("%-12s %d variants  top-3 Jaccard %.3f  Ruzicka %.3f%n", c.change().label(),
                    c.variants(), c.topKJaccard(), c.ruzicka()));
        }
        report.append(String.format("seeds        %d          top-3 Jaccard %.3f  Ruzicka %.3f%nextra calls %d in %d ms",
                s.seeds(), s.seedTopKJaccard(), s.seedRuzicka(), s.extraCalls(), ms));
        System.out.println(report);

        assertEquals(List.of(5, 5, 5, 1), s.changes().stream().map(ChangeStability::variants).toList());
        assertEquals(3, s.seeds());
        // Every call the 19 explanations made reached the model, and only those.
        assertEquals(model.calls.get() - before, s.extraCalls());
        // 8 words (9 with a neutral one): the default 64 samples each, about 65 distinct prompts and one generation.
        assertTrue(s.extraCalls() > 19 * 40 && s.extraCalls() <= 19 * 66, report.toString());
        for (ChangeStability c : s.changes()) {
            assertTrue(c.topKJaccard() >= 0 && c.topKJaccard() <= 1 && c.ruzicka() > 0 && c.ruzicka() <= 1,
                    report.toString());
        }
    }
}
