package org.gsmile.models.llama;

/**
 * The Llama forward pass, following llama2.c's run.c operation by operation in float arithmetic
 * (RMSNorm, interleaved-pair RoPE, grouped-query attention, SwiGLU), so that results match the C
 * reference, over a block of tokens at a time: a prompt or a teacher-forced sequence goes through
 * each weight matrix once per block instead of once per token. The arithmetic is {@link Kernels}'.
 * Stateless: all mutable data lives in {@link InferenceState}.
 */
final class Transformer {

    /**
     * Tokens per block: a multiple of the four rows the vector kernels reuse each weight load for,
     * and small enough that a block's activations stay in the core's caches.
     */
    static final int BLOCK = 32;

    private final LlamaWeights weights;
    private final LlamaConfig config;
    private final Kernels kernels;
    private final float attentionScale;
    /** cos and sin of the rotation of pair p at position t, at [t * pairs + p]: the same for every call. */
    private final float[] ropeCos;
    private final float[] ropeSin;
    /** Per layer: wq, wk and wv stacked (one pass over the input for all three), wo, w1 and w3 stacked, w2. */
    private final Kernels.Matrix[] qkv;
    private final Kernels.Matrix[] wo;
    private final Kernels.Matrix[] w13;
    private final Kernels.Matrix[] w2;
    private final Kernels.Matrix classifier;
    /** Where the up projection starts in a SwiGLU row: hiddenDim padded, so the gate ends on a whole vector. */
    private final int upOffset;

    Transformer(LlamaWeights weights, Kernels kernels) {
        this.weights = weights;
        this.config = weights.config();
        this.kernels = kernels;
        int dim = config.dim();
        int kvDim = config.kvDim();
        int hidden = config.hiddenDim();
        int headSize = config.headSize();
        this.attentionScale = (float) Math.sqrt(headSize);
        int pairs = headSize / 2;
        this.ropeCos = new float[config.seqLen() * pairs];
        this.ropeSin = new float[config.seqLen() * pairs];
        for (int pair = 0; pair < pairs; pair++) {
            float frequency = 1.0f / (float) Math.pow(config.ropeTheta(), (2 * pair) / (float) headSize);
            for (int t = 0; t < config.seqLen(); t++) {
                float angle = t * frequency;
                ropeCos[t * pairs + pair] = (float) Math.cos(angle);
                ropeSin[t * pairs + pair] = (float) Math.sin(angle);
            }
        }
        int layers = config.nLayers();
        upOffset = kernels.padded(hidden);
        float[] pad = new float[(upOffset - hidden) * dim];
        qkv = new Kernels.Matrix[layers];
        wo = new Kernels.Matrix[layers];
        w13 = new Kernels.Matrix[layers];
        w2 = new Kernels.Matrix[layers];
        for (int l = 0; l < layers; l++) {
            LayerWeights w = weights.layers().get(l);
            qkv[l] = kernels.pack(concat(w.wq(), w.wk(), w.wv()), dim + 2 * kvDim, dim);
            wo[l] = kernels.pack(w.wo(), dim, dim);
            w13[l] = kernels.pack(concat(w.w1(), pad, w.w3(), pad), 2 * upOffset, dim);
            w2[l] = kernels.pack(w.w2(), dim, hidden);
        }
        classifier = kernels.pack(weights.classifier(), config.vocabSize(), dim);
    }

