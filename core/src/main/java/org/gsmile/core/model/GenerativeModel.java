package org.gsmile.core.model;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A black-box generative model of text. Batched and asynchronous so that each backend decides how
 * to batch, cache and parallelise; results come back in the order of the prompts.
 */
public interface GenerativeModel extends BlackBoxModel {

    CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options);

    /** Teacher-forced scoring, for backends that expose next-token probabilities. */
    default Optional<TokenScorer> tokenScorer() {
        return Optional.empty();
    }

    @Override
    default GenerativeModel metered(CallMeter meter) {
        return this;
    }
}
