package org.gsmile.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.TokenScores;
import org.gsmile.models.llama.LocalLlamaModel;
import org.gsmile.models.llama.TestModels;
import org.junit.jupiter.api.Test;

/**
 * stories260K-onnx holds the same weights as stories260K.bin: run by ONNX Runtime and by the
 * in-process engine it must give the same distributions, text and embeddings.
 */
class OnnxCrossCheckTest {

    private static final List<String> PROMPTS = List.of("Once upon a time", "Lily wanted to play with her red ball",
            "Tom saw a big dog", "The sun", "One day, Sue found a shiny stone near the river and took it home");

    private final OnnxLanguageModel onnx = OnnxTestModels.model("stories260K-onnx");
    private final LocalLlamaModel local = TestModels.stories260KModel();

    @Test
    void nextTokenProbabilitiesAgreeToOneInTenThousand() {
        int[] continuation = local.generateAsync(List.of(PROMPTS.get(0)), DecodingOptions.greedy(30)).join().get(0)
                .tokens();
        List<TokenScores> fromOnnx = onnx.scoreAsync(PROMPTS, continuation).join();
        List<TokenScores> fromLocal = local.scoreAsync(PROMPTS, continuation).join();
        double worst = 0;
        for (int i = 0; i < PROMPTS.size(); i++) {
            assertArrayEquals(continuation, fromOnnx.get(i).continuation());
            for (int t = 0; t < continuation.length; t++) {
                float[] a = fromOnnx.get(i).distributions()[t];
                float[] b = fromLocal.get(i).distributions()[t];
                assertEquals(local.vocabSize(), a.length);
                for (int v = 0; v < a.length; v++) {
                    worst = Math.max(worst, Math.abs(a[v] - b[v]));
                }
                assertEquals(fromLocal.get(i).logProbs()[t], fromOnnx.get(i).logProbs()[t], 1e-3,
                        PROMPTS.get(i) + " position " + t);
            }
        }
        assertEquals(0.0, worst, 1e-4, "largest probability difference");
    }

    @Test
    void greedyTextAgrees() {
        List<Generation> fromOnnx = onnx.generateAsync(PROMPTS, DecodingOptions.greedy(40)).join();
        List<Generation> fromLocal = local.generateAsync(PROMPTS, DecodingOptions.greedy(40)).join();
        for (int i = 0; i < PROMPTS.size(); i++) {
            assertArrayEquals(fromLocal.get(i).tokens(), fromOnnx.get(i).tokens(), PROMPTS.get(i));
            assertEquals(fromLocal.get(i).text(), fromOnnx.get(i).text(), PROMPTS.get(i));
        }
    }

    @Test
    void seededSamplingAgreesAndDependsOnTheSeed() {
        DecodingOptions options = new DecodingOptions(40, 0.9, 0.9, 7L);
        List<Generation> fromOnnx = onnx.generateAsync(PROMPTS, options).join();
        List<Generation> fromLocal = local.generateAsync(PROMPTS, options).join();
        for (int i = 0; i < PROMPTS.size(); i++) {
            assertArrayEquals(fromLocal.get(i).tokens(), fromOnnx.get(i).tokens(), PROMPTS.get(i));
        }
        List<Generation> otherSeed = onnx.generateAsync(PROMPTS, new DecodingOptions(40, 0.9, 0.9, 8L)).join();
        assertNotEquals(fromOnnx.stream().map(Generation::text).toList(), otherSeed.stream().map(Generation::text).toList());
    }

    @Test
    void embeddingsReadFromTheGraphAreTheEnginesTable() {
        float[][] fromGraph = onnx.tokenEmbeddings();
        float[][] fromEngine = local.tokenEmbeddings();
        assertEquals(fromEngine.length, fromGraph.length);
        for (int token = 0; token < fromEngine.length; token++) {
            assertArrayEquals(fromEngine[token], fromGraph[token], "token " + token);
        }
    }

    @Test
    void promptsAreEncodedAndContinuationsDecodedAlike() {
        for (String prompt : PROMPTS) {
            assertArrayEquals(local.tokenizer().encode(prompt), onnx.encode(prompt));
            assertEquals(local.promptTokenCount(prompt), onnx.promptTokenCount(prompt));
        }
        int[] tokens = onnx.encode("Once upon a time");
        assertEquals(local.decode(tokens), onnx.decode(tokens));
        assertEquals(local.vocabSize(), onnx.vocabSize());
    }
}
