package org.gsmile.models.llama;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on the JDK's incubating Vector API, with FMA at the machine's preferred vector width.
 * Only {@link EngineKernels} loads this class, and only when the module jdk.incubator.vector is in
 * the boot layer: touching it anywhere else would fail on a JVM started without it.
 *
 * <p>Sums are taken in another order than run.c's, so results differ from {@link ScalarKernels} in
 * the last bits (the tests hold them to 1e-5). Nothing here reduces across lanes in an inner loop:
 * in JDK 17 a float add-reduction is a chain of scalar additions, so every hot loop keeps one
 * output per lane instead.
 */
final class VectorKernels implements Kernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Outputs per panel of a packed matrix: four vectors, so that a block of four tokens keeps 16
     * accumulators in registers and each load of a weight vector feeds four FMAs.
     */
    private static final int PANEL = 4 * L;

    /**
     * W transposed into panels of {@link #PANEL} outputs (the last one narrower), each [cols][width]
     * with its rows padded with zeros to a whole number of vectors: an input's weights for a panel's
     * outputs are then one contiguous run, read front to back.
     */
    @Override
    public Matrix pack(float[] rowMajor, int rows, int cols) {
        int padded = roundUp(rows);
        float[] packed = new float[padded * cols];
        for (int start = 0; start < padded; start += PANEL) {
            int width = Math.min(PANEL, padded - start);
            for (int i = 0; i < cols; i++) {
                for (int c = 0; c < width && start + c < rows; c++) {
                    packed[start * cols + i * width + c] = rowMajor[(start + c) * cols + i];
                }
            }
        }
        return new Matrix(packed, rows, cols);
    }

    @Override
    public void matmul(Matrix w, float[] x, int xOffset, int xStride, float[] out, int outOffset, int outStride,
                       int count) {
        int r = 0;
        for (; r + 4 <= count; r += 4) {
            fourRows(w, x, xOffset + r * xStride, xStride, out, outOffset + r * outStride, outStride);
        }
        for (; r < count; r++) {
            oneRow(w, x, xOffset + r * xStride, out, outOffset + r * outStride);
        }
    }

    /**
     * One token (generation): there is no reuse of weights to be had, so the inputs alternate
     * between two sets of accumulators to keep eight FMA chains in flight instead of four.
     */
    private static void oneRow(Matrix w, float[] x, int xo, float[] out, int oo) {
        float[] p = w.values();
        int n = w.cols();
        int padded = roundUp(w.rows());
        int start = 0;
        for (; start + PANEL <= padded; start += PANEL) {
            int base = start * n;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector b0 = a0;
            FloatVector b1 = a0;
            FloatVector b2 = a0;
            FloatVector b3 = a0;
            int i = 0;
            for (; i + 1 < n; i += 2) {
                int o = base + i * PANEL;
                FloatVector xi = FloatVector.broadcast(S, x[xo + i]);
                a0 = FloatVector.fromArray(S, p, o).fma(xi, a0);
                a1 = FloatVector.fromArray(S, p, o + L).fma(xi, a1);
                a2 = FloatVector.fromArray(S, p, o + 2 * L).fma(xi, a2);
                a3 = FloatVector.fromArray(S, p, o + 3 * L).fma(xi, a3);
                FloatVector xk = FloatVector.broadcast(S, x[xo + i + 1]);
                b0 = FloatVector.fromArray(S, p, o + PANEL).fma(xk, b0);
                b1 = FloatVector.fromArray(S, p, o + PANEL + L).fma(xk, b1);
                b2 = FloatVector.fromArray(S, p, o + PANEL + 2 * L).fma(xk, b2);
                b3 = FloatVector.fromArray(S, p, o + PANEL + 3 * L).fma(xk, b3);
            }
            if (i < n) {
                int o = base + i * PANEL;
                FloatVector xi = FloatVector.broadcast(S, x[xo + i]);
                a0 = FloatVector.fromArray(S, p, o).fma(xi, a0);
                a1 = FloatVector.fromArray(S, p, o + L).fma(xi, a1);
                a2 = FloatVector.fromArray(S, p, o + 2 * L).fma(xi, a2);
                a3 = FloatVector.fromArray(S, p, o + 3 * L).fma(xi, a3);
            }
            store(a0.add(b0), out, oo, start, w.rows());
            store(a1.add(b1), out, oo, start + L, w.rows());
            store(a2.add(b2), out, oo, start + 2 * L, w.rows());
            store(a3.add(b3), out, oo, start + 3 * L, w.rows());
        }
        int width = padded - start;
        for (int c = 0; c < width; c += L) {
            int base = start * n + c;
            FloatVector a = FloatVector.zero(S);
            FloatVector b = a;
            int i = 0;
            for (; i + 1 < n; i += 2) {
                a = FloatVector.fromArray(S, p, base + i * width).fma(FloatVector.broadcast(S, x[xo + i]), a);
                b = FloatVector.fromArray(S, p, base + (i + 1) * width).fma(FloatVector.broadcast(S, x[xo + i + 1]), b);
            }
            if (i < n) {
                a = FloatVector.fromArray(S, p, base + i * width).fma(FloatVector.broadcast(S, x[xo + i]), a);
            }
            store(a.add(b), out, oo, start + c, w.rows());
        }
    }

    /** Four tokens (scoring, prompts): a 4 x 4-vector tile, each weight vector loaded once for four FMAs. */
    private static void fourRows(Matrix w, float[] x, int xo, int xs, float[] out, int oo, int os) {
        float[] p = w.values();
        int n = w.cols();
        int rows = w.rows();
        int padded = roundUp(rows);
        int start = 0;
        for (; start + PANEL <= padded; start += PANEL) {
            int base = start * n;
            FloatVector a00 = FloatVector.zero(S);
            FloatVector a01 = a00;
            FloatVector a02 = a00;
            FloatVector a03 = a00;
            FloatVector a10 = a00;
            FloatVector a11 = a00;
            FloatVector a12 = a00;
            FloatVector a13 = a00;
            FloatVector a20 = a00;
            FloatVector a21 = a00;
            FloatVector a22 = a00;
            FloatVector a23 = a00;
            FloatVector a30 = a00;
            FloatVector a31 = a00;
            FloatVector a32 = a00;
            FloatVector a33 = a00;
            for (int i = 0; i < n; i++) {
                int o = base + i * PANEL;
                FloatVector w0 = FloatVector.fromArray(S, p, o);
                FloatVector w1 = FloatVector.fromArray(S, p, o + L);
                FloatVector w2 = FloatVector.fromArray(S, p, o + 2 * L);
                FloatVector w3 = FloatVector.fromArray(S, p, o + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, x[xo + i]);
                a00 = w0.fma(x0, a00);
                a01 = w1.fma(x0, a01);
                a02 = w2.fma(x0, a02);
                a03 = w3.fma(x0, a03);
                FloatVector x1 = FloatVector.broadcast(S, x[xo + xs + i]);
                a10 = w0.fma(x1, a10);
                a11 = w1.fma(x1, a11);
                a12 = w2.fma(x1, a12);
                a13 = w3.fma(x1, a13);
                FloatVector x2 = FloatVector.broadcast(S, x[xo + 2 * xs + i]);
                a20 = w0.fma(x2, a20);
                a21 = w1.fma(x2, a21);
                a22 = w2.fma(x2, a22);
                a23 = w3.fma(x2, a23);
                FloatVector x3 = FloatVector.broadcast(S, x[xo + 3 * xs + i]);
                a30 = w0.fma(x3, a30);
                a31 = w1.fma(x3, a31);
                a32 = w2.fma(x3, a32);
                a33 = w3.fma(x3, a33);
            }
            storeFour(a00, a01, a02, a03, out, oo, start, rows);
            storeFour(a10, a11, a12, a13, out, oo + os, start, rows);
            storeFour(a20, a21, a22, a23, out, oo + 2 * os, start, rows);
            storeFour(a30, a31, a32, a33, out, oo + 3 * os, start, rows);
        }
        int width = padded - start;
        for (int c = 0; c < width; c += L) {
            int base = start * n + c;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            for (int i = 0; i < n; i++) {
                FloatVector wi = FloatVector.fromArray(S, p, base + i * width);
                a0 = wi.fma(FloatVector.broadcast(S, x[xo + i]), a0);
                a1 = wi.fma(FloatVector.broadcast(S, x[xo + xs + i]), a1);
                a2 = wi.fma(FloatVector.broadcast(S, x[xo + 2 * xs + i]), a2);
                a3 = wi.fma(FloatVector.broadcast(S, x[xo + 3 * xs + i]), a3);
            }
            store(a0, out, oo, start + c, rows);
            store(a1, out, oo + os, start + c, rows);
            store(a2, out, oo + 2 * os, start + c, rows);
            store(a3, out, oo + 3 * os, start + c, rows);
        }
    }

    private static void storeFour(FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3, float[] out,
                                  int offset, int start, int rows) {
        store(v0, out, offset, start, rows);
        store(v1, out, offset, start + L, rows);
        store(v2, out, offset, start + 2 * L, rows);
        store(v3, out, offset, start + 3 * L, rows);
    }

    /** Outputs [j, j + L) of a row, cut at {@code rows}: the padding of the last vector is never written. */
    private static void store(FloatVector v, float[] out, int offset, int j, int rows) {
        if (j + L <= rows) {
            v.intoArray(out, offset + j);
        } else if (j < rows) {
            v.intoArray(out, offset + j, S.indexInRange(j, rows));
        }
    }

    @Override
    public void rmsnorm(float[] out, int outOffset, float[] x, int xOffset, float[] weight, int n, float eps) {
        FloatVector acc = FloatVector.zero(S);
        for (int j = 0; j < n; j += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOffset + j, S.indexInRange(j, n));
            acc = v.fma(v, acc);
        }
        float scale = 1.0f / (float) Math.sqrt(acc.reduceLanes(VectorOperators.ADD) / n + eps);
        for (int j = 0; j < n; j += L) {
            VectorMask<Float> m = S.indexInRange(j, n);
            FloatVector v = FloatVector.fromArray(S, x, xOffset + j, m).mul(scale);
            v.mul(FloatVector.fromArray(S, weight, j, m)).intoArray(out, outOffset + j, m);
        }
    }

    @Override
    public void add(float[] x, int xOffset, float[] y, int yOffset, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOffset + i, m).add(FloatVector.fromArray(S, y, yOffset + i, m))
                    .intoArray(x, xOffset + i, m);
        }
    }

    @Override
    public void swiglu(float[] h, int offset, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector gate = FloatVector.fromArray(S, h, offset + i, m);
            FloatVector up = FloatVector.fromArray(S, h, offset + n + i, m);
            FloatVector silu = gate.div(gate.neg().lanewise(VectorOperators.EXP).add(1.0f));
            silu.mul(up).intoArray(h, offset + i, m);
        }
    }

    @Override
    public int cacheStride(int capacity) {
        return roundUp(capacity);
    }

    /**
     * Scores a whole vector of positions at once (one FMA per component of the head), then the
     * softmax with the positions past {@code length} set to minus infinity so that whole vectors
     * can be used throughout, and the weighted sum, normalised once at the end.
     */
    @Override
    public void attention(float[] q, int qOffset, float[] keys, float[] values, int cacheOffset, int stride,
                          int length, int headSize, float scale, float[] att, float[] out, int outOffset) {
        int padded = roundUp(length);
        FloatVector maxima = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int t = 0; t < padded; t += L) {
            FloatVector score = FloatVector.zero(S);
            for (int i = 0; i < headSize; i++) {
                score = FloatVector.fromArray(S, keys, cacheOffset + i * stride + t)
                        .fma(FloatVector.broadcast(S, q[qOffset + i]), score);
            }
            score = score.div(scale);
            if (t + L > length) {
                score = score.blend(Float.NEGATIVE_INFINITY, S.indexInRange(t, length).not());
            }
            score.intoArray(att, t);
            maxima = maxima.max(score);
        }
        float max = maxima.reduceLanes(VectorOperators.MAX);
        FloatVector sums = FloatVector.zero(S);
        for (int t = 0; t < padded; t += L) {
            FloatVector e = FloatVector.fromArray(S, att, t).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(att, t);
            sums = sums.add(e);
        }
        float total = sums.reduceLanes(VectorOperators.ADD);
        int i = 0;
        for (; i + 4 <= headSize; i += 4) {
            int row = cacheOffset + i * stride;
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            for (int t = 0; t < padded; t += L) {
                FloatVector a = FloatVector.fromArray(S, att, t);
                s0 = FloatVector.fromArray(S, values, row + t).fma(a, s0);
                s1 = FloatVector.fromArray(S, values, row + stride + t).fma(a, s1);
                s2 = FloatVector.fromArray(S, values, row + 2 * stride + t).fma(a, s2);
                s3 = FloatVector.fromArray(S, values, row + 3 * stride + t).fma(a, s3);
            }
            out[outOffset + i] = s0.reduceLanes(VectorOperators.ADD) / total;
            out[outOffset + i + 1] = s1.reduceLanes(VectorOperators.ADD) / total;
            out[outOffset + i + 2] = s2.reduceLanes(VectorOperators.ADD) / total;
            out[outOffset + i + 3] = s3.reduceLanes(VectorOperators.ADD) / total;
        }
        for (; i < headSize; i++) {
            int row = cacheOffset + i * stride;
            FloatVector s0 = FloatVector.zero(S);
            for (int t = 0; t < padded; t += L) {
                s0 = FloatVector.fromArray(S, values, row + t).fma(FloatVector.fromArray(S, att, t), s0);
            }
            out[outOffset + i] = s0.reduceLanes(VectorOperators.ADD) / total;
        }
    }

    /** The exponentials in float vectors, summed in float: about 1e-7 from the scalar path's double. */
    @Override
    public double logSoftmax(float[] logits, int offset, int n, int target, float[] out) {
        FloatVector maxima = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            maxima = maxima.max(FloatVector.fromArray(S, logits, offset + i, m).blend(Float.NEGATIVE_INFINITY, m.not()));
        }
        float max = maxima.reduceLanes(VectorOperators.MAX);
        FloatVector sums = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector e = FloatVector.fromArray(S, logits, offset + i, m).sub(max).lanewise(VectorOperators.EXP);
            e = e.blend(0.0f, m.not());
            e.intoArray(out, i, m);
            sums = sums.add(e);
        }
        float sum = sums.reduceLanes(VectorOperators.ADD);
        float inverse = 1.0f / sum;
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, out, i, m).mul(inverse).intoArray(out, i, m);
        }
        return (logits[offset + target] - (double) max) - Math.log(sum);
    }

    private static int roundUp(int n) {
        return (n + L - 1) / L * L;
    }
}
