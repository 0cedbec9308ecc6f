package org.gsmile.models.llama;

/**
 * The weights of one transformer block, each matrix row-major as [out][in] (llama2.c layout).
 * The arrays are shared by every inference call and must never be modified.
 *
 * @param attnNorm RMSNorm gain before attention, [dim]
 * @param wq       query projection, [dim][dim]
 * @param wk       key projection, [kvDim][dim]
 * @param wv       value projection, [kvDim][dim]
 * @param wo       attention output projection, [dim][dim]
 * @param ffnNorm  RMSNorm gain before the feed-forward layer, [dim]
 * @param w1       SwiGLU gate projection, [hiddenDim][dim]
 * @param w2       feed-forward down projection, [dim][hiddenDim]
 * @param w3       SwiGLU up projection, [hiddenDim][dim]
 */
public record LayerWeights(float[] attnNorm, float[] wq, float[] wk, float[] wv, float[] wo,
                           float[] ffnNorm, float[] w1, float[] w2, float[] w3) {

    void checkShape(LlamaConfig c, int layer) {
        int dim = c.dim();
        int kv = c.kvDim();
        int hidden = c.hiddenDim();
        check(layer, "attn_norm", attnNorm, dim);
        check(layer, "wq", wq, (long) dim * dim);
        check(layer, "wk", wk, (long) kv * dim);
        check(layer, "wv", wv, (long) kv * dim);
        check(layer, "wo", wo, (long) dim * dim);
        check(layer, "ffn_norm", ffnNorm, dim);
        check(layer, "w1", w1, (long) hidden * dim);
        check(layer, "w2", w2, (long) dim * hidden);
        check(layer, "w3", w3, (long) hidden * dim);
    }

    private static void check(int layer, String name, float[] array, long expected) {
        if (array.length != expected) {
            throw new IllegalArgumentException("layer " + layer + " " + name + " has " + array.length
                    + " values, expected " + expected);
        }
    }
}
