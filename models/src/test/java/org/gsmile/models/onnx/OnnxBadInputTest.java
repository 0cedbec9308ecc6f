package org.gsmile.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gsmile.core.UserInputException;
import org.gsmile.models.llama.TestModels;
import org.gsmile.models.resolve.ModelResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every problem with an ONNX model's files is one line naming the file and what is wrong. */
class OnnxBadInputTest {

    @TempDir
    Path dir;

    /** Asserts a one-line UserInputException holding every fragment, and returns its message. */
    static String userError(Executable load, String... fragments) {
        UserInputException e = assertThrows(UserInputException.class, load);
        String message = e.getMessage();
        assertEquals(1, message.lines().count(), "more than one line: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "'" + fragment + "' missing in: " + message);
        }
        return message;
    }

    private static OnnxLanguageModel load(Path model) {
        return OnnxLanguageModel.load("onnx:" + model, model, OnnxOptions.defaults());
    }

    private static ObjectNode toyConfig(int vocab) {
        ObjectNode config = new ObjectMapper().createObjectNode();
        config.put("vocab_size", vocab).put("max_positions", 32).put("bos_token_id", 1).put("eos_token_id", 2)
                .put("tokenizer", TestModels.stories260K("tok512.bin").toAbsolutePath().normalize().toString());
        return config;
    }

