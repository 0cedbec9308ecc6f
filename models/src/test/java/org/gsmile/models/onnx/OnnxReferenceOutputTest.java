package org.gsmile.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.TokenScores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each shared ONNX model reproduces the greedy outputs its PROVENANCE.md publishes, exactly. */
class OnnxReferenceOutputTest {

    static final List<String> NAMES = OnnxTestModels.NAMES;

    /**
     * llama2.c counts positions from BOS with the prompt included: after P prompt tokens, N
     * positions leave N - P + 1 new tokens (48 positions after the 5 of "Once upon a time": 44).
     */
    private static int newTokens(int positions, int promptTokens) {
        return positions - promptTokens + 1;
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void greedyTokenIdsEqualTheReference(String name) {
        OnnxLanguageModel model = OnnxTestModels.model(name);
        OnnxTestModels.ReferenceIds reference = OnnxTestModels.referenceIds(name);
        int[] prompt = model.encode(reference.prompt());
        Generation g = model.generateAsync(List.of(reference.prompt()),
                DecodingOptions.greedy(newTokens(reference.positions(), prompt.length))).join().get(0);
        int[] all = IntStream.concat(Arrays.stream(prompt), Arrays.stream(g.tokens())).toArray();
        assertArrayEquals(reference.ids(), all);
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void greedySamplesEqualTheReferenceText(String name) {
        OnnxLanguageModel model = OnnxTestModels.model(name);
        for (OnnxTestModels.Sample sample : OnnxTestModels.samples(name)) {
            int promptTokens = model.promptTokenCount(sample.prompt());
            Generation g = model.generateAsync(List.of(sample.prompt()),
                    DecodingOptions.greedy(newTokens(sample.positions(), promptTokens))).join().get(0);
            assertEquals(sample.text(), sample.prompt() + g.text(), name + ": " + sample.prompt());
        }
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void stopTokensAreTheConfiguredEosAndStoryDelimiter(String name) throws Exception {
        JsonNode config = new ObjectMapper().readTree(OnnxTestModels.folder(name).resolve("config.json").toFile());
        int[] stops = OnnxTestModels.model(name).stopTokens();
        // The shared configs name BOS as the story delimiter.
        assertTrue(config.get("story_delimiter").asText().startsWith("BOS"));
        assertTrue(Arrays.stream(stops).anyMatch(t -> t == config.get("bos_token_id").asInt()), Arrays.toString(stops));
        assertTrue(Arrays.stream(stops).anyMatch(t -> t == config.get("eos_token_id").asInt()), Arrays.toString(stops));
        assertEquals(2, stops.length);
    }

    /**
     * A generation shorter than asked must end where the model's most likely next token is a stop
     * token, and a full-length one must hold none. "The end" prompts make tinylstm end its story.
     */
    @Test
    void generationStopsExactlyWhereTheModelEmitsAStopToken() {
        List<String> prompts = List.of("Lily and Tom played together all day. They were best friends. The end",
                "They were happy. The end.", "Once upon a time");
        int max = 40;
        int earlyStops = 0;
        for (String name : NAMES) {
            OnnxLanguageModel model = OnnxTestModels.model(name);
            List<Generation> generations = model.generateAsync(prompts, DecodingOptions.greedy(max)).join();
            for (int i = 0; i < prompts.size(); i++) {
                int[] tokens = generations.get(i).tokens();
                for (int token : tokens) {
                    assertFalse(isStop(model, token), name + " generated stop token " + token);
                }
                if (tokens.length < max) {
                    earlyStops++;
                    int[] withNext = Arrays.copyOf(tokens, tokens.length + 1);
                    TokenScores scores = model.scoreAsync(List.of(prompts.get(i)), withNext).join().get(0);
                    float[] last = scores.distributions()[tokens.length];
                    assertTrue(isStop(model, argmax(last)), name + ": stopped before " + argmax(last));
                }
            }
        }
        assertTrue(earlyStops > 0, "no model ended a story, so the stop was never exercised");
    }

    private static boolean isStop(OnnxLanguageModel model, int token) {
        return Arrays.stream(model.stopTokens()).anyMatch(t -> t == token);
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
