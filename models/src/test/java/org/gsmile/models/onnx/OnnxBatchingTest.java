package org.gsmile.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gsmile.core.UserInputException;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.TokenScores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Batches, concurrency and context limits of the ONNX backend, on all three architectures. */
class OnnxBatchingTest {

    static final List<String> NAMES = OnnxTestModels.NAMES;
    private static final String PROMPT = "Lily and Tom played together all day. They were best friends. The end";

    /** Word-drop perturbations of PROMPT, as an explanation sends them: many lengths in one call. */
    static List<String> perturbations() {
        String[] words = PROMPT.split(" ");
        List<String> prompts = new ArrayList<>();
        prompts.add(PROMPT);
        for (int mask = 1; prompts.size() < 24; mask += 37) {
            StringBuilder p = new StringBuilder();
            for (int w = 0; w < words.length; w++) {
                if (((mask >> (w % 9)) & 1) == 1 || w == words.length - 1) {
                    p.append(p.length() == 0 ? "" : " ").append(words[w]);
                }
            }
            prompts.add(p.toString());
        }
        return prompts;
    }

    static OnnxLanguageModel load(String name, OnnxOptions options) {
        return OnnxLanguageModel.load("onnx:" + name, OnnxTestModels.folder(name).resolve("model.onnx"), options);
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void batchedScoringEqualsOneAtATime(String name) {
        List<String> prompts = perturbations();
        try (OnnxLanguageModel single = load(name, new OnnxOptions(1, 1, 1));
             OnnxLanguageModel batched = load(name, new OnnxOptions(64, 1, 1))) {
            int[] continuation = single.generateAsync(List.of("Once upon a time"), DecodingOptions.greedy(20)).join()
                    .get(0).tokens();
            assertEquals(20, continuation.length);
            List<TokenScores> one = single.scoreAsync(prompts, continuation).join();
            List<TokenScores> all = batched.scoreAsync(prompts, continuation).join();
            // Bit for bit, not just close: a run's store may answer a prompt with the scores another cell got
            // for it in a batch of other prompts, and a result must not depend on which cell asked first.
            assertClose(one, all, 0);
        }
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void batchedGenerationEqualsOneAtATime(String name) {
        List<String> prompts = perturbations().subList(0, 6);
        try (OnnxLanguageModel single = load(name, new OnnxOptions(1, 2, 1));
             OnnxLanguageModel batched = load(name, new OnnxOptions(6, 1, 1))) {
            for (DecodingOptions options : List.of(DecodingOptions.greedy(16), new DecodingOptions(16, 1.0, 0.9, 5L))) {
                List<Generation> one = single.generateAsync(prompts, options).join();
                List<Generation> all = batched.generateAsync(prompts, options).join();
                for (int i = 0; i < prompts.size(); i++) {
                    assertArrayEquals(one.get(i).tokens(), all.get(i).tokens(), prompts.get(i) + " " + options);
                    assertEquals(one.get(i).text(), all.get(i).text());
                }
            }
        }
    }

    @Test
    void concurrentCallsGetTheirOwnResultsInPromptOrder() throws Exception {
        OnnxLanguageModel shared = OnnxTestModels.model("tinylstm");
        List<String> prompts = perturbations();
        int[] continuation = shared.generateAsync(List.of(PROMPT), DecodingOptions.greedy(12)).join().get(0).tokens();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (OnnxLanguageModel reference = load("tinylstm", new OnnxOptions(1, 1, 1))) {
            List<CompletableFuture<List<TokenScores>>> calls = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                List<String> part = prompts.subList(c, c + 12);
                calls.add(CompletableFuture.supplyAsync(() -> shared.scoreAsync(part, continuation).join(), callers));
            }
            for (int c = 0; c < calls.size(); c++) {
                List<String> part = prompts.subList(c, c + 12);
                assertClose(reference.scoreAsync(part, continuation).join(), calls.get(c).get(), 1e-5);
            }
        } finally {
            callers.shutdown();
        }
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void contextLimitIsTheConfiguredMaximumPositions(String name) {
        OnnxLanguageModel model = OnnxTestModels.model(name);
        int context = model.info().contextLength();
        String prompt = "a b ".repeat(context / 3);
        int promptTokens = model.promptTokenCount(prompt);
        assertTrue(promptTokens < context, "prompt must fit on its own");

        // Exactly at the limit runs: ONNX Runtime never sees more positions than the model has.
        int fits = context - promptTokens;
        TokenScores atLimit = model.scoreAsync(List.of(prompt), new int[fits]).join().get(0);
        assertEquals(fits, atLimit.length());

        UserInputException e = assertThrows(UserInputException.class,
                () -> model.scoreAsync(List.of("fine", prompt), new int[fits + 1]));
        assertEquals("prompt is " + promptTokens + " tokens; with " + (fits + 1) + " new tokens it exceeds the model's"
                + " context of " + context + " tokens: shorten the prompt or lower maxNewTokens", e.getMessage());
        assertThrows(UserInputException.class,
                () -> model.generateAsync(List.of(prompt), DecodingOptions.greedy(fits + 1)));
    }

    @Test
    void generationStopsOnTheTokenTheConfigNames(@TempDir Path dir) throws Exception {
        OnnxLanguageModel model = OnnxTestModels.model("tinygpt");
        int[] free = model.generateAsync(List.of("Once upon a time"), DecodingOptions.greedy(30)).join().get(0).tokens();
        // The first token that has not occurred earlier becomes the delimiter, from position 5 on.
        int cut = 5;
        while (cut < free.length && contains(Arrays.copyOf(free, cut), free[cut])) {
            cut++;
        }
        assertTrue(cut < free.length, "no fresh token in " + Arrays.toString(free));
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(OnnxTestModels.configWithAbsoluteTokenizer("tinygpt"));
        config.put("story_delimiter", free[cut]);
        Path file = OnnxTestModels.linkedModel("tinygpt", dir, config.toString());
        try (OnnxLanguageModel custom = OnnxLanguageModel.load("onnx:" + file, file, OnnxOptions.defaults())) {
            int[] stopped = custom.generateAsync(List.of("Once upon a time"), DecodingOptions.greedy(30)).join().get(0)
                    .tokens();
            assertArrayEquals(Arrays.copyOf(free, cut), stopped);
        }
    }

    @Test
    void batchSizeComesFromTheReference() {
        Path models = OnnxTestModels.folder("tinygpt").getParent();
        try (OnnxLanguageModel model = OnnxModels.resolve("onnx:tinygpt?batch=32", models)) {
            assertEquals(32, model.options().batchSize());
            assertEquals("onnx:tinygpt?batch=32", model.info().id());
            // What a batch asked in parts keeps each part at least as large as (MeasuredInParts), through the probe.
            assertEquals(32, new org.gsmile.models.probe.TokenScoresProbe(model, 4).prepare("Once upon a time")
                    .batchSize());
        }
        assertEquals(OnnxOptions.DEFAULT_BATCH_SIZE, OnnxTestModels.model("tinygpt").options().batchSize());
        for (String bad : List.of("onnx:tinygpt?batch=0", "onnx:tinygpt?batch=many", "onnx:tinygpt?size=4",
                "onnx:tinygpt?batch=100000")) {
            UserInputException e = assertThrows(UserInputException.class, () -> OnnxModels.resolve(bad, models));
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().contains("batch"), e.getMessage());
        }
    }

    static void assertClose(List<TokenScores> expected, List<TokenScores> actual, double tolerance) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            TokenScores e = expected.get(i);
            TokenScores a = actual.get(i);
            assertArrayEquals(e.continuation(), a.continuation());
            for (int t = 0; t < e.length(); t++) {
                assertArrayEquals(e.distributions()[t], a.distributions()[t], (float) tolerance,
                        "prompt " + i + " position " + t);
                assertEquals(e.logProbs()[t], a.logProbs()[t], 1e-4, "prompt " + i + " position " + t);
            }
        }
    }

    private static boolean contains(int[] tokens, int token) {
        return Arrays.stream(tokens).anyMatch(t -> t == token);
    }
}
