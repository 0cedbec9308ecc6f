package org.gsmile.models.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gsmile.core.model.DecodingOptions;

/**
 * Everything that decides a remote model's answer, and nothing else: the backend (wire format and
 * endpoint, since two servers may serve different weights under one name), the model name, the
 * decoding options, the log-probabilities requested, and the exact prompt. Never the API key.
 *
 * @param backend     the wire format, e.g. {@code openai-chat}
 * @param endpoint    the URL the request is posted to
 * @param model       the model name sent to the server
 * @param options     decoding options
 * @param topLogprobs top tokens requested per position, 0 for none
 * @param prompt      the exact prompt
 */
public record CacheKey(String backend, String endpoint, String model, DecodingOptions options, int topLogprobs,
                       String prompt) implements ResponseKey {

    /** The key as JSON with a fixed field order: stored beside the answer and hashed for its file name. */
    @Override
    public ObjectNode toJson() {
        ObjectNode o = ResponseKey.opening(backend, endpoint, model);
        o.put("maxNewTokens", options.maxNewTokens());
        o.put("temperature", options.temperature());
        o.put("topP", options.topP());
        o.put("seed", options.seed());
        o.put("topLogprobs", topLogprobs);
        o.put("prompt", prompt);
        return o;
    }
}
