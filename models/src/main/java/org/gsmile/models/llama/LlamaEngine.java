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
    private final EngineKernels kernelChoice;
    private final Kernels kernels;
    private final Transformer transformer;
    private final float[][] embeddingRows;

    /** On the kernels {@link EngineKernels#selected()} picks for this JVM. */
    public LlamaEngine(LlamaWeights weights) {
        this(weights, EngineKernels.selected());
    }

    public LlamaEngine(LlamaWeights weights, EngineKernels kernels) {
        this.config = weights.config();
        this.kernelChoice = kernels;
        this.kernels = kernels.create();
        this.transformer = new Transformer(weights, this.kernels);
        this.embeddingRows = new float[config.vocabSize()][];
        for (int token = 0; token < embeddingRows.length; token++) {
            embeddingRows[token] = Arrays.copyOfRange(weights.tokenEmbedding(),
                    token * config.dim(), (token + 1) * config.dim());
        }
    }

    public LlamaConfig config() {
        return config;
    }

    public EngineKernels kernels() {
        return kernelChoice;
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
        float[] logits = new float[config.vocabSize()];
        feed(state, promptTokens, promptTokens.length - 1,
                (position, rows, offset) -> System.arraycopy(rows, offset, logits, 0, logits.length));
        int[] generated = new int[maxNewTokens];
        int count = 0;
        while (true) {
            int next = random == null
                    ? Sampler.argmax(logits)
                    : Sampler.sample(logits, options.temperature(), options.topP(), random);
            if (next == BOS || next == EOS) {
                break;
            }
            generated[count++] = next;
            if (count == maxNewTokens) {
                break;
            }
            transformer.forward(state, generated, count - 1, 1, 0);
            System.arraycopy(state.logits, 0, logits, 0, logits.length);
        }
        return Arrays.copyOf(generated, count);
    }

    /**
     * Teacher-forced scores of {@code continuation} after the prompt, in one pass with a KV cache:
     * the distribution for continuation[0] is read at the last prompt position and the one for
     * continuation[t] after feeding continuation[t-1].
     */
    public TokenScores score(int[] promptTokens, int[] continuation) {
        int length = continuation.length;
        double[] logProbs = new double[length];
        float[][] distributions = new float[length][];
        teacherForced(promptTokens, continuation, (t, rows, offset) -> {
            distributions[t] = new float[config.vocabSize()];
            logProbs[t] = kernels.logSoftmax(rows, offset, config.vocabSize(), continuation[t], distributions[t]);
        });
        return new TokenScores(continuation.clone(), logProbs, distributions);
    }

    /**
     * The logits from which {@link #score} takes its distributions: row t predicts continuation[t].
     * For checking the engine against other implementations of the same model.
     */
    public float[][] logits(int[] promptTokens, int[] continuation) {
        float[][] logits = new float[continuation.length][];
        teacherForced(promptTokens, continuation,
                (t, rows, offset) -> logits[t] = Arrays.copyOfRange(rows, offset, offset + config.vocabSize()));
        return logits;
    }

    /** The next-token distribution after {@code tokens}, computed from scratch with a fresh cache. */
    public float[] nextTokenProbabilities(int[] tokens) {
        checkPrompt(tokens);
        InferenceState state = transformer.newState(checkCapacity(tokens.length));
        float[] probabilities = new float[config.vocabSize()];
        feed(state, tokens, tokens.length - 1,
                (position, rows, offset) -> kernels.logSoftmax(rows, offset, probabilities.length, 0, probabilities));
        return probabilities;
    }

    /** Receives the logits of one position: {@code rows[offset, offset + vocab)}, valid during the call only. */
    private interface LogitsSink {
        void accept(int index, float[] rows, int offset);
    }

    /**
     * Feeds the prompt and continuation[0, length - 1) and hands the sink the logits that predict
     * continuation[t], for every t.
     */
    private void teacherForced(int[] promptTokens, int[] continuation, LogitsSink sink) {
        checkPrompt(promptTokens);
        checkTokens(continuation, "continuation");
        if (continuation.length == 0) {
            return;
        }
        int[] tokens = Arrays.copyOf(promptTokens, promptTokens.length + continuation.length - 1);
        System.arraycopy(continuation, 0, tokens, promptTokens.length, continuation.length - 1);
        InferenceState state = transformer.newState(checkCapacity(tokens.length));
        int first = promptTokens.length - 1;
        feed(state, tokens, first, (position, rows, offset) -> sink.accept(position - first, rows, offset));
    }

    /** Feeds all tokens a block at a time, handing the sink the logits of positions firstLogit onward. */
    private void feed(InferenceState state, int[] tokens, int firstLogit, LogitsSink sink) {
        int vocab = state.strides.vocab();
        for (int from = 0; from < tokens.length; from += state.block) {
            int count = Math.min(state.block, tokens.length - from);
            int first = Math.min(count, Math.max(0, firstLogit - from));
            transformer.forward(state, tokens, from, count, first);
            for (int k = first; k < count; k++) {
                sink.accept(from + k, state.logits, k * vocab);
            }
        }
    }

    /** The input embedding table, [vocab][dim]; shared, callers must not modify it. */
    public float[][] tokenEmbeddings() {
        return embeddingRows;
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
