package org.gsmile.core.model;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A black-box generative model. Batched and asynchronous so that each backend decides how to
 * batch, cache and parallelise; results come back in the order of the prompts.
 */
public interface GenerativeModel extends AutoCloseable {

    ModelInfo info();

    CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options);

    /** Teacher-forced scoring, for backends that expose next-token probabilities. */
    default Optional<TokenScorer> tokenScorer() {
        return Optional.empty();
    }

    /** The model's tokenizer, for token units; empty where the model does not expose one. */
    default Optional<TokenPieces> tokenPieces() {
        return Optional.empty();
    }

    /**
     * This model with its calls counted into {@code meter}: a view sharing every resource (weights,
     * connections, caches) with this one. Models whose client neither retries nor caches on disk
     * return themselves.
     */
    default GenerativeModel metered(CallMeter meter) {
        return this;
    }

    /**
     * Settings of this model that shape what it returns and belong in an explanation's provenance
     * (e.g. the number of top log-probabilities asked of a server); in a stable order.
     */
    default java.util.Map<String, Object> settings() {
        return java.util.Map.of();
    }

    @Override
    default void close() {
    }
}
