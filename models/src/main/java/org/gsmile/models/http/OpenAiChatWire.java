package org.gsmile.models.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.TopLogprobs;

/**
 * OpenAI's {@code POST /chat/completions}: the prompt is one user message; the output is
 * {@code choices[0].message.content}, its log-probabilities {@code choices[0].logprobs.content[]}
 * ({@code token}, {@code logprob}, {@code top_logprobs[]}).
 */
final class OpenAiChatWire implements WireFormat {

    @Override
    public ObjectNode request(String model, String prompt, DecodingOptions options, int topLogprobs) {
        ObjectNode body = WireJson.body(model);
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", prompt);
        WireJson.openAiDecoding(body, options);
        WireJson.logprobFlags(body, topLogprobs);
        return body;
    }

    @Override
    public TopLogprobs parse(JsonNode body) {
        JsonNode choice = WireJson.firstChoice(body);
        String text = WireJson.textOrEmpty(WireJson.required(choice, "message", "choices[0].").get("content"));
        return new TopLogprobs(text, WireJson.stepsIfAny(choice.path("logprobs").path("content")));
    }
}
