package org.gsmile.models.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.gsmile.core.model.TopLogprobs;

/** A text model's answer in a cache entry: its text and, per output token, the top log-probabilities. */
final class TopLogprobsCodec implements AnswerCodec<TopLogprobs> {
    static final TopLogprobsCodec INSTANCE = new TopLogprobsCodec();

    private TopLogprobsCodec() {
    }

    @Override
    public void encode(TopLogprobs answer, ObjectNode root) {
        root.put("text", answer.text());
        ArrayNode steps = root.putArray("steps");
        for (TopLogprobs.Step s : answer.steps()) {
            ObjectNode step = steps.addObject();
            step.put("token", s.token());
            step.put("logprob", s.logprob());
            ArrayNode top = step.putArray("top");
            for (TopLogprobs.Candidate c : s.top()) {
                top.addObject().put("token", c.token()).put("logprob", c.logprob());
            }
        }
    }

    @Override
    public TopLogprobs decode(JsonNode root) {
        List<TopLogprobs.Step> steps = new ArrayList<>();
        for (JsonNode s : root.get("steps")) {
            List<TopLogprobs.Candidate> top = new ArrayList<>();
            for (JsonNode c : s.get("top")) {
                top.add(new TopLogprobs.Candidate(c.get("token").asText(), number(c.get("logprob"))));
            }
            steps.add(new TopLogprobs.Step(s.get("token").asText(), number(s.get("logprob")), top));
        }
        return new TopLogprobs(root.get("text").asText(), steps);
    }

    /** Jackson writes NaN as the string "NaN"; read it back as NaN. */
    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText());
    }
}
