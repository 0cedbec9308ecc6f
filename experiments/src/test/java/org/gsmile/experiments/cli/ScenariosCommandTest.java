package org.gsmile.experiments.cli;

import static org.gsmile.experiments.cli.ExplainCommandTest.gsmile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gsmile.experiments.cli.ExplainCommandTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code gsmile scenarios expand}: its text and JSON, and each mistake as one line with exit code 2. */
class ScenariosCommandTest {
    static final String DRIVING = "suites/driving.yaml";

    @TempDir
    static Path temp;

    @Test
    void textListsTheCasesAndEndsWithTheCounts() {
        Result r = gsmile(Map.of(), "scenarios", "expand", DRIVING);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("Suite: driving (suites/driving.yaml): Thesis editing instructions on the tinyeditor driving"
                + " scenes, by scene condition and edit", lines.get(0));
        assertEquals("Dimensions: 5: scenery/scenery (2), environment/weather (4), environment/time (3),"
                + " sensor/quality (3), task/edit (12)", lines.get(1));
        assertEquals("Constraints: 14 exclusions, 16 scenes; 864 scenarios before them, 124 allowed", lines.get(2));
        assertEquals("pairwise: 47 cases, factorial 124, 2-way coverage 100 % (175 of 175 allowed pairs)",
                lines.get(lines.size() - 1));
        // One block of four lines per case: number and id, scenario, prompt, relevant words and scene.
        assertEquals(" 1. driving-rural-rainy-night-sharp-snow", lines.get(4));
        assertEquals("    scenery=rural weather=rainy time=night quality=sharp edit=snow", lines.get(5));
        assertEquals("    \"Transform the weather to snowy\"", lines.get(6));
        assertEquals("    relevant: snowy; scene: tinyeditor/scenes/scene05_rainy_night_sharp.png", lines.get(7));
        assertEquals(4 + 47 * 4 + 2, lines.size());
    }

    @Test
    void jsonForAProgram() throws IOException {
        Result r = gsmile(Map.of(), "scenarios", "expand", "--format", "json", "--strategy", "random", "--n", "5",
                "--seed", "7", "suites/stories.yaml");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("story", j.get("suite").asText());
        assertEquals("random", j.get("strategy").asText());
        assertEquals(5, j.get("n").asInt());
        assertEquals(7, j.get("seed").asLong());
        assertEquals(5, j.get("count").asInt());
        assertEquals(960, j.get("factorialCount").asLong());
        assertEquals(1000, j.get("productCount").asLong());
        assertEquals(2, j.get("coverage").get("t").asInt());
        assertEquals(172, j.get("coverage").get("allowed").asLong());
        assertTrue(j.get("coverage").get("covered").asLong() < 172);
        assertEquals(20, j.get("coverage").get("missing").size());
        assertEquals(5, j.get("cases").size());
        JsonNode c = j.get("cases").get(0);
        assertEquals(5, c.get("scenario").size());
        assertTrue(c.get("scene").isNull());
        assertTrue(c.get("prompt").asText().startsWith("Once upon a time") || c.get("prompt").asText().startsWith(
                "One day"), c.toString());
        assertEquals(List.of("opening", "character", "place", "object", "feeling"),
                List.of(j.get("dimensions").get(0).get("name").asText(), j.get("dimensions").get(1).get("name")
                                .asText(), j.get("dimensions").get(2).get("name").asText(),
                        j.get("dimensions").get(3).get("name").asText(), j.get("dimensions").get(4).get("name")
                                .asText()));
        // The same again: reproducible.
        assertEquals(r.out(), gsmile(Map.of(), "scenarios", "expand", "--format", "json", "--strategy", "random",
                "--n", "5", "--seed", "7", "suites/stories.yaml").out());
    }