    /** Row-major matrices of the same width stacked (and zero rows): their rows, one after the other. */
    private static float[] concat(float[]... parts) {
        int length = 0;
        for (float[] part : parts) {
            length += part.length;
        }
        float[] all = new float[length];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    InferenceState newState(int capacity) {
        InferenceState.Strides strides = new InferenceState.Strides(wo[0].stride(), qkv[0].stride(), w13[0].stride(),
                classifier.stride(), kernels.cacheStride(capacity));
        return new InferenceState(config, capacity, Math.min(capacity, BLOCK), strides);
    }

    Kernels kernels() {
        return kernels;
    }

    /**
     * Feeds tokens[from, from + count), count at most {@code s.block}, at the state's next positions,
     * then advances them. Computes the logits of block rows {@code firstLogit} onward into row k of
     * {@code s.logits} (rows {@code s.strides.vocab()} apart), since positions that predict nothing the
     * caller reads need none.
     */
    void forward(InferenceState s, int[] tokens, int from, int count, int firstLogit) {
        int start = s.position;
        if (count > s.block || start + count > s.capacity) {
            throw new IllegalStateException("KV cache of " + s.capacity + " positions is full");
        }
        int dim = config.dim();
        int rows = s.strides.dim();
        for (int k = 0; k < count; k++) {
            System.arraycopy(weights.tokenEmbedding(), tokens[from + k] * dim, s.x, k * rows, dim);
        }
        for (int l = 0; l < config.nLayers(); l++) {
            attention(s, l, start, count);
            feedForward(s, l, count);
        }
        s.position = start + count;
        if (firstLogit < count) {
            for (int k = firstLogit; k < count; k++) {
                kernels.rmsnorm(s.xb, k * rows, s.x, k * rows, weights.finalNorm(), dim, config.rmsEps());
            }
            int vocab = s.strides.vocab();
            kernels.matmul(classifier, s.xb, firstLogit * rows, rows, s.logits, firstLogit * vocab, vocab,
                    count - firstLogit);
        }
    }

    private void attention(InferenceState s, int layer, int start, int count) {
        int dim = config.dim();
        int kvDim = config.kvDim();
        int headSize = config.headSize();
        int kvMul = config.nHeads() / config.nKvHeads();
        int rows = s.strides.dim();
        int width = s.strides.qkv();
        int stride = s.strides.cache();
        float[] keys = s.keyCache[layer];
        float[] values = s.valueCache[layer];
        float[] norm = weights.layers().get(layer).attnNorm();
        for (int k = 0; k < count; k++) {
            kernels.rmsnorm(s.xb, k * rows, s.x, k * rows, norm, dim, config.rmsEps());
        }
        kernels.matmul(qkv[layer], s.xb, 0, rows, s.qkv, 0, width, count);
        // Every key of the block is in the cache before any token attends, each to its own prefix.
        for (int k = 0; k < count; k++) {
            int row = k * width;
            int pos = start + k;
            rotate(s.qkv, row, dim + kvDim, pos);
            for (int c = 0; c < kvDim; c++) {
                keys[c * stride + pos] = s.qkv[row + dim + c];
                values[c * stride + pos] = s.qkv[row + dim + kvDim + c];
            }
        }
        for (int k = 0; k < count; k++) {
            for (int h = 0; h < config.nHeads(); h++) {
                kernels.attention(s.qkv, k * width + h * headSize, keys, values, (h / kvMul) * headSize * stride,
                        stride, start + k + 1, headSize, attentionScale, s.att, s.xb, k * rows + h * headSize);
            }
        }
        kernels.matmul(wo[layer], s.xb, 0, rows, s.xb2, 0, rows, count);
        kernels.add(s.x, 0, s.xb2, 0, count * rows);
    }

    private void feedForward(InferenceState s, int layer, int count) {
        int dim = config.dim();
        int rows = s.strides.dim();
        int hiddenRows = s.strides.hidden();
        float[] norm = weights.layers().get(layer).ffnNorm();
        for (int k = 0; k < count; k++) {
            kernels.rmsnorm(s.xb, k * rows, s.x, k * rows, norm, dim, config.rmsEps());
        }
        kernels.matmul(w13[layer], s.xb, 0, rows, s.hb, 0, hiddenRows, count);
        for (int k = 0; k < count; k++) {
            kernels.swiglu(s.hb, k * hiddenRows, upOffset);
        }
        kernels.matmul(w2[layer], s.hb, 0, hiddenRows, s.xb, 0, rows, count);
        kernels.add(s.x, 0, s.xb, 0, count * rows);
    }

    /**
     * Rotates interleaved pairs (0,1), (2,3), ... of every head in vec[offset, offset + length): the
     * query and key of one token, which lie side by side, each a whole number of heads.
     */
    private void rotate(float[] vec, int offset, int length, int pos) {
        int headSize = config.headSize();
        int pairs = headSize / 2;
        for (int i = 0; i < length; i += 2) {
            int pair = pos * pairs + (i % headSize) / 2;
            float cos = ropeCos[pair];
            float sin = ropeSin[pair];
            float v0 = vec[offset + i];
            float v1 = vec[offset + i + 1];
            vec[offset + i] = v0 * cos - v1 * sin;
            vec[offset + i + 1] = v0 * sin + v1 * cos;
        }
    }
}
