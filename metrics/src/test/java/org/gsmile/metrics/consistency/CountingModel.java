package org.gsmile.metrics.consistency;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.ForwardingModel;
import org.gsmile.core.model.ForwardingTokenScorer;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.model.TokenScores;

/** A model that counts every prompt it is asked to generate from or to score, and passes it on. */
public final class CountingModel extends ForwardingModel {
    private final AtomicInteger calls = new AtomicInteger();

    public CountingModel(GenerativeModel model) {
        super(model);
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
        calls.addAndGet(prompts.size());
        return delegate.generateAsync(prompts, options);
    }

    @Override
    public Optional<TokenScorer> tokenScorer() {
        return delegate.tokenScorer().map(s -> new ForwardingTokenScorer(s) {
            @Override
            public CompletableFuture<List<TokenScores>> scoreAsync(List<String> prompts, int[] continuation) {
                calls.addAndGet(prompts.size());
                return delegate.scoreAsync(prompts, continuation);
            }
        });
    }
}
