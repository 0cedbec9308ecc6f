package org.gsmile.models.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gsmile.core.UserInputException;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.TokenScores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufReaderTest {

    @TempDir
    Path dir;

    @Test
    void ggufGivesTheSameDistributionsAndTextAsTheCheckpoint() {
        LocalLlamaModel bin = TestModels.stories260KModel();
        try (LocalLlamaModel gguf = LocalLlamaModel.loadGguf("gguf", TestModels.stories260K("stories260K.gguf"))) {
            assertSameModel(bin, gguf);
        }
    }

    @Test
    void readsMetadataAndTensorLayout() {
        GgufFile gguf = GgufReader.read(TestModels.stories260K("stories260K.gguf"));
        assertEquals(3, gguf.version());
        assertEquals("llama", gguf.requireString("general.architecture"));
        GgufTensor ffnDown = gguf.requireTensor("blk.0.ffn_down.weight");
        LlamaWeights weights = GgufLlama.weights(gguf);
        // ffn_down maps hidden -> dim, so ggml lists it as {hidden (columns), dim (rows)}.
        assertArrayEquals(new long[] {weights.config().hiddenDim(), weights.config().dim()}, ffnDown.shape());
        LlamaWeights bin = Llama2cCheckpoint.read(TestModels.stories260K("stories260K.bin"));
        // PROVENANCE.md: the tensors are bit-identical to llama2.c's, so Q and K are not permuted.
        assertArrayEquals(bin.layers().get(2).wq(), weights.layers().get(2).wq());
        assertArrayEquals(bin.layers().get(2).wk(), weights.layers().get(2).wk());
        assertEquals(bin.config().dim(), weights.config().dim());
        assertEquals(bin.config().nKvHeads(), weights.config().nKvHeads());
    }

    @Test
    void sharesTheEmbeddingWhenOutputWeightIsAbsent() throws IOException {
        GgufFile original = GgufReader.read(TestModels.stories260K("stories260K.gguf"));
        GgufWriter writer = new GgufWriter().all(new LinkedHashMap<>(original.metadata()));
        original.tensors().values().stream()
                .filter(t -> !t.name().equals("output.weight"))
                .forEach(t -> writer.tensor(t.name(), t.shape(), t.data()));
        Path rewritten = Files.write(dir.resolve("shared.gguf"), writer.toBytes());
        LlamaWeights weights = GgufLlama.weights(GgufReader.read(rewritten));
        assertTrue(weights.sharedClassifier());
        assertFalse(GgufLlama.weights(original).sharedClassifier());
        try (LocalLlamaModel model = LocalLlamaModel.loadGguf("rewritten", rewritten)) {
            assertSameModel(TestModels.stories260KModel(), model);
        }
    }

    @Test
    void parsesEveryMetadataTypeAndAlignment() throws IOException {
        byte[] bytes = new GgufWriter()
                .alignment(64)
                .scalar("u8", GgufWriter.UINT8, 200)
                .scalar("i8", GgufWriter.INT8, -5)
                .scalar("u16", GgufWriter.UINT16, 60000)
                .scalar("i16", GgufWriter.INT16, -300)
                .scalar("u32", GgufWriter.UINT32, 0xFFFFFFFFL)
                .scalar("i32", GgufWriter.INT32, -70000)
                .scalar("f32", GgufWriter.FLOAT32, 0.5f)
                .scalar("bool", GgufWriter.BOOL, true)
                .scalar("str", GgufWriter.STRING, "héllo")
                .scalar("u64", GgufWriter.UINT64, 1L << 40)
                .scalar("i64", GgufWriter.INT64, -(1L << 40))
                .scalar("f64", GgufWriter.FLOAT64, 0.25)
                .array("nested", GgufWriter.ARRAY, List.of(List.of("a", "b"), List.of("c")))
                .array("ints", GgufWriter.INT32, List.of(1, 2, 3))
                .tensor("a", new long[] {3}, new float[] {1, 2, 3})
                .tensor("b", new long[] {2, 2}, new float[] {4, 5, 6, 7})
                .toBytes();
        GgufFile gguf = GgufReader.read(Files.write(dir.resolve("types.gguf"), bytes));
        Map<String, Object> m = gguf.metadata();
        assertEquals(200L, m.get("u8"));
        assertEquals(-5L, m.get("i8"));
        assertEquals(60000L, m.get("u16"));
        assertEquals(-300L, m.get("i16"));
        assertEquals(0xFFFFFFFFL, m.get("u32"));
        assertEquals(-70000L, m.get("i32"));
        assertEquals(0.5, m.get("f32"));
        assertEquals(true, m.get("bool"));
        assertEquals("héllo", m.get("str"));
        assertEquals(1L << 40, m.get("u64"));
        assertEquals(-(1L << 40), m.get("i64"));
        assertEquals(0.25, m.get("f64"));
        assertEquals(List.of(List.of("a", "b"), List.of("c")), m.get("nested"));
        assertEquals(List.of(1L, 2L, 3L), m.get("ints"));
        assertArrayEquals(new float[] {1, 2, 3}, gguf.requireTensor("a").data());
        assertArrayEquals(new float[] {4, 5, 6, 7}, gguf.requireTensor("b").data());
    }

    @Test
    void rejectsQuantisedTensorsNamingFileAndType() throws IOException {
        byte[] bytes = new GgufWriter()
                .tensor("token_embd.weight", new long[] {4}, 1, new byte[8])
                .toBytes();
        Path file = Files.write(dir.resolve("half.gguf"), bytes);
        UserInputException e = assertThrows(UserInputException.class, () -> GgufReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("F16"), e.getMessage());
    }

    @Test
    void truncatedFileNamesExpectedAndFoundSizes() throws IOException {
        Path original = TestModels.stories260K("stories260K.gguf");
        byte[] all = Files.readAllBytes(original);
        for (int keep : new int[] {all.length - 1, all.length / 2, 5000, 20}) {
            Path file = Files.write(dir.resolve("cut" + keep + ".gguf"), Arrays.copyOf(all, keep));
            UserInputException e = assertThrows(UserInputException.class, () -> GgufReader.read(file));
            assertTrue(e.getMessage().startsWith(file + " is truncated: expected "), e.getMessage());
            assertTrue(e.getMessage().contains("found " + keep), e.getMessage());
        }
        Path half = dir.resolve("cut" + all.length / 2 + ".gguf");
        UserInputException e = assertThrows(UserInputException.class, () -> GgufReader.read(half));
        assertTrue(e.getMessage().contains("expected " + all.length + " bytes"), e.getMessage());
    }

    @Test
    void rejectsFilesThatAreNotGguf() throws IOException {
        Path file = Files.write(dir.resolve("text.gguf"), "hello world, not a model".getBytes());
        UserInputException e = assertThrows(UserInputException.class, () -> GgufReader.read(file));
        assertTrue(e.getMessage().contains("not a GGUF file"), e.getMessage());
    }

    private static void assertSameModel(LocalLlamaModel expected, LocalLlamaModel actual) {
        assertNotSame(expected.engine(), actual.engine());
        String prompt = "Once upon a time";
        int[] tokens = actual.tokenizer().encode(prompt);
        assertArrayEquals(expected.tokenizer().encode(prompt), tokens);
        int[] greedy = expected.engine().generate(tokens, 60, DecodingOptions.greedy(60));
        assertArrayEquals(greedy, actual.engine().generate(tokens, 60, DecodingOptions.greedy(60)));
        assertEquals(prompt + expected.decode(greedy), prompt + actual.decode(greedy));
        TokenScores a = expected.engine().score(tokens, greedy);
        TokenScores b = actual.engine().score(tokens, greedy);
        for (int t = 0; t < greedy.length; t++) {
            assertArrayEquals(a.distributions()[t], b.distributions()[t], 1e-5f, "position " + t);
        }
        assertSame(actual, actual.tokenScorer().orElseThrow());
    }
}
