package org.gsmile.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.gsmile.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the token embedding table in hand-written graphs, including look-alikes that must be ignored. */
class OnnxEmbeddingLocatorTest {

    private static final int VOCAB = 12;
    private static final int DIM = 3;

    @TempDir
    Path dir;

    private OnnxGraph write(OnnxWriter writer) throws IOException {
        return OnnxGraph.read(writer.write(dir.resolve("model.onnx")));
    }

    private static OnnxWriter withIds() {
        return new OnnxWriter().input("input_ids", OnnxWriter.INT64, "batch", "seq")
                .output("logits", OnnxWriter.FLOAT, "batch", "seq", (long) VOCAB);
    }

    @Test
    void findsTheTableGatheredByTheIdsThroughCastsAndIdentities() throws IOException {
        float[] table = OnnxWriter.random(VOCAB * DIM, 1);
        OnnxGraph graph = write(withIds()
                .initializer("shared.weight", table, VOCAB, DIM)
                .node("Identity", List.of("shared.weight"), List.of("tied"))
                .node("Cast", List.of("input_ids"), List.of("ids32"), OnnxWriter.intAttribute("to", 6))
                .node("Gather", List.of("tied", "ids32"), List.of("h")));
        EmbeddingLocator.Lookup lookup = EmbeddingLocator.locate(graph, "input_ids", VOCAB, null);
        assertNull(lookup.problem());
        assertEquals("shared.weight", lookup.table().name());
        float[][] rows = EmbeddingLocator.rows(graph, lookup.table());
        assertEquals(VOCAB, rows.length);
        for (int token = 0; token < VOCAB; token++) {
            float[] expected = new float[DIM];
            System.arraycopy(table, token * DIM, expected, 0, DIM);
            assertArrayEquals(expected, rows[token]);
        }
    }

    /** A position table of the same shape is gathered by indices derived from the ids' shape, not their values. */
    @Test
    void ignoresATableGatheredByPositions() throws IOException {
        OnnxGraph graph = write(withIds()
                .initializer("positions", OnnxWriter.random(VOCAB * DIM, 2), VOCAB, DIM)
                .initializer("tokens", OnnxWriter.random(VOCAB * DIM, 3), VOCAB, DIM)
                .int64Initializer("zero", new long[] {0})
                .int64Initializer("one", new long[] {1})
                .node("Shape", List.of("input_ids"), List.of("shape"))
                .node("Gather", List.of("shape", "one"), List.of("seq_len"))
                .node("Range", List.of("zero", "seq_len", "one"), List.of("pos"))
                .node("Gather", List.of("positions", "pos"), List.of("pe"))
                .node("Gather", List.of("tokens", "input_ids"), List.of("te")));
        assertEquals("tokens", EmbeddingLocator.locate(graph, "input_ids", VOCAB, null).table().name());
    }

    @Test
    void twoCandidatesAreAmbiguousUnlessTheConfigNamesOne() throws IOException {
        OnnxGraph graph = write(withIds()
                .initializer("a", OnnxWriter.random(VOCAB * DIM, 4), VOCAB, DIM)
                .initializer("b", OnnxWriter.random(VOCAB * 5, 5), VOCAB, 5)
                .node("Gather", List.of("a", "input_ids"), List.of("x"))
                .node("Gather", List.of("b", "input_ids"), List.of("y")));
        EmbeddingLocator.Lookup lookup = EmbeddingLocator.locate(graph, "input_ids", VOCAB, null);
        assertNull(lookup.table());
        assertTrue(lookup.problem().contains("a, b") && lookup.problem().contains("embedding_initializer"),
                lookup.problem());
        assertEquals("b", EmbeddingLocator.locate(graph, "input_ids", VOCAB, "b").table().name());
        assertTrue(EmbeddingLocator.locate(graph, "input_ids", VOCAB, "c").problem().contains("'c'"));
    }

    @Test
    void wrongShapesAndTypesAreNotEmbeddings() throws IOException {
        OnnxGraph graph = write(withIds()
                .initializer("too_few_rows", OnnxWriter.random((VOCAB - 1) * DIM, 6), VOCAB - 1, DIM)
                .int64Initializer("ints", new long[VOCAB * 2], VOCAB, 2)
                .node("Gather", List.of("too_few_rows", "input_ids"), List.of("x"))
                .node("Gather", List.of("ints", "input_ids"), List.of("y")));
        EmbeddingLocator.Lookup lookup = EmbeddingLocator.locate(graph, "input_ids", VOCAB, null);
        assertNull(lookup.table());
        assertTrue(lookup.problem().startsWith("no float32 [" + VOCAB + ", d] constant"), lookup.problem());
        assertTrue(EmbeddingLocator.locate(graph, "input_ids", VOCAB, "ints").problem().contains("not float32"));
    }

