package org.gsmile.models.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.TokenScores;
import org.junit.jupiter.api.Test;

class LlamaEngineTest {

    private static final String PROMPT = "Once upon a time";

    /** PROVENANCE.md: run.c's 64 greedy steps from the prompt, BOS first. */
    private static final int[] REFERENCE_IDS = {1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 298, 315, 421, 395,
        317, 426, 338, 401, 396, 267, 337, 410, 408, 419, 292, 411, 322, 265, 282, 295, 433, 426, 385, 328, 432, 358,
        394, 261, 370, 432, 352, 266, 268, 388, 426, 338, 391, 266, 267, 337, 335, 312, 432, 398, 312, 286, 267, 414,
        270, 333, 415, 426, 13, 438, 310};

    private static final String REFERENCE_TEXT = "Once upon a time, there was a little girl named Lily. She loved to"
            + " play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was"
            + " too high.\nLily";

    private final LocalLlamaModel model = TestModels.stories260KModel();
    private final LlamaEngine engine = model.engine();
    private final Llama2cTokenizer tokenizer = model.tokenizer();

    @Test
    void greedyDecodingReproducesRunC() {
        int[] prompt = tokenizer.encode(PROMPT);
        int[] continuation = engine.generate(prompt, 60, DecodingOptions.greedy(60));
        int[] all = new int[prompt.length + continuation.length];
        System.arraycopy(prompt, 0, all, 0, prompt.length);
        System.arraycopy(continuation, 0, all, prompt.length, continuation.length);
        assertArrayEquals(REFERENCE_IDS, all);
        assertEquals(REFERENCE_TEXT, PROMPT + model.decode(continuation));
    }

    @Test
    void nextTokenProbabilitiesMatchTheReference() {
        int comma = TestModels.tokenId(tokenizer, ",");
        int there = TestModels.tokenId(tokenizer, " there");
        TokenScores scores = engine.score(tokenizer.encode(PROMPT), new int[] {comma});
        float[] first = scores.distributions()[0];
        assertEquals(0.9688, first[comma], 1e-4);
        assertEquals(0.0287, first[there], 1e-4);
        assertEquals(Math.log(first[comma]), scores.logProbs()[0], 1e-6);
    }

    @Test
    void distributionsSumToOne() {
        int[] prompt = tokenizer.encode("The cat sat on the mat.");
        TokenScores scores = engine.score(prompt, engine.generate(prompt, 20, DecodingOptions.greedy(20)));
        for (float[] distribution : scores.distributions()) {
            double sum = 0;
            for (float p : distribution) {
                assertTrue(p >= 0);
                sum += p;
            }
            assertEquals(1.0, sum, 1e-5);
        }
    }

    @Test
    void teacherForcedScoringEqualsStepByStepRecomputation() {
        int[] prompt = tokenizer.encode("Tom had a red kite. One windy day");
        int[] continuation = engine.generate(prompt, 25, DecodingOptions.greedy(25));
        assertEquals(25, continuation.length, "greedy text should not end this early");
        TokenScores scores = engine.score(prompt, continuation);
        assertArrayEquals(continuation, scores.continuation());
        for (int t = 0; t < continuation.length; t++) {
            int[] prefix = Arrays.copyOf(prompt, prompt.length + t);
            System.arraycopy(continuation, 0, prefix, prompt.length, t);
            float[] fresh = engine.nextTokenProbabilities(prefix);
            assertArrayEquals(fresh, scores.distributions()[t], 1e-6f, "position " + t);
            float[] distribution = scores.distributions()[t];
            float max = 0;
            for (float p : distribution) {
                max = Math.max(max, p);
            }
            assertEquals(max, distribution[continuation[t]], "greedy token " + t + " is not the mode");
            assertEquals(Math.log(max), scores.logProbs()[t], 1e-6, "log-prob at " + t);
        }
    }

    @Test
    void scoringAnEmptyContinuationYieldsNothing() {
        TokenScores scores = engine.score(tokenizer.encode(PROMPT), new int[0]);
        assertEquals(0, scores.length());
    }

    @Test
    void generationStopsBeforeBosOrEos() {
        int[] prompt = tokenizer.encode(PROMPT);
        int limit = 400;
        int[] story = engine.generate(prompt, limit, DecodingOptions.greedy(limit));
        assertTrue(Arrays.stream(story).noneMatch(t -> t == LlamaEngine.BOS || t == LlamaEngine.EOS));
        if (story.length < limit) {
            int[] all = Arrays.copyOf(prompt, prompt.length + story.length);
            System.arraycopy(story, 0, all, prompt.length, story.length);
            int next = argmax(engine.nextTokenProbabilities(all));
            assertTrue(next == LlamaEngine.BOS || next == LlamaEngine.EOS, "stopped early before token " + next);
        }
    }

    @Test
    void sameSeedSameSampleDifferentSeedsDiffer() {
        List<String> prompts = List.of(PROMPT, "The little dog", "Sue liked to", "It was a sunny day");
        boolean anyDifference = false;
        for (String text : prompts) {
            int[] prompt = tokenizer.encode(text);
            int[] a = engine.generate(prompt, 30, new DecodingOptions(30, 1.0, 0.9, 42L));
            int[] b = engine.generate(prompt, 30, new DecodingOptions(30, 1.0, 0.9, 42L));
            int[] c = engine.generate(prompt, 30, new DecodingOptions(30, 1.0, 0.9, 7L));
            assertArrayEquals(a, b, "same seed must give the same sample for '" + text + "'");
            anyDifference |= !Arrays.equals(a, c);
            int[] d = engine.generate(prompt, 30, new DecodingOptions(30, 1.0, 1.0, 42L));
            assertArrayEquals(d, engine.generate(prompt, 30, new DecodingOptions(30, 1.0, 1.0, 42L)));
        }
        assertTrue(anyDifference, "different seeds never changed a sample");
    }

    @Test
    void veryLowTemperatureSamplingIsGreedy() {
        int[] prompt = tokenizer.encode(PROMPT);
        int[] greedy = engine.generate(prompt, 30, DecodingOptions.greedy(30));
        assertArrayEquals(greedy, engine.generate(prompt, 30, new DecodingOptions(30, 1e-4, 0.9, 3L)));
    }

    @Test
    void tokenEmbeddingsAreTheInputTable() {
        float[][] table = engine.tokenEmbeddings();
        assertEquals(engine.config().vocabSize(), table.length);
        assertEquals(engine.config().dim(), table[0].length);
        LlamaWeights weights = Llama2cCheckpoint.read(TestModels.stories260K("stories260K.bin"));
        int dim = weights.config().dim();
        assertArrayEquals(Arrays.copyOfRange(weights.tokenEmbedding(), 403 * dim, 404 * dim), table[403]);
        assertTrue(weights.sharedClassifier());
    }

    @Test
    void rejectsMoreThanTheContext() {
        int[] prompt = new int[engine.config().seqLen()];
        Arrays.fill(prompt, 300);
        prompt[0] = LlamaEngine.BOS;
        assertThrows(IllegalArgumentException.class, () -> engine.score(prompt, new int[] {300, 301}));
        assertThrows(IllegalArgumentException.class, () -> engine.generate(prompt, 2, DecodingOptions.greedy(2)));
        assertThrows(IllegalArgumentException.class, () -> engine.score(new int[] {1}, new int[] {9999}));
        assertFalse(engine.score(prompt, new int[] {300}).distributions()[0].length == 0);
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
