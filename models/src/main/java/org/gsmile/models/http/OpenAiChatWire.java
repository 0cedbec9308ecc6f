package org.gsmile.models.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
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
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", model);
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", prompt);
        body.put("max_tokens", options.maxNewTokens());
        WireFormat.sampling(body, options);
        body.put("stream", false);
        if (topLogprobs > 0) {
            body.put("logprobs", true);
            body.put("top_logprobs", topLogprobs);
        }
        return body;
    }

    @Override
    public TopLogprobs parse(JsonNode body) {
        JsonNode choice = firstChoice(body);
        JsonNode content = WireFormat.required(choice, "message", "choices[0].").get("content");
        String text = content == null || content.isNull() ? "" : content.asText();
        JsonNode logprobs = choice.path("logprobs").path("content");
        return new TopLogprobs(text, logprobs.isArray() ? steps(logprobs) : List.of());
    }

    static JsonNode firstChoice(JsonNode body) {
        JsonNode choices = WireFormat.required(body, "choices", "");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new MalformedResponseException("the answer has no choices");
        }
        return choices.get(0);
    }

    /** The {@code token, logprob, top_logprobs[]} entries that OpenAI chat and Ollama share. */
    static List<TopLogprobs.Step> steps(JsonNode entries) {
        List<TopLogprobs.Step> steps = new ArrayList<>(entries.size());
        for (JsonNode e : entries) {
            List<TopLogprobs.Candidate> top = new ArrayList<>();
            for (JsonNode c : e.path("top_logprobs")) {
                top.add(new TopLogprobs.Candidate(WireFormat.required(c, "token", "top_logprobs[].").asText(),
                        WireFormat.required(c, "logprob", "top_logprobs[].").asDouble()));
            }
            steps.add(new TopLogprobs.Step(WireFormat.required(e, "token", "logprobs[].").asText(),
                    WireFormat.required(e, "logprob", "logprobs[].").asDouble(), top));
        }
        return steps;
    }
}
