package org.gsmile.models.llama;

import org.gsmile.models.Softmax;

/**
 * The kernels in plain Java, each sum taken in run.c's order, so that results are bit-for-bit those
 * of its loops: the reference that {@code VectorKernels} is held to, and the fallback where the JVM
 * has no Vector API. Matrices stay row-major.
 */
final class ScalarKernels implements Kernels {

    @Override
    public Matrix pack(float[] rowMajor, int rows, int cols) {
        return new Matrix(rowMajor, rows, cols, rows);
    }

    @Override
    public int padded(int n) {
        return n;
    }

    @Override
    public void matmul(Matrix w, float[] x, int xOffset, int xStride, float[] out, int outOffset, int outStride,
                       int count) {
        for (int r = 0; r < count; r++) {
            matmulRow(w.values(), x, xOffset + r * xStride, w.cols(), out, outOffset + r * outStride, w.rows());
        }
    }

    /**
     * Four rows at a time: independent accumulators hide the latency of float addition, while each
     * row is still summed in run.c's order, so results are bit-for-bit those of the simple loop.
     */
    private static void matmulRow(float[] w, float[] x, int xOffset, int n, float[] out, int outOffset, int d) {
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
                float xj = x[xOffset + j];
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
                val += w[row + j] * x[xOffset + j];
            }
            out[outOffset + i] = val;
        }
    }

    @Override
    public void rmsnorm(float[] out, int outOffset, float[] x, int xOffset, float[] weight, int n, float eps) {
        float ss = 0.0f;
        for (int j = 0; j < n; j++) {
            float v = x[xOffset + j];
            ss += v * v;
        }
        ss /= n;
        ss += eps;
        ss = 1.0f / (float) Math.sqrt(ss);
        for (int j = 0; j < n; j++) {
            out[outOffset + j] = weight[j] * (ss * x[xOffset + j]);
        }
    }

    @Override
    public void add(float[] x, int xOffset, float[] y, int yOffset, int n) {
        for (int i = 0; i < n; i++) {
            x[xOffset + i] += y[yOffset + i];
        }
    }

    @Override
    public void swiglu(float[] h, int offset, int n) {
        for (int i = offset; i < offset + n; i++) {
            float val = h[i];
            val *= 1.0f / (1.0f + (float) Math.exp(-val));
            h[i] = val * h[i + n];
        }
    }

    @Override
    public int cacheStride(int capacity) {
        return capacity;
    }

    @Override
    public void attention(float[] q, int qOffset, float[] keys, float[] values, int cacheOffset, int stride,
                          int length, int headSize, float scale, float[] att, float[] out, int outOffset) {
        for (int t = 0; t < length; t++) {
            float score = 0.0f;
            for (int i = 0; i < headSize; i++) {
                score += q[qOffset + i] * keys[cacheOffset + i * stride + t];
            }
            att[t] = score / scale;
        }
        softmax(att, length);
        for (int i = 0; i < headSize; i++) {
            int row = cacheOffset + i * stride;
            float sum = 0.0f;
            for (int t = 0; t < length; t++) {
                sum += att[t] * values[row + t];
            }
            out[outOffset + i] = sum;
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

    /** In double, so that a log-probability keeps its digits however small the probability; out is n long. */
    @Override
    public double logSoftmax(float[] logits, int offset, int n, int target, float[] out) {
        return Softmax.into(logits, offset, target, out);
    }
}
