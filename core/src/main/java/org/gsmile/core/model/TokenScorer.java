package org.gsmile.core.model;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A model that can score a fixed continuation after many prompts (teacher forcing). */
public interface TokenScorer {

    /**
     * For each prompt, the probability of every continuation token and the full next-token
     * distribution at each continuation position, given the prompt and the continuation before it.
     */
    CompletableFuture<List<TokenScores>> scoreAsync(List<String> prompts, int[] continuation);

    /**
     * The most prompts this scorer runs in one call (ONNX Runtime's batch), so that a caller asking in
     * parts keeps each part at least this large; 1 for a scorer that runs each prompt alone.
     */
    default int batchSize() {
        return 1;
    }

    /** Number of prompt tokens (including any BOS) the model sees for this prompt. */
    int promptTokenCount(String prompt);

    int vocabSize();

    /** The model's input token embedding matrix, [vocab][dim]; callers must not modify it. */
    float[][] tokenEmbeddings();

    /** Decodes continuation tokens to text. */
    String decode(int[] tokens);
}
