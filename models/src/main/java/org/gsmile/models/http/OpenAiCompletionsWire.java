package org.gsmile.models.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.TopLogprobs;

/**
 * OpenAI's legacy {@code POST /completions}: the prompt is sent as is, the output is
 * {@code choices[0].text}; log-probabilities come as parallel arrays {@code tokens},
 * {@code token_logprobs} and {@code top_logprobs} (one token → logprob object per position).
 */
final class OpenAiCompletionsWire implements WireFormat {

    @Override
    public ObjectNode request(String model, String prompt, DecodingOptions options, int topLogprobs) {
        ObjectNode body = WireJson.body(model);
        body.put("prompt", prompt);
        WireJson.openAiDecoding(body, options);
        if (topLogprobs > 0) {
            // Here logprobs is the count itself, not a flag.
            body.put("logprobs", topLogprobs);
        }
        return body;
    }

    @Override
    public TopLogprobs parse(JsonNode body) {
        JsonNode choice = WireJson.firstChoice(body);
        JsonNode text = WireJson.required(choice, "text", "choices[0].");
        JsonNode logprobs = choice.path("logprobs");
        List<TopLogprobs.Step> steps = new ArrayList<>();
        JsonNode tokens = logprobs.path("tokens");
        if (tokens.isArray()) {
            JsonNode lps = logprobs.path("token_logprobs");
            JsonNode tops = logprobs.path("top_logprobs");
            for (int t = 0; t < tokens.size(); t++) {
                List<TopLogprobs.Candidate> top = new ArrayList<>();
                JsonNode at = tops.path(t);
                for (Map.Entry<String, JsonNode> e : at.properties()) {
                    top.add(new TopLogprobs.Candidate(e.getKey(), e.getValue().asDouble()));
                }
                JsonNode lp = lps.path(t);
                steps.add(new TopLogprobs.Step(tokens.get(t).asText(),
                        lp.isNumber() ? lp.asDouble() : Double.NaN, top));
            }
        }
        return new TopLogprobs(WireJson.textOrEmpty(text), steps);
    }
}
