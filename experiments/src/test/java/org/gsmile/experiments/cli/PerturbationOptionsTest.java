package org.gsmile.experiments.cli;

import static org.gsmile.experiments.cli.ExplainCommandTest.assertUserError;
import static org.gsmile.experiments.cli.ExplainCommandTest.gsmile;
import static org.gsmile.experiments.cli.ExplainCommandTest.model;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Units, operators, samplers, kernels, budgets and references through the command line, on stories260K. */
class PerturbationOptionsTest {
    static final String PROMPT = "Lily loved her little red ball";
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("explain", "--model", model(), "--max-new-tokens", "8", "--format",
                "json"));
        all.addAll(List.of(args));
        ExplainCommandTest.Result r = gsmile(all.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return JSON.readTree(r.out());
    }

    static double[] attribution(JsonNode j) {
        double[] a = new double[j.get("attribution").size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = j.get("attribution").get(i).asDouble();
        }
        return a;
    }

    @Test
    void theDefaultIsTheSizeProfileDesignWithTheShapleyKernelAndCostsItsBudgetExactly() throws IOException {
        JsonNode j = json(PROMPT);
        assertEquals("profile", j.at("/config/sampler").asText());
        assertEquals("profile", j.at("/config/surrogate").asText());
        assertEquals("shapley", j.at("/config/kernel").asText());
        // 6 words: 62 proper coalitions + the empty and the full prompt = 64 = the default budget.
        assertEquals(65, j.at("/calls/requested").asInt());
        assertEquals(64, j.at("/calls/unique").asInt());
        assertEquals("exhausted", j.at("/sampling/stopReason").asText());
        assertEquals(6, j.at("/sampling/intervals").size());
    }

    @Test
    void everyCoalitionUnderTheShapleyKernelIsTheExactShapleyReference() throws IOException {
        // Two independent computations: the constrained regression and the enumeration formula.
        double[] regression = attribution(json("--sampler", "exhaustive", "--distance", "logprob-shift", PROMPT));
        double[] reference = attribution(json("--reference", "shapley", "--distance", "logprob-shift", PROMPT));
        assertArrayEquals(reference, regression, 1e-9);
        JsonNode loo = json("--reference", "loo", "--distance", "logprob-shift", PROMPT);
        assertEquals(7, loo.at("/calls/unique").asInt());
        assertNotEquals(reference[0], attribution(loo)[0]);
    }

    @Test
    void markedUnitsAreOneUnitAndTheBracketsNeverReachTheModel() throws IOException {
        JsonNode j = json("--samples", "16", "The [[stone bridge]] fell into the river.");
        assertEquals("The stone bridge fell into the river.", j.get("prompt").asText());
        assertEquals("stone bridge", j.at("/units/1/text").asText());
        assertEquals(6, j.get("units").size());
    }

    @Test
    void tokensPhrasesAndSentences() throws IOException {
        JsonNode tokens = json("--units", "tokens", "--samples", "24", "Lily saw a stone bridge");
        StringBuilder spelled = new StringBuilder();
        tokens.get("units").forEach(u -> spelled.append(u.get("text").asText()));
        assertEquals("Lilysawastonebridge", spelled.toString());
        assertTrue(tokens.get("units").size() > 5);
        JsonNode phrases = json("--units", "phrases", "--samples", "16", "One day, Lily saw a dog. It ran away!");
        assertEquals(3, phrases.get("units").size());
        assertEquals("It ran away!", phrases.at("/units/2/text").asText());
        assertEquals(2, json("--units", "sentences", "--samples", "8", "One day, Lily saw a dog. It ran away!")
                .get("units").size());
    }

    @Test
    void maskAndSynonymOperators() throws IOException {
        JsonNode mask = json("--operator", "mask", "--mask-token", "_", "--samples", "16", PROMPT);
        assertEquals("_", mask.at("/config/maskToken").asText());
        JsonNode synonym = json("--operator", "synonym", "--samples", "16", PROMPT);
        // "Lily" and "her" have no WordNet synonym and are dropped instead.
        assertEquals("[0,2]", synonym.at("/sampling/unreplacedUnits").toString());
        assertEquals(synonym.get("attribution"), json("--operator", "synonym", "--samples", "16", PROMPT)
                .get("attribution"));
    }

    @Test
    void autoDrawsInRoundsAndSaysWhyItStopped() throws IOException {
        JsonNode j = json("--samples", "auto", "--max-samples", "48", "--seed", "3",
                "One day, Sue found a shiny stone near the river");
        assertEquals("auto", j.at("/config/samples").asText());
        assertEquals("auto", j.at("/sampling/budget").asText());
        int used = j.at("/sampling/samples").asInt();
        assertTrue(used <= 48, "used " + used);
        assertTrue(List.of("stable", "converged", "tied", "max-samples").contains(j.at("/sampling/stopReason").asText()),
                j.at("/sampling/stopReason").asText());
        assertEquals(used + 1, j.at("/calls/requested").asInt());
        for (JsonNode interval : j.at("/sampling/intervals")) {
            assertTrue(interval.get(0).asDouble() <= interval.get(1).asDouble());
        }
    }

    @Test
    void theThesisPresetIsTheThesisRecipe() throws IOException {
        JsonNode preset = json("--preset", "thesis", PROMPT);
        JsonNode explicit = json("--sampler", "bernoulli", "--kernel", "gaussian", "--samples", "64", "--preset",
                "default", PROMPT);
        assertEquals(preset.get("attribution"), explicit.get("attribution"));
        assertEquals("bernoulli", preset.at("/config/sampler").asText());
        assertEquals(65, preset.at("/calls/requested").asInt());
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                new String[] {"explain", "The [[stone bridge fell"},
                new String[] {"explain", "The stone]] bridge fell"},
                new String[] {"explain", "The [[ ]] bridge fell"},
                new String[] {"explain", "[[]]"},
                new String[] {"explain", "--samples", "auto", "--max-samples", "8", PROMPT},
                new String[] {"explain", "--samples", "auto", "--max-samples", "0", PROMPT},
                new String[] {"explain", "--sampler", "exhaustive", "a b c d e f g h i j k l m n o p q r s t u"},
                new String[] {"explain", "--reference", "shapley", "a b c d e f g h i j k l m n o"},
                new String[] {"explain", "--kernel", "shapley", "--surrogate", "sgd", PROMPT},
                new String[] {"explain", "--sampler", "sobol", PROMPT},
                new String[] {"explain", "--units", "chars", PROMPT},
                new String[] {"explain", "--operator", "shuffle", PROMPT},
                new String[] {"explain", "--kernel", "cosine", PROMPT},
                new String[] {"explain", "--preset", "lime", PROMPT},
                new String[] {"explain", "--reference", "lime", PROMPT},
                new String[] {"explain", "--mask-token", "", "--operator", "mask", PROMPT},
                new String[] {"explain", "--top-k", "0", PROMPT}).map(a -> Arguments.of((Object) a));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputIsOneLineAndExitCodeTwo(String[] args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(1, List.of("--model", model(), "--max-new-tokens", "4"));
        assertUserError(gsmile(all.toArray(String[]::new)));
    }
}
