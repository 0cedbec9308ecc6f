package org.gsmile.models.llama;

/**
 * One F32 tensor of a GGUF file.
 *
 * @param name  llama.cpp tensor name, e.g. {@code blk.0.attn_q.weight}
 * @param shape ggml dimensions, fastest-varying first: a [rows][columns] matrix has shape {columns, rows}
 * @param data  the values in file order
 */
public record GgufTensor(String name, long[] shape, float[] data) {

    /** ggml's ne[i], or 1 beyond the tensor's rank. */
    public long dim(int i) {
        return i < shape.length ? shape[i] : 1;
    }
}
