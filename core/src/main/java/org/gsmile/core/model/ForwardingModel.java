package org.gsmile.core.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A model that passes every call to another: subclass it and override what a view changes (time
 * or count its calls, rename it), so the rest stays the model it wraps. {@link #close} does not
 * close the wrapped model: a view does not own it.
 */
public class ForwardingModel implements GenerativeModel {
    protected final GenerativeModel delegate;

    public ForwardingModel(GenerativeModel delegate) {
        this.delegate = delegate;
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }

    @Override
    public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
        return delegate.generateAsync(prompts, options);
    }

    @Override
    public Optional<TokenScorer> tokenScorer() {
        return delegate.tokenScorer();
    }

    @Override
    public Optional<TokenPieces> tokenPieces() {
        return delegate.tokenPieces();
    }

    /**
     * This view itself, so that an explainer's metered model still goes through it: the wrapped
     * model's own meter (retries, disk-cache hits) is then not counted. A view of a model behind an
     * API overrides this to wrap {@code delegate.metered(meter)} in a view like itself.
     */
    @Override
    public GenerativeModel metered(CallMeter meter) {
        return this;
    }

    @Override
    public Map<String, Object> settings() {
        return delegate.settings();
    }
}
