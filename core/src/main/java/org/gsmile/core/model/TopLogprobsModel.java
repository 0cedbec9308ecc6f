package org.gsmile.core.model;

import java.util.concurrent.CompletableFuture;

/**
 * A model reached over an API that returns, with each output, its top log-probabilities. Such
 * servers cannot score a fixed continuation (no teacher forcing), so token distances compare the
 * per-position distributions of two generated outputs instead.
 */
public interface TopLogprobsModel {

    /** How many top tokens are requested per position; 0 when log-probabilities are off. */
    int topLogprobs();

    /** Generates one output for one prompt, with its per-position top log-probabilities. */
    CompletableFuture<TopLogprobs> generateWithTopLogprobs(String prompt, DecodingOptions options);
}