    @Test
    void otherStrategiesAndStrengths() {
        List<String> factorial = gsmile(Map.of(), "scenarios", "expand", "--strategy", "factorial",
                "suites/llm-prompts.yaml").out().lines().toList();
        assertEquals("factorial: 228 cases, factorial 228, 2-way coverage 100 % (98 of 98 allowed pairs)",
                factorial.get(factorial.size() - 1));
        List<String> threeWay = gsmile(Map.of(), "scenarios", "expand", "--t", "3", "suites/llm-prompts.yaml").out()
                .lines().toList();
        assertTrue(threeWay.get(threeWay.size() - 1).matches("pairwise \\(t = 3\\): \\d+ cases, factorial 228, 3-way"
                + " coverage 100 % \\(289 of 289 allowed triples\\)"), threeWay.get(threeWay.size() - 1));
        List<String> random = gsmile(Map.of(), "scenarios", "expand", "--strategy", "random", "--n", "4",
                "suites/llm-prompts.yaml").out().lines().toList();
        assertTrue(random.get(random.size() - 2).startsWith("Not covered: "), random.get(random.size() - 2));
        assertTrue(random.get(random.size() - 1).startsWith("random: 4 cases (seed 42), factorial 228, 2-way"
                + " coverage "), random.get(random.size() - 1));
    }

    static Stream<Arguments> mistakes() throws IOException {
        Path bad = temp.resolve("bad.yaml");
        Files.writeString(bad, "dimensions:\n  e: {weather: [clear, rainy], time: []}\ntemplates: [{text: x}]\n");
        return Stream.of(
                Arguments.of(List.of("scenarios", "expand", "--t", "6", DRIVING), "gsmile scenarios expand: --t 6 is"
                        + " larger than the number of dimensions of suite driving (5): give --t from 2 to 5"),
                Arguments.of(List.of("scenarios", "expand", "--strategy", "pairwse", DRIVING), "gsmile scenarios"
                        + " expand: unknown --strategy 'pairwse': did you mean pairwise? choose pairwise (a t-way"
                        + " covering array), factorial or random"),
                Arguments.of(List.of("scenarios", "expand", "--n", "5", DRIVING), "gsmile scenarios expand: --n is the"
                        + " number of cases of --strategy random; pairwise makes as many as it needs: leave --n out"),
                Arguments.of(List.of("scenarios", "expand", "--strategy", "random", DRIVING), "gsmile scenarios"
                        + " expand: --strategy random needs the number of cases: give --n, like --n 20"),
                Arguments.of(List.of("scenarios", "expand", "--strategy", "random", "--n", "200", DRIVING), "gsmile"
                        + " scenarios expand: --n 200 is more than the 124 allowed scenarios of suite driving: give"
                        + " --n of at most 124, or use --strategy factorial"),
                Arguments.of(List.of("scenarios", "expand", "--format", "xml", DRIVING), "gsmile scenarios expand:"
                        + " unknown --format 'xml': choose text or json"),
                Arguments.of(List.of("scenarios", "expand", "nope.yaml"), "gsmile scenarios expand: nope.yaml: no such"
                        + " file: check the name"),
                Arguments.of(List.of("scenarios", "expand", bad.toString()), "gsmile scenarios expand: " + bad
                        + ":2:38: dimension time has no values: list at least one, as in time: [value1, value2]"),
                Arguments.of(List.of("scenarios", "expand"), "gsmile scenarios expand: no FILE given"),
                Arguments.of(List.of("scenarios", "expnd", DRIVING), "gsmile scenarios: unknown command 'expnd': did"
                        + " you mean expand? the command is expand"),
                Arguments.of(List.of("scenarios", "expand", "--t", "two", DRIVING), "gsmile scenarios expand: --t takes"
                        + " a whole number, got 'two'"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void oneLineAndExitTwo(List<String> args, String expected) {
        Result r = gsmile(Map.of(), args.toArray(String[]::new));
        assertEquals(2, r.exit(), r.err() + r.out());
        assertEquals("", r.out());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith(expected), "expected\n  " + expected + "\nat the start of\n  " + err);
        assertFalse(err.matches(".*\\{[a-zA-Z]+(=[^}]*)?}.*"), "a raw setting placeholder: " + err);
        assertTrue(err.length() < 300, err);
    }

    @Test
    void scenariosAloneShowsItsUsage() {
        Result r = gsmile(Map.of(), "scenarios");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("Usage: gsmile scenarios"), r.err());
        assertTrue(r.err().contains("expand"), r.err());
    }
}
