package org.gsmile.models.llama;

/**
 * Everything one inference call mutates: the KV cache and scratch activations. Each call owns
 * its own instance, which is what lets many calls share one set of weights across threads.
 */
final class InferenceState {

    final float[] x;
    final float[] xb;
    final float[] xb2;
    final float[] hb;
    final float[] hb2;
    final float[] q;
    final float[] att;
    final float[] logits;
    final float[] ropeCos;
    final float[] ropeSin;
    /** Per layer, [capacity][kvDim]. */
    final float[][] keyCache;
    final float[][] valueCache;
    final int capacity;
    int position;

    InferenceState(LlamaConfig c, int capacity) {
        this.capacity = capacity;
        x = new float[c.dim()];
        xb = new float[c.dim()];
        xb2 = new float[c.dim()];
        hb = new float[c.hiddenDim()];
        hb2 = new float[c.hiddenDim()];
        q = new float[c.dim()];
        att = new float[capacity];
        logits = new float[c.vocabSize()];
        ropeCos = new float[c.headSize() / 2];
        ropeSin = new float[c.headSize() / 2];
        keyCache = new float[c.nLayers()][capacity * c.kvDim()];
        valueCache = new float[c.nLayers()][capacity * c.kvDim()];
    }
}
