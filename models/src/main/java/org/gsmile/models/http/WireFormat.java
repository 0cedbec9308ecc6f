package org.gsmile.models.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.TopLogprobs;

/** How one API shapes a generation request and its answer; the pieces they share are {@link WireJson}'s. */
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
}
