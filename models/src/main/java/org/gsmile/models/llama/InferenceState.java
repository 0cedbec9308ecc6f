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
    /** Positions this call may feed; {@link #stride} is this rounded up as the kernels read it. */
    final int capacity;
    final int stride;
    final int block;
    int position;

    InferenceState(LlamaConfig c, int capacity, int block, int stride) {
        this.capacity = capacity;
        this.block = block;
        this.stride = stride;
        x = new float[block * c.dim()];
        xb = new float[block * c.dim()];
        xb2 = new float[block * c.dim()];
        qkv = new float[block * (c.dim() + 2 * c.kvDim())];
        hb = new float[block * 2 * c.hiddenDim()];
        att = new float[stride];
        logits = new float[block * c.vocabSize()];
        keyCache = new float[c.nLayers()][c.kvDim() * stride];
        valueCache = new float[c.nLayers()][c.kvDim() * stride];
    }
}
