package org.gsmile.models.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.TopLogprobs;

/** How one API shapes a generation request and its answer. */
interface WireFormat {

    /** The request body for one prompt; {@code topLogprobs} 0 requests no log-probabilities. */
    ObjectNode request(String model, String prompt, DecodingOptions options, int topLogprobs);

    /**
     * The output in a successful answer.
     *
     * @throws MalformedResponseException when the answer lacks what the API's reference promises
     */
    TopLogprobs parse(JsonNode body);

    static WireFormat of(RemoteReference.Api api) {
        return switch (api) {
            case OPENAI_CHAT -> new OpenAiChatWire();
            case OPENAI_COMPLETIONS -> new OpenAiCompletionsWire();
            case OLLAMA_GENERATE -> new OllamaGenerateWire();
        };
    }

    /** Sampling fields only when sampling: some servers reject a seed they would ignore anyway. */
    static void sampling(ObjectNode target, DecodingOptions options) {
        target.put("temperature", options.temperature());
        if (!options.isGreedy()) {
            target.put("top_p", options.topP());
            target.put("seed", options.seed());
        }
    }

    static JsonNode required(JsonNode node, String field, String where) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isMissingNode()) {
            throw new MalformedResponseException("the answer has no " + where + field);
        }
        return v;
    }
}
