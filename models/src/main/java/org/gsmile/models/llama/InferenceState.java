package org.gsmile.models.llama;

/**
 * Everything one inference call mutates: the KV cache and scratch activations. Each call owns
 * its own instance, which is what lets many calls share one set of weights across threads.
 *
 * <p>Activations hold a block of up to {@link #block} tokens, one row per token. The caches are
 * transposed, per layer [kvDim][stride]: component c of the key (value) at position t is at
 * {@code c * stride + t}, so that attention reads every position of one component in a row.
 */
final class InferenceState {

    /** [block][dim]: the residual stream, and two rows of scratch. */
    final float[] x;
    final float[] xb;
    final float[] xb2;
    /** [block][dim + 2 kvDim]: query, key and value of each token, from one fused projection. */
    final float[] qkv;
    /** [block][2 hiddenDim]: SwiGLU gate, then up projection, from one fused projection. */
    final float[] hb;
    /** [stride]: one head's attention weights. */
    final float[] att;
    /** [block][vocab]. */
    final float[] logits;
    final float[][] keyCache;
    final float[][] valueCache;
    /** Positions this call may feed. */
    final int capacity;
    final int block;
    final Strides strides;
    int position;

    /**
     * How far apart the rows of each activation are (at least what a row holds, as much as the kernels
     * write at once), and the cache's row length: positions rounded up as the kernels read them.
     */
    record Strides(int dim, int qkv, int hidden, int vocab, int cache) {
    }

    InferenceState(LlamaConfig c, int capacity, int block, Strides strides) {
        this.capacity = capacity;
        this.block = block;
        this.strides = strides;
        x = new float[block * strides.dim()];
        xb = new float[block * strides.dim()];
        xb2 = new float[block * strides.dim()];
        qkv = new float[block * strides.qkv()];
        hb = new float[block * strides.hidden()];
        att = new float[strides.cache()];
        logits = new float[block * strides.vocab()];
        keyCache = new float[c.nLayers()][c.kvDim() * strides.cache()];
        valueCache = new float[c.nLayers()][c.kvDim() * strides.cache()];
    }
}
