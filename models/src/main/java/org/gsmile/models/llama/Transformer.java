package org.gsmile.models.llama;

/**
 * The Llama forward pass for one token, following llama2.c's run.c operation by operation in
 * float arithmetic (RMSNorm, interleaved-pair RoPE, grouped-query attention, SwiGLU), so that
 * results match the C reference. Stateless: all mutable data lives in {@link InferenceState}.
 */
final class Transformer {

    private final LlamaWeights weights;
    private final LlamaConfig config;
    private final float attentionScale;
    /** Rotation frequency of each (2i, 2i+1) pair within a head. */
    private final float[] ropeFrequencies;

    Transformer(LlamaWeights weights) {
        this.weights = weights;
        this.config = weights.config();
        int headSize = config.headSize();
        this.attentionScale = (float) Math.sqrt(headSize);
        this.ropeFrequencies = new float[headSize / 2];
        for (int pair = 0; pair < ropeFrequencies.length; pair++) {
            float exponent = (2 * pair) / (float) headSize;
            ropeFrequencies[pair] = 1.0f / (float) Math.pow(config.ropeTheta(), exponent);
        }
    }

    InferenceState newState(int capacity) {
        return new InferenceState(config, capacity);
    }

    /**
     * Feeds {@code token} at the state's next position, then advances it. Computes logits into
     * {@code s.logits} only when asked, since prompt positions before the last need none.
     */
    void forward(InferenceState s, int token, boolean computeLogits) {
        int pos = s.position;
        if (pos >= s.capacity) {
            throw new IllegalStateException("KV cache of " + s.capacity + " positions is full");
        }
        int dim = config.dim();
        System.arraycopy(weights.tokenEmbedding(), token * dim, s.x, 0, dim);
        computeRope(s, pos);
        for (int l = 0; l < config.nLayers(); l++) {
            LayerWeights w = weights.layers().get(l);
            attention(s, w, l, pos);
            feedForward(s, w);
        }
        s.position = pos + 1;
        if (computeLogits) {
            rmsnorm(s.x, s.x, weights.finalNorm(), config.rmsEps());
            matmul(s.logits, s.x, weights.classifier(), dim, config.vocabSize());
        }
    }

    private void attention(InferenceState s, LayerWeights w, int layer, int pos) {
        int dim = config.dim();
        int kvDim = config.kvDim();
        int headSize = config.headSize();
        int kvMul = config.nHeads() / config.nKvHeads();
        float[] keys = s.keyCache[layer];
        float[] values = s.valueCache[layer];
        int cacheOffset = pos * kvDim;

        rmsnorm(s.xb, s.x, w.attnNorm(), config.rmsEps());
        matmul(s.q, s.xb, w.wq(), dim, dim);
        matmulInto(keys, cacheOffset, s.xb, w.wk(), dim, kvDim);
        matmulInto(values, cacheOffset, s.xb, w.wv(), dim, kvDim);
        rotate(s.q, 0, dim, s);
        rotate(keys, cacheOffset, kvDim, s);

        float[] att = s.att;
        for (int h = 0; h < config.nHeads(); h++) {
            int qOffset = h * headSize;
            int kvHeadOffset = (h / kvMul) * headSize;
            for (int t = 0; t <= pos; t++) {
                int k = t * kvDim + kvHeadOffset;
                float score = 0.0f;
                for (int i = 0; i < headSize; i++) {
                    score += s.q[qOffset + i] * keys[k + i];
                }
                att[t] = score / attentionScale;
            }
            softmax(att, pos + 1);
            for (int i = 0; i < headSize; i++) {
                s.xb[qOffset + i] = 0.0f;
            }
            for (int t = 0; t <= pos; t++) {
                int v = t * kvDim + kvHeadOffset;
                float a = att[t];
                for (int i = 0; i < headSize; i++) {
                    s.xb[qOffset + i] += a * values[v + i];
                }
            }
        }
        matmul(s.xb2, s.xb, w.wo(), dim, dim);
        for (int i = 0; i < dim; i++) {
            s.x[i] += s.xb2[i];
        }
    }

