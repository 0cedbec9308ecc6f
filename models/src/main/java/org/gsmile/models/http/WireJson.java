package org.gsmile.models.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.TopLogprobs;

/**
 * The request and answer pieces that the {@link WireFormat}s share, so that each wire class states
 * only where its API puts things. Field order is part of each request's shape and is kept.
 */
final class WireJson {
    private WireJson() {
    }

    /** A request body naming the model, its first field in every API. */
    static ObjectNode body(String model) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", model);
        return body;
    }

    /** OpenAI's decoding fields, alike in chat and completions: token budget, sampling, no streaming. */
    static void openAiDecoding(ObjectNode body, DecodingOptions options) {
        body.put("max_tokens", options.maxNewTokens());
        sampling(body, options);
        body.put("stream", false);
    }

    /** Sampling fields only when sampling: some servers reject a seed they would ignore anyway. */
    static void sampling(ObjectNode target, DecodingOptions options) {
        target.put("temperature", options.temperature());
        if (!options.isGreedy()) {
            target.put("top_p", options.topP());
            target.put("seed", options.seed());
        }
    }

    /**
     * {@code logprobs: true, top_logprobs: k}, as OpenAI chat and Ollama ask for log-probabilities;
     * nothing when {@code topLogprobs} is 0.
     */
    static void logprobFlags(ObjectNode body, int topLogprobs) {
        if (topLogprobs > 0) {
            body.put("logprobs", true);
            body.put("top_logprobs", topLogprobs);
        }
    }

    /** {@code choices[0]} of an OpenAI answer. */
    static JsonNode firstChoice(JsonNode body) {
        JsonNode choices = required(body, "choices", "");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new MalformedResponseException("the answer has no choices");
        }
        return choices.get(0);
    }

    /** The text of a field that may be JSON null (no output), which reads as "". */
    static String textOrEmpty(JsonNode text) {
        return text == null || text.isNull() ? "" : text.asText();
    }

    /** The {@code token, logprob, top_logprobs[]} entries that OpenAI chat and Ollama share. */
    static List<TopLogprobs.Step> steps(JsonNode entries) {
        List<TopLogprobs.Step> steps = new ArrayList<>(entries.size());
        for (JsonNode e : entries) {
            List<TopLogprobs.Candidate> top = new ArrayList<>();
            for (JsonNode c : e.path("top_logprobs")) {
                top.add(new TopLogprobs.Candidate(required(c, "token", "top_logprobs[].").asText(),
                        required(c, "logprob", "top_logprobs[].").asDouble()));
            }
            steps.add(new TopLogprobs.Step(required(e, "token", "logprobs[].").asText(),
                    required(e, "logprob", "logprobs[].").asDouble(), top));
        }
        return steps;
    }

    /** {@link #steps} of {@code entries} when it is an array (the server sent log-probabilities), else none. */
    static List<TopLogprobs.Step> stepsIfAny(JsonNode entries) {
        return entries.isArray() ? steps(entries) : List.of();
    }

    /**
     * {@code node.field}, present though possibly JSON null.
     *
     * @throws MalformedResponseException when it is missing; {@code where} is its path's prefix
     */
    static JsonNode required(JsonNode node, String field, String where) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isMissingNode()) {
            throw new MalformedResponseException("the answer has no " + where + field);
        }
        return v;
    }
}