    private Path toyFolder(String name, OnnxWriter model, ObjectNode config) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        model.write(folder.resolve("model.onnx"));
        Files.writeString(folder.resolve("config.json"), config.toString());
        return folder.resolve("model.onnx");
    }

    @Test
    void aWorkingToyModelLoads() throws IOException {
        // The baseline for the broken variants below: the same construction, nothing wrong.
        Path model = toyFolder("ok", OnnxWriter.toyLanguageModel(512, 4, 512, 1), toyConfig(512));
        try (OnnxLanguageModel m = load(model)) {
            assertEquals(512, m.vocabSize());
            assertEquals(4, m.tokenEmbeddings()[0].length);
            assertEquals(3, m.scoreAsync(List.of("Once upon"), new int[] {5, 6, 7}).join().get(0).length());
        }
    }

    @Test
    void missingModelFile() {
        Path absent = dir.resolve("absent/model.onnx");
        userError(() -> load(absent), absent.toString(), "does not exist");
        userError(() -> OnnxModels.resolve("onnx:" + dir.resolve("absent"), null), "model.onnx", "does not exist");
    }

    @Test
    void namedModelsNeedTheSharedModelsFolder() {
        userError(() -> OnnxModels.resolve("onnx:tinygpt", null), "shared models folder", "GSMILE_MODELS", "tinygpt");
        userError(() -> new ModelResolver(null, dir.resolve("cache"), URI.create("http://127.0.0.1:9/"))
                .resolve("onnx:tinylstm"), "shared models folder", "GSMILE_MODELS", "tinylstm");
        userError(() -> OnnxModels.resolve("onnx:nosuchmodel", dir), "shared models folder", "GSMILE_MODELS",
                dir.resolve("nosuchmodel").resolve("model.onnx").toString());
        userError(() -> OnnxModels.resolve("onnx:", dir), "names no model");
    }

    @Test
    void missingConfig() throws IOException {
        Path model = OnnxWriter.toyLanguageModel(512, 4, 512, 1).write(dir.resolve("bare/model.onnx"));
        userError(() -> load(model), dir.resolve("bare/config.json").toString(), "does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vocab_size", "max_positions", "bos_token_id"})
    void configMissingARequiredField(String field) throws IOException {
        ObjectNode config = toyConfig(512);
        config.remove(field);
        Path model = toyFolder("no-" + field, OnnxWriter.toyLanguageModel(512, 4, 512, 1), config);
        userError(() -> load(model), model.resolveSibling("config.json").toString(), "\"" + field + "\"", "lacks");
    }

    @Test
    void configFieldsOfTheWrongKind() throws IOException {
        for (String[] bad : new String[][] {{"vocab_size", "\"512\""}, {"max_positions", "0"}, {"bos_token_id", "512"},
                {"story_delimiter", "\"a full stop\""}, {"stop_token_ids", "3"}, {"outputs", "{\"a\": 1, \"b\": 2}"}}) {
            ObjectNode config = toyConfig(512);
            config.set(bad[0], new ObjectMapper().readTree(bad[1]));
            Path model = toyFolder("bad-" + bad[0], OnnxWriter.toyLanguageModel(512, 4, 512, 1), config);
            userError(() -> load(model), model.resolveSibling("config.json").toString(), "\"" + bad[0] + "\" must be");
        }
        Path model = toyFolder("not-json", OnnxWriter.toyLanguageModel(512, 4, 512, 1), toyConfig(512));
        Files.writeString(model.resolveSibling("config.json"), "{\"vocab_size\": 512,");
        userError(() -> load(model), model.resolveSibling("config.json").toString(), "not valid JSON");
    }

    @Test
    void corruptModelFiles() throws IOException {
        Path garbage = toyFolder("garbage", OnnxWriter.toyLanguageModel(512, 4, 512, 1), toyConfig(512));
        byte[] noise = new byte[4096];
        new java.util.Random(3).nextBytes(noise);
        Files.write(garbage, noise);
        userError(() -> load(garbage), garbage.toString(), "cannot be loaded by ONNX Runtime");

        // Half of a real export, first with a config that does not pin the hash, then with the real config.
        Path real = OnnxTestModels.folder("tinygpt").resolve("model.onnx");
        byte[] bytes = Files.readAllBytes(real);
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(OnnxTestModels.configWithAbsoluteTokenizer("tinygpt"));
        String sha = config.remove("sha256").asText();
        Path truncated = toyFolder("truncated", new OnnxWriter(), config);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        userError(() -> load(truncated), truncated.toString(), "cannot be loaded by ONNX Runtime");

        config.put("sha256", sha);
        Files.writeString(truncated.resolveSibling("config.json"), config.toString());
        userError(() -> load(truncated), truncated.toString(), "has sha256", sha, "restore");
    }

    @Test
    void outputThatIsNotLogits() throws IOException {
        OnnxWriter idsAsFloats = new OnnxWriter()
                .input("input_ids", OnnxWriter.INT64, "batch", "seq")
                .output("logits", OnnxWriter.FLOAT, "batch", "seq")
                .node("Cast", List.of("input_ids"), List.of("logits"), OnnxWriter.intAttribute("to", OnnxWriter.FLOAT));
        Path model = toyFolder("rank2", idsAsFloats, toyConfig(512));
        userError(() -> load(model), model.toString(), "expected float32 logits [2, 2, 512]");

        ObjectNode renamed = toyConfig(512);
        renamed.set("outputs", new ObjectMapper().readTree("{\"scores\": {}}"));
        Path other = toyFolder("renamed", OnnxWriter.toyLanguageModel(512, 4, 512, 1), renamed);
        userError(() -> load(other), other.toString(), "no output named 'scores'");
    }

    @Test
    void inputsBeyondTheTokenIds() throws IOException {
        OnnxWriter withMask = OnnxWriter.toyLanguageModel(512, 4, 512, 1)
                .input("attention_mask", OnnxWriter.INT64, "batch", "seq");
        Path model = toyFolder("mask", withMask, toyConfig(512));
        userError(() -> load(model), model.toString(), "attention_mask");
    }

    @Test
    void vocabularyThatDoesNotMatch() throws IOException {
        Path tok512 = TestModels.stories260K("tok512.bin").toAbsolutePath().normalize();
        Path model = toyFolder("wide-config", OnnxWriter.toyLanguageModel(600, 4, 600, 1), toyConfig(600));
        userError(() -> load(model), tok512.toString(), "600");

        Path narrow = toyFolder("narrow-logits", OnnxWriter.toyLanguageModel(512, 4, 300, 1), toyConfig(512));
        userError(() -> load(narrow), narrow.toString(), "[2, 2, 300]", "vocab_size");
    }

    @Test
    void tokenizerTheConfigNamesMustExist() throws IOException {
        ObjectNode config = toyConfig(512);
        config.put("tokenizer", "../nowhere/tok512.bin");
        Path model = toyFolder("no-tok", OnnxWriter.toyLanguageModel(512, 4, 512, 1), config);
        String message = userError(() -> load(model), "nowhere", "tok512.bin", "does not exist");
        assertFalse(message.contains(".."), "path not normalised: " + message);

        config.remove("tokenizer");
        Path bare = toyFolder("no-tok-at-all", OnnxWriter.toyLanguageModel(512, 4, 512, 1), config);
        userError(() -> load(bare), "tokenizer.json", bare.resolveSibling("config.json").toString());
    }
}