    @Test
    void readsConstantNodesAndUnpackedFloatData() throws IOException {
        float[] constant = OnnxWriter.random(VOCAB * DIM, 7);
        OnnxGraph fromConstant = write(withIds()
                .constant("table", constant, VOCAB, DIM)
                .node("Gather", List.of("table", "input_ids"), List.of("h")));
        EmbeddingLocator.Lookup lookup = EmbeddingLocator.locate(fromConstant, "input_ids", VOCAB, null);
        assertArrayEquals(constant, fromConstant.floats(lookup.table()));

        float[] unpacked = OnnxWriter.random(VOCAB * DIM, 8);
        OnnxGraph fromFloatData = write(withIds()
                .initializerUnpacked("table", unpacked, VOCAB, DIM)
                .node("Gather", List.of("table", "input_ids"), List.of("h")));
        lookup = EmbeddingLocator.locate(fromFloatData, "input_ids", VOCAB, null);
        assertArrayEquals(unpacked, fromFloatData.floats(lookup.table()));
    }

    @Test
    void aTableWhoseDataIsShortIsAUserError() throws IOException {
        OnnxGraph graph = write(withIds()
                .initializerUnpacked("table", new float[VOCAB * DIM - 1], VOCAB, DIM)
                .node("Gather", List.of("table", "input_ids"), List.of("h")));
        OnnxGraph.Tensor table = EmbeddingLocator.locate(graph, "input_ids", VOCAB, null).table();
        UserInputException e = assertThrows(UserInputException.class, () -> graph.floats(table));
        assertTrue(e.getMessage().contains("model.onnx") && e.getMessage().contains("table"), e.getMessage());
    }

    /**
     * There is no stand-in table: another model's embeddings would give a ground cost unrelated to
     * this model. Scoring still works, and the config can name the table.
     */
    @Test
    void aModelWithoutAnIdentifiableTableScoresButGivesNoEmbeddings() throws IOException {
        float[] table = OnnxWriter.random(512 * DIM, 9);
        OnnxWriter writer = new OnnxWriter()
                .input("input_ids", OnnxWriter.INT64, "batch", "seq")
                .output("logits", OnnxWriter.FLOAT, "batch", "seq", 512L)
                .initializer("tok_emb", table, 512, DIM)
                .initializer("head", OnnxWriter.random(DIM * 512, 10), DIM, 512)
                .int64Initializer("zero", new long[] {0})
                .node("Add", List.of("input_ids", "zero"), List.of("shifted"))
                .node("Gather", List.of("tok_emb", "shifted"), List.of("h"))
                .node("MatMul", List.of("h", "head"), List.of("logits"));
        Path model = writer.write(dir.resolve("model.onnx"));
        String tok512 = org.gsmile.models.llama.TestModels.stories260K("tok512.bin").toAbsolutePath().toString();
        String config = "{\"vocab_size\": 512, \"max_positions\": 16, \"bos_token_id\": 1, \"tokenizer\": \""
                + tok512 + "\"";
        java.nio.file.Files.writeString(dir.resolve("config.json"), config + "}");
        try (OnnxLanguageModel m = OnnxLanguageModel.load("onnx:toy", model, OnnxOptions.defaults())) {
            assertEquals(2, m.scoreAsync(List.of("Once"), new int[] {5, 6}).join().get(0).length());
            String message = OnnxBadInputTest.userError(m::tokenEmbeddings, "onnx:toy", "logprob-shift",
                    "embedding_initializer");
            assertTrue(message.contains("no float32 [512, d] constant"), message);
        }
        java.nio.file.Files.writeString(dir.resolve("config.json"), config + ", \"embedding_initializer\": \"tok_emb\"}");
        try (OnnxLanguageModel m = OnnxLanguageModel.load("onnx:toy", model, OnnxOptions.defaults())) {
            assertArrayEquals(new float[] {table[DIM], table[DIM + 1], table[DIM + 2]}, m.tokenEmbeddings()[1]);
        }
    }
}