    private void feedForward(InferenceState s, LayerWeights w) {
        int dim = config.dim();
        int hidden = config.hiddenDim();
        rmsnorm(s.xb, s.x, w.ffnNorm(), config.rmsEps());
        matmul(s.hb, s.xb, w.w1(), dim, hidden);
        matmul(s.hb2, s.xb, w.w3(), dim, hidden);
        for (int i = 0; i < hidden; i++) {
            float val = s.hb[i];
            val *= 1.0f / (1.0f + (float) Math.exp(-val));
            s.hb[i] = val * s.hb2[i];
        }
        matmul(s.xb, s.hb, w.w2(), hidden, dim);
        for (int i = 0; i < dim; i++) {
            s.x[i] += s.xb[i];
        }
    }

    private void computeRope(InferenceState s, int pos) {
        for (int pair = 0; pair < ropeFrequencies.length; pair++) {
            float angle = pos * ropeFrequencies[pair];
            s.ropeCos[pair] = (float) Math.cos(angle);
            s.ropeSin[pair] = (float) Math.sin(angle);
        }
    }

    /** Rotates interleaved pairs (0,1), (2,3), ... of every head in vec[offset, offset+length). */
    private void rotate(float[] vec, int offset, int length, InferenceState s) {
        int headSize = config.headSize();
        for (int i = 0; i < length; i += 2) {
            int pair = (i % headSize) / 2;
            float cos = s.ropeCos[pair];
            float sin = s.ropeSin[pair];
            float v0 = vec[offset + i];
            float v1 = vec[offset + i + 1];
            vec[offset + i] = v0 * cos - v1 * sin;
            vec[offset + i + 1] = v0 * sin + v1 * cos;
        }
    }

    private static void rmsnorm(float[] out, float[] x, float[] weight, float eps) {
        float ss = 0.0f;
        for (float v : x) {
            ss += v * v;
        }
        ss /= x.length;
        ss += eps;
        ss = 1.0f / (float) Math.sqrt(ss);
        for (int j = 0; j < x.length; j++) {
            out[j] = weight[j] * (ss * x[j]);
        }
    }

    private static void softmax(float[] x, int size) {
        float max = x[0];
        for (int i = 1; i < size; i++) {
            if (x[i] > max) {
                max = x[i];
            }
        }
        float sum = 0.0f;
        for (int i = 0; i < size; i++) {
            x[i] = (float) Math.exp(x[i] - max);
            sum += x[i];
        }
        for (int i = 0; i < size; i++) {
            x[i] /= sum;
        }
    }

    /** out[0, d) = W x for row-major W of shape [d][n]. */
    private static void matmul(float[] out, float[] x, float[] w, int n, int d) {
        matmulInto(out, 0, x, w, n, d);
    }

    /**
     * Four rows at a time: independent accumulators hide the latency of float addition, while each
     * row is still summed in run.c's order, so results are bit-for-bit those of the simple loop.
     */
    private static void matmulInto(float[] out, int outOffset, float[] x, float[] w, int n, int d) {
        int i = 0;
        for (; i + 3 < d; i += 4) {
            int r0 = i * n;
            int r1 = r0 + n;
            int r2 = r1 + n;
            int r3 = r2 + n;
            float v0 = 0.0f;
            float v1 = 0.0f;
            float v2 = 0.0f;
            float v3 = 0.0f;
            for (int j = 0; j < n; j++) {
                float xj = x[j];
                v0 += w[r0 + j] * xj;
                v1 += w[r1 + j] * xj;
                v2 += w[r2 + j] * xj;
                v3 += w[r3 + j] * xj;
            }
            out[outOffset + i] = v0;
            out[outOffset + i + 1] = v1;
            out[outOffset + i + 2] = v2;
            out[outOffset + i + 3] = v3;
        }
        for (; i < d; i++) {
            int row = i * n;
            float val = 0.0f;
            for (int j = 0; j < n; j++) {
                val += w[row + j] * x[j];
            }
            out[outOffset + i] = val;
        }
    }
}
