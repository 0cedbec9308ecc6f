package org.gsmile.experiments.cli;

import static org.gsmile.experiments.cli.ExplainCommandTest.assertUserError;
import static org.gsmile.experiments.cli.ExplainCommandTest.gsmile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gsmile.experiments.cli.ExplainCommandTest.Result;
import org.gsmile.models.testing.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gsmile explain} end to end on the three ONNX architectures of the shared models folder. */
class OnnxExplainTest {
    static final String PROMPT = ExplainCommandTest.PROMPT;
    static final List<String> ARCHITECTURES = List.of("stories260K-onnx", "tinygpt", "tinylstm");

    /** The shared models folder holding the three architectures; skips (fails in CI): see {@link SharedModels}. */
    static Path modelsDir() {
        return SharedModels.folderWith(ARCHITECTURES.stream().map(name -> name + "/model.onnx").toArray(String[]::new));
    }

    /** The path form, which works whether or not GSMILE_MODELS is set in the test's environment. */
    static String model(String name) {
        return "onnx:" + modelsDir().resolve(name).resolve("model.onnx").toAbsolutePath();
    }

    static ObjectNode explainJson(String model, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("explain", "--model", model, "--samples", "24",
                "--max-new-tokens", "8", "--format", "json", "--seed", "5"));
        args.addAll(List.of(extra));
        args.add(PROMPT);
        Result r = gsmile(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return (ObjectNode) new ObjectMapper().readTree(r.out());
    }

    @Test
    void explainsWithTheLstmLikeAnyOtherModel() {
        Result r = gsmile("explain", "--model", model("tinylstm"), "--samples", "32", "--max-new-tokens", "8", PROMPT);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Output: "), r.out());
        assertTrue(r.out().contains("Fit: weighted R²"), r.out());
        assertTrue(r.out().contains("33 requested"), r.out());
        for (String word : PROMPT.split(" ")) {
            assertTrue(r.out().contains(" " + word + " "), word + " missing in\n" + r.out());
        }
    }

    @Test
    void theNamedFormResolvesThroughGsmileModels() {
        SharedModels.folderFromEnvironment();
        modelsDir();
        Result r = gsmile("explain", "--model", "onnx:tinylstm?batch=4", "--samples", "8", "--max-new-tokens", "4", PROMPT);
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void jsonNamesTheModelAndItsPublishedHashAndRepeatsWithTheSameSeed() throws IOException {
        String model = model("tinygpt");
        ObjectNode a = explainJson(model);
        ObjectNode b = explainJson(model);
        JsonNode config = new ObjectMapper().readTree(modelsDir().resolve("tinygpt/config.json").toFile());
        assertEquals(model, a.get("model").asText());
        assertEquals(config.get("sha256").asText(), a.get("provenance").get("modelSha256").asText());
        a.remove("timingsMs");
        b.remove("timingsMs");
        assertEquals(a, b);
    }

    @Test
    void threeArchitecturesExplainTheSamePromptDifferently() throws IOException {
        List<JsonNode> attributions = new ArrayList<>();
        for (String name : ARCHITECTURES) {
            ObjectNode j = explainJson(model(name));
            assertEquals(PROMPT.split(" ").length, j.get("attribution").size(), name);
            assertEquals(25, j.get("calls").get("requested").asInt(), name);
            attributions.add(j.get("attribution"));
        }
        for (int i = 0; i < attributions.size(); i++) {
            for (int k = i + 1; k < attributions.size(); k++) {
                assertNotEquals(attributions.get(i), attributions.get(k),
                        ARCHITECTURES.get(i) + " and " + ARCHITECTURES.get(k) + " gave identical attributions");
            }
        }
    }

    @Test
    void logprobShiftAndTheSgdSurrogateWorkToo() throws IOException {
        ObjectNode j = explainJson(model("stories260K-onnx"), "--distance", "logprob-shift", "--surrogate", "sgd");
        assertEquals("logprob-shift", j.get("config").get("distance").asText());
    }

    @Test
    void badOnnxInputIsOneLineAndExitCodeTwo(@TempDir Path dir) throws IOException {
        assertUserError(gsmile("explain", "--model", "onnx:" + dir.resolve("absent/model.onnx"), PROMPT));
        assertUserError(gsmile("explain", "--model", "onnx:" + modelsDir().resolve("tinylstm/model.onnx") + "?batch=0",
                PROMPT));

        Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
        Files.writeString(corrupt.resolve("config.json"), Files.readString(modelsDir().resolve("tinylstm/config.json"))
                .replace("\"../stories260K/tok512.bin\"",
                        "\"" + modelsDir().resolve("stories260K/tok512.bin").toAbsolutePath() + "\""));
        Files.write(corrupt.resolve("model.onnx"), new byte[] {8, 7, 18, 3, 'a', 'b'});
        Result r = gsmile("explain", "--model", "onnx:" + corrupt.resolve("model.onnx"), PROMPT);
        assertUserError(r);
        assertTrue(r.err().contains("model.onnx"), r.err());

        // tinylstm runs past 256 tokens but was never validated there; its config limit holds.
        Result tooLong = gsmile("explain", "--model", model("tinylstm"), "--samples", "4", "word ".repeat(300));
        assertUserError(tooLong);
        assertTrue(tooLong.err().contains("context of 256"), tooLong.err());
    }
}
