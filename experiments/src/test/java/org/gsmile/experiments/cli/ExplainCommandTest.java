package org.gsmile.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.gsmile.models.testing.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line end to end, in process, on the real stories260K model. */
class ExplainCommandTest {
    static final String PROMPT = "Lily wanted to play with her red ball";

    record Result(int exit, String out, String err) {
    }

    static Result gsmile(String... args) {
        return gsmile(System.getenv(), args);
    }

    /** The command line reading the given environment instead of the process's. */
    static Result gsmile(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Gsmile.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
        return new Result(exit, out.toString(), err.toString());
    }

    /** The shared models folder holding stories260K; skips the test (fails it in CI): see {@link SharedModels}. */
    static Path modelsDir() {
        return SharedModels.folderWith("stories260K/stories260K.bin");
    }

    static String model() {
        return "local:" + modelsDir().resolve("stories260K/stories260K.bin").toAbsolutePath();
    }

    @Test
    void explainsARealPromptAsRankedWords() {
        Result r = gsmile("explain", "--model", model(), "--samples", "32", "--max-new-tokens", "8", PROMPT);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Output: "), r.out());
        assertTrue(r.out().contains("Fit: weighted R²"), r.out());
        assertTrue(r.out().contains("33 requested"), r.out());
        for (String word : PROMPT.split(" ")) {
            assertTrue(r.out().contains(" " + word + " "), word + " missing in\n" + r.out());
        }
    }

    @Test
    void autoSaysWhenTheTopKCannotBeDecided() throws IOException {
        // Third and fourth place of this prompt are closer than 256 samples can separate (issue 9).
        String[] args = {"explain", "--model", model(), "--samples", "auto", "--distance", "logprob-shift", "--seed", "3",
                "The sun was hot, so Ben went to swim in the lake."};
        Result r = gsmile(args);
        assertEquals(0, r.exit(), r.err());
        // The text output wraps long lines.
        assertTrue(r.out().replaceAll("\\s+", " ").contains("stopped: top-3 tied: 'was' (3rd) and 'Ben' (4th) are"
                + " closer than --max-samples 256 could separate, so the top-3 cannot be decided with this budget"),
                r.out());
        String[] json = java.util.Arrays.copyOf(args, args.length + 2);
        json[args.length] = "--format";
        json[args.length + 1] = "json";
        JsonNode j = new ObjectMapper().readTree(gsmile(json).out());
        assertEquals("tied", j.at("/sampling/stopReason").asText());
        assertTrue(j.at("/sampling/samples").asInt() < 256, j.at("/sampling/samples").toString());
    }

    @Test
    void sameSeedSameJsonApartFromTimings() throws IOException {
        String[] args = {"explain", "--model", model(), "--samples", "24", "--max-new-tokens", "8", "--format", "json",
                "--seed", "7", PROMPT};
        Result a = gsmile(args);
        Result b = gsmile(args);
        assertEquals(0, a.exit(), a.err());
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode ja = (ObjectNode) mapper.readTree(a.out());
        ObjectNode jb = (ObjectNode) mapper.readTree(b.out());
        ja.remove("timingsMs");
        jb.remove("timingsMs");
        assertEquals(ja, jb);

        args[args.length - 3] = "8";
        ObjectNode other = (ObjectNode) mapper.readTree(gsmile(args).out());
        assertNotEquals(ja.get("attribution"), other.get("attribution"));
    }

