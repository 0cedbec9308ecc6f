package org.gsmile.models.onnx;

/**
 * Text to token ids and back, as an ONNX language model needs it. Every encoded prompt starts with
 * the model's BOS, so even a one-word prompt gives the model a position to predict from.
 */
interface PromptTokenizer extends AutoCloseable {

    /** BOS followed by the prompt's tokens. */
    int[] encode(String prompt);

    /** The text of {@code generated} as it reads after {@code prompt} (prompt not repeated). */
    String continuationText(int[] prompt, int[] generated);

    /** The text of continuation tokens on their own. */
    String decode(int[] tokens);

    /** Number of ids the tokenizer can produce. */
    int vocabSize();

    @Override
    default void close() {
    }
}
