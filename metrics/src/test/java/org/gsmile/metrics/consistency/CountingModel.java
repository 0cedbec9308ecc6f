package org.gsmile.metrics.consistency;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.model.TokenPieces;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.model.TokenScores;

/** A model that counts every prompt it is asked to generate from or to score, and passes it on. */
final class CountingModel implements GenerativeModel {
    private final GenerativeModel model;
    private final AtomicInteger calls = new AtomicInteger();

    CountingModel(GenerativeModel model) {
        this.model = model;
    }

    int calls() {
        return calls.get();
    }

    @Override
    public ModelInfo info() {
        return model.info();
    }

    @Override
    public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
        calls.addAndGet(prompts.size());
        return model.generateAsync(prompts, options);
    }

    @Override
    public Optional<TokenPieces> tokenPieces() {
        return model.tokenPieces();
    }

    @Override
    public Map<String, Object> settings() {
        return model.settings();
    }

    @Override
    public Optional<TokenScorer> tokenScorer() {
        return model.tokenScorer().map(s -> new TokenScorer() {
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
