package org.gsmile.models.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.TopLogprobs;

/**
 * Ollama's {@code POST /api/generate} with {@code stream: false}: decoding settings go in
 * {@code options} ({@code num_predict} is the token budget), the output is {@code response}, and
 * log-probabilities, on servers that have them, come in {@code logprobs[]} shaped like OpenAI chat's.
 */
final class OllamaGenerateWire implements WireFormat {

    @Override
    public ObjectNode request(String model, String prompt, DecodingOptions options, int topLogprobs) {
        ObjectNode body = WireJson.body(model);
        body.put("prompt", prompt);
        body.put("stream", false);
        ObjectNode o = body.putObject("options");
        WireJson.sampling(o, options);
        o.put("num_predict", options.maxNewTokens());
        WireJson.logprobFlags(body, topLogprobs);
        return body;
    }

    @Override
    public TopLogprobs parse(JsonNode body) {
        if (body.hasNonNull("error")) {
            // A model that fails mid-generation still answers 200, with only an error.
            throw new MalformedResponseException("the server reported: " + ErrorBodies.shorten(body.get("error").asText()));
        }
        JsonNode response = WireJson.required(body, "response", "");
        if (response.asText().isEmpty() && "load".equals(body.path("done_reason").asText())) {
            // Ollama answers an empty prompt by loading the model: no completion was made, and asking again gives the same.
            throw new CallFailedException("the server answered with a load event (done_reason \"load\"), not a completion");
        }
        return new TopLogprobs(response.asText(), WireJson.stepsIfAny(body.path("logprobs")));
    }
}
