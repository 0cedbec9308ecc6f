package org.gsmile.models.llama;

/**
 * Shape and hyper-parameters of a Llama transformer.
 *
 * @param dim        width of the residual stream
 * @param hiddenDim  width of the SwiGLU feed-forward layer
 * @param nLayers    number of transformer blocks
 * @param nHeads     number of query heads
 * @param nKvHeads   number of key/value heads (fewer than nHeads means grouped-query attention)
 * @param vocabSize  number of tokens
 * @param seqLen     maximum number of positions (prompt and continuation together)
 * @param rmsEps     epsilon added inside RMSNorm
 * @param ropeTheta  base of the rotary position frequencies
 */
public record LlamaConfig(int dim, int hiddenDim, int nLayers, int nHeads, int nKvHeads,
                          int vocabSize, int seqLen, float rmsEps, float ropeTheta) {

    public static final float DEFAULT_RMS_EPS = 1e-5f;
    public static final float DEFAULT_ROPE_THETA = 10000f;

    public LlamaConfig {
        requirePositive("dim", dim);
        requirePositive("hidden_dim", hiddenDim);
        requirePositive("n_layers", nLayers);
        requirePositive("n_heads", nHeads);
        requirePositive("n_kv_heads", nKvHeads);
        requirePositive("vocab_size", vocabSize);
        requirePositive("seq_len", seqLen);
        if (dim % nHeads != 0) {
            throw new IllegalArgumentException("dim " + dim + " is not a multiple of n_heads " + nHeads);
        }
        if (nHeads % nKvHeads != 0) {
            throw new IllegalArgumentException("n_heads " + nHeads + " is not a multiple of n_kv_heads " + nKvHeads);
        }
        if ((dim / nHeads) % 2 != 0) {
            throw new IllegalArgumentException("head size " + dim / nHeads + " is odd; rotary embedding needs pairs");
        }
        if (!(rmsEps > 0f) || !(ropeTheta > 0f)) {
            throw new IllegalArgumentException("rms epsilon and rope theta must be positive");
        }
    }

    public int headSize() {
        return dim / nHeads;
    }

    public int kvDim() {
        return headSize() * nKvHeads;
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
