package org.gsmile.core.model;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A scorer that passes every call to another: subclass it and override what a view changes (time
 * or count its calls, rewrite its prompts), so the rest stays the scorer it wraps.
 */
public class ForwardingTokenScorer implements TokenScorer {
    protected final TokenScorer delegate;

    public ForwardingTokenScorer(TokenScorer delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<List<TokenScores>> scoreAsync(List<String> prompts, int[] continuation) {
        return delegate.scoreAsync(prompts, continuation);
    }

    @Override
    public int batchSize() {
        return delegate.batchSize();
    }

    @Override
    public int promptTokenCount(String prompt) {
        return delegate.promptTokenCount(prompt);
    }

    @Override
    public int vocabSize() {
        return delegate.vocabSize();
    }

    @Override
    public float[][] tokenEmbeddings() {
        return delegate.tokenEmbeddings();
    }

    @Override
    public String decode(int[] tokens) {
        return delegate.decode(tokens);
    }
}