    @Test
    void jsonHasThePublishedKeysInOrder() throws IOException {
        Result r = gsmile("explain", "--model", model(), "--samples", "16", "--max-new-tokens", "4", "--format", "json",
                "--distance", "logprob-shift", "--surrogate", "sgd", PROMPT);
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = j.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        // The published keys in their order; later versions only add keys after them.
        assertEquals(List.of("model", "prompt", "output", "units", "attribution", "normalized", "intercept",
                "fidelity", "calls", "timingsMs", "seed", "config", "provenance", "sampling", "outputTokens", "warnings", "samples"),
                keys);
        assertEquals(8, j.get("units").size());
        assertEquals("Lily", j.get("units").get(0).get("text").asText());
        assertEquals(8, j.get("attribution").size());
        assertEquals(17, j.get("calls").get("requested").asInt());
        assertEquals(j.get("calls").get("requested").asInt(),
                j.get("calls").get("unique").asInt() + j.get("calls").get("cacheHits").asInt());
        assertEquals("logprob-shift", j.get("config").get("distance").asText());
        assertEquals("b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696",
                j.get("provenance").get("modelSha256").asText());
        double max = 0;
        for (JsonNode n : j.get("normalized")) {
            max = Math.max(max, n.asDouble());
        }
        assertEquals(1.0, max, 1e-12);
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> badOptions() {
        return java.util.stream.Stream.of(
                new String[] {"explain", ""},
                new String[] {"explain", "   "},
                new String[] {"explain", "--samples", "0", PROMPT},
                new String[] {"explain", "--keep", "1", PROMPT},
                new String[] {"explain", "--keep", "0", PROMPT},
                new String[] {"explain", "--sigma", "0", PROMPT},
                new String[] {"explain", "--sigma", "-1", PROMPT},
                new String[] {"explain", "--distance", "cosine", PROMPT},
                new String[] {"explain", "--surrogate", "ridge", PROMPT},
                new String[] {"explain", "--format", "xml", PROMPT},
                new String[] {"explain", "--model", "gpt5", PROMPT},
                new String[] {"explain", "--model", "local:nosuchmodel", PROMPT},
                new String[] {"explain", "--samples", "many", PROMPT},
                new String[] {"explain", "--no-such-option", PROMPT},
                new String[] {"explain"}).map(a -> org.junit.jupiter.params.provider.Arguments.of((Object) a));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void badInputIsOneLineAndExitCodeTwo(String[] args) {
        assertUserError(gsmile(args));
    }

    @Test
    void promptLongerThanTheContextIsAUserError() {
        Result r = gsmile("explain", "--model", model(), "--samples", "4", "word ".repeat(600));
        assertUserError(r);
        assertTrue(r.err().contains("context"), r.err());
    }

    @Test
    void missingTruncatedAndAlteredModelFilesAreUserErrors(@TempDir Path dir) throws IOException {
        Path real = modelsDir().resolve("stories260K");
        assertUserError(gsmile("explain", "--model", "local:" + dir.resolve("absent.bin"), PROMPT));

        Path truncated = Files.createDirectories(dir.resolve("truncated"));
        byte[] bin = Files.readAllBytes(real.resolve("stories260K.bin"));
        Files.write(truncated.resolve("model.bin"), java.util.Arrays.copyOf(bin, bin.length / 2));
        Files.copy(real.resolve("tok512.bin"), truncated.resolve("tok512.bin"));
        Result r = gsmile("explain", "--model", "local:" + truncated.resolve("model.bin"), PROMPT);
        assertUserError(r);
        assertTrue(r.err().contains("truncated"), r.err());

        // A cache copy of stories260K whose bytes changed must fail its published hash.
        Path cache = Files.createDirectories(dir.resolve("models/stories260K"));
        bin[100] ^= 1;
        Files.write(cache.resolve("stories260K.bin"), bin);
        Files.copy(real.resolve("tok512.bin"), cache.resolve("tok512.bin"));
        org.gsmile.core.UserInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.gsmile.core.UserInputException.class,
                () -> new org.gsmile.models.resolve.ModelResolver(dir.resolve("models"), dir.resolve("cache"),
                        java.net.URI.create("http://127.0.0.1:9/")).resolve("local:stories260K"));
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    }

    static void assertUserError(Result r) {
        assertEquals(2, r.exit(), r.out() + r.err());
        String err = r.err().strip();
        assertFalse(err.isEmpty(), "no message");
        assertEquals(1, err.lines().count(), "more than one line:\n" + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "stack trace:\n" + err);
    }
}
