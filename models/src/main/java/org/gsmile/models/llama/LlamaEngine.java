package org.gsmile.models.llama;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.TokenScores;

/**
 * Runs a Llama model: generation and teacher-forced scoring over token ids. The weights are
 * immutable and shared; every call allocates its own KV cache and scratch buffers, so calls may
 * run concurrently on any number of threads.
 */
public final class LlamaEngine {

    /** llama2.c's token ids: generation stops on either, as a sampled BOS starts a new story. */
    public static final int BOS = 1;
    public static final int EOS = 2;

    private final LlamaConfig config;
    private final Transformer transformer;
    private final float[][] embeddingRows;

    public LlamaEngine(LlamaWeights weights) {
        this.config = weights.config();
        this.transformer = new Transformer(weights);
        this.embeddingRows = new float[config.vocabSize()][];
        for (int token = 0; token < embeddingRows.length; token++) {
            embeddingRows[token] = Arrays.copyOfRange(weights.tokenEmbedding(),
                    token * config.dim(), (token + 1) * config.dim());
        }
    }

    public LlamaConfig config() {
        return config;
    }

    /**
     * Generates up to {@code maxNewTokens} tokens after the prompt (which should start with BOS),
     * greedily or by seeded temperature/top-p sampling. Stops before a BOS or EOS. The explicit
     * limit takes precedence over {@code options.maxNewTokens()}.
     *
     * @return only the new tokens
     */
    public int[] generate(int[] promptTokens, int maxNewTokens, DecodingOptions options) {
        checkPrompt(promptTokens);
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("maxNewTokens must not be negative");
        }
        if (maxNewTokens == 0) {
            return new int[0];
        }
        int capacity = checkCapacity(promptTokens.length + maxNewTokens - 1);
        InferenceState state = transformer.newState(capacity);
        SplittableRandom random = options.isGreedy() ? null : new SplittableRandom(options.seed());
        for (int i = 0; i < promptTokens.length; i++) {
            transformer.forward(state, promptTokens[i], i == promptTokens.length - 1);
        }
        int[] generated = new int[maxNewTokens];
        int count = 0;
        while (true) {
            int next = random == null
                    ? Sampler.argmax(state.logits)
                    : Sampler.sample(state.logits, options.temperature(), options.topP(), random);
            if (next == BOS || next == EOS) {
                break;
            }
            generated[count++] = next;
            if (count == maxNewTokens) {
                break;
            }
            transformer.forward(state, next, true);
        }
        return Arrays.copyOf(generated, count);
    }

    /**
     * Teacher-forced scores of {@code continuation} after the prompt, in one pass with a KV cache:
     * the distribution for continuation[0] is read at the last prompt position and the one for
     * continuation[t] after feeding continuation[t-1].
     */
    public TokenScores score(int[] promptTokens, int[] continuation) {
        checkPrompt(promptTokens);
        checkTokens(continuation, "continuation");
        int length = continuation.length;
        double[] logProbs = new double[length];
        float[][] distributions = new float[length][];
        if (length > 0) {
            InferenceState state = transformer.newState(checkCapacity(promptTokens.length + length - 1));
            for (int i = 0; i < promptTokens.length; i++) {
                transformer.forward(state, promptTokens[i], i == promptTokens.length - 1);
            }
            for (int t = 0; t < length; t++) {
                if (t > 0) {
                    transformer.forward(state, continuation[t - 1], true);
                }
                distributions[t] = new float[config.vocabSize()];
                logProbs[t] = softmaxInto(state.logits, continuation[t], distributions[t]);
            }
        }
        return new TokenScores(continuation.clone(), logProbs, distributions);
    }

    /** The next-token distribution after {@code tokens}, computed from scratch with a fresh cache. */
    public float[] nextTokenProbabilities(int[] tokens) {
        checkPrompt(tokens);
        InferenceState state = transformer.newState(checkCapacity(tokens.length));
        for (int i = 0; i < tokens.length; i++) {
            transformer.forward(state, tokens[i], i == tokens.length - 1);
        }
        float[] probabilities = new float[config.vocabSize()];
        softmaxInto(state.logits, 0, probabilities);
        return probabilities;
    }

    /** The input embedding table, [vocab][dim]; shared, callers must not modify it. */
    public float[][] tokenEmbeddings() {
        return embeddingRows;
    }

    /** Writes softmax(logits) into {@code out} and returns the natural log-probability of {@code target}. */
    private static double softmaxInto(float[] logits, int target, float[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] exp = new double[logits.length];
        double sum = 0.0;
        for (int i = 0; i < logits.length; i++) {
            exp[i] = Math.exp(logits[i] - max);
            sum += exp[i];
        }
        for (int i = 0; i < logits.length; i++) {
            out[i] = (float) (exp[i] / sum);
        }
        return (logits[target] - max) - Math.log(sum);
    }

    private int checkCapacity(int positions) {
        if (positions > config.seqLen()) {
            throw new IllegalArgumentException(positions + " positions exceed the context of "
                    + config.seqLen() + " tokens");
        }
        return positions;
    }

    private void checkPrompt(int[] tokens) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("the prompt must hold at least one token (BOS)");
        }
        checkTokens(tokens, "prompt");
    }

    private void checkTokens(int[] tokens, String what) {
        for (int token : tokens) {
            if (token < 0 || token >= config.vocabSize()) {
                throw new IllegalArgumentException(what + " token " + token + " is outside the vocabulary of "
                        + config.vocabSize());
            }
        }
    }
}
