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

    @Override
    default void close() {
    }
}
