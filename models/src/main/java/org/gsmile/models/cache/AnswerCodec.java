package org.gsmile.models.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How one kind of answer is written into a cache entry and read back, so that {@link ResponseCache}
 * stores text and image answers alike.
 *
 * @param <T> the answer: token log-probabilities, an image
 */
public interface AnswerCodec<T> {

    /** A text model's answer: its text and top log-probabilities. */
    static AnswerCodec<org.gsmile.core.model.TopLogprobs> text() {
        return TopLogprobsCodec.INSTANCE;
    }

    /** An image model's answer, as a PNG. */
    static AnswerCodec<org.gsmile.core.image.Image> image() {
        return ImageCodec.INSTANCE;
    }

    /** The answer's fields, written beside the key. */
    void encode(T answer, ObjectNode entry);

    /**
     * The answer in an entry whose key matched.
     *
     * @throws RuntimeException when the entry is damaged; the cache then treats it as a miss
     */
    T decode(JsonNode entry);
}
