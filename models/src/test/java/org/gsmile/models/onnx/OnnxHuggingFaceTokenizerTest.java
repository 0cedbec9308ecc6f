package org.gsmile.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.TokenScores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model folder with a Hugging Face tokenizer.json instead of a llama2.c tokenizer, on a toy
 * model whose logits at a position depend only on that position's token (embedding then linear
 * head), so every expected distribution can be computed by hand.
 */
class OnnxHuggingFaceTokenizerTest {

    private static final List<String> WORDS = List.of("<unk>", "<s>", "</s>", "the", "cat", "sat", "on", "mat",
            "a", "dog", "ran", "and", "big", "red", "ball", "it");
    private static final int VOCAB = WORDS.size();
    private static final int DIM = 4;

    @TempDir
    Path dir;

    private static String tokenizerJson(List<String> words) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < 3; id++) {
            added.addObject().put("id", id).put("content", words.get(id)).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "Whitespace");
        root.putNull("post_processor");
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel").put("unk_token", "<unk>");
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < words.size(); id++) {
            vocab.put(words.get(id), id);
        }
        return root.toString();
    }

    private Path folder(List<String> words) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("hf"));
        OnnxWriter.toyLanguageModel(VOCAB, DIM, VOCAB, 11).write(folder.resolve("model.onnx"));
        Files.writeString(folder.resolve("config.json"), "{\"vocab_size\": " + VOCAB
                + ", \"max_positions\": 32, \"bos_token_id\": 1, \"eos_token_id\": 2}");
        Files.writeString(folder.resolve("tokenizer.json"), tokenizerJson(words));
        return folder.resolve("model.onnx");
    }

    @Test
    void encodesScoresGeneratesAndDecodesThroughTokenizerJson() throws IOException {
        Path file = folder(WORDS);
        float[] emb = OnnxWriter.random(VOCAB * DIM, 11);
        float[] head = OnnxWriter.random(DIM * VOCAB, 12);
        try (OnnxLanguageModel model = OnnxModels.resolve("onnx:" + file + "?batch=2", null)) {
            int[] prompt = model.encode("the cat sat");
            assertArrayEquals(new int[] {1, WORDS.indexOf("the"), WORDS.indexOf("cat"), WORDS.indexOf("sat")}, prompt);
            assertEquals(VOCAB, model.vocabSize());
            assertEquals(DIM, model.tokenEmbeddings()[0].length);
            assertArrayEquals(new float[] {emb[DIM], emb[DIM + 1], emb[DIM + 2], emb[DIM + 3]}, model.tokenEmbeddings()[1]);

            int[] continuation = {WORDS.indexOf("on"), WORDS.indexOf("a"), WORDS.indexOf("mat")};
            List<String> prompts = List.of("the cat sat", "a dog", "the big red ball");
            List<TokenScores> scores = model.scoreAsync(prompts, continuation).join();
            for (int i = 0; i < prompts.size(); i++) {
                int[] ids = model.encode(prompts.get(i));
                for (int t = 0; t < continuation.length; t++) {
                    int previous = t == 0 ? ids[ids.length - 1] : continuation[t - 1];
                    double[] expected = softmax(logits(emb, head, previous));
                    for (int v = 0; v < VOCAB; v++) {
                        assertEquals(expected[v], scores.get(i).distributions()[t][v], 1e-5);
                    }
                    assertEquals(Math.log(expected[continuation[t]]), scores.get(i).logProbs()[t], 1e-4);
                }
            }

            Generation g = model.generateAsync(List.of("the cat sat"), DecodingOptions.greedy(3)).join().get(0);
            int token = prompt[prompt.length - 1];
            StringBuilder text = new StringBuilder();
            for (int step = 0; step < g.tokens().length; step++) {
                token = argmax(logits(emb, head, token));
                assertEquals(token, g.tokens()[step], "step " + step);
                text.append(' ').append(WORDS.get(token));
            }
            assertEquals(text.toString(), g.text());
        }
    }

    @Test
    void tokenizerWithMoreIdsThanTheModelIsAUserError() throws IOException {
        List<String> more = new java.util.ArrayList<>(WORDS);
        more.add("extra");
        Path file = folder(more);
        OnnxBadInputTest.userError(() -> OnnxModels.resolve("onnx:" + file, null),
                file.resolveSibling("tokenizer.json").toString(), (VOCAB + 1) + " tokens", "vocab_size " + VOCAB);
    }

    private static double[] logits(float[] emb, float[] head, int token) {
        double[] out = new double[VOCAB];
        for (int v = 0; v < VOCAB; v++) {
            for (int d = 0; d < DIM; d++) {
                out[v] += (double) emb[token * DIM + d] * head[d * VOCAB + v];
            }
        }
        return out;
    }

    private static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
