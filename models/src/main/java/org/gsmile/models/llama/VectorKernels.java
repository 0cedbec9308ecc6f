package org.gsmile.models.llama;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
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
 * output per lane instead. Nor is there a masked operation or a loop over a last partial vector:
 * once C2 meets either it recompiles these kernels with their vectors boxed (measured: a 4-token
 * matmul fell from 0.4 to 9 µs per token), so matrices and activations are padded to whole
 * vectors and the few tails that remain are scalar.
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
     * W transposed into panels of {@link #PANEL} outputs, each [cols][PANEL], the outputs padded with
     * zero rows to a whole number of panels: an input's weights for a panel's outputs are then one
     * contiguous run, read front to back, and every panel is a whole tile.
     */
    @Override
    public Matrix pack(float[] rowMajor, int rows, int cols) {
        int stride = (rows + PANEL - 1) / PANEL * PANEL;
        float[] packed = new float[stride * cols];
        for (int start = 0; start < rows; start += PANEL) {
            for (int i = 0; i < cols; i++) {
                for (int c = 0; c < PANEL && start + c < rows; c++) {
                    packed[start * cols + i * PANEL + c] = rowMajor[(start + c) * cols + i];
                }
            }
        }
        return new Matrix(packed, rows, cols, stride);
    }

    @Override
    public int padded(int n) {
        return roundUp(n);
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
     * One token (generation). Each output is summed over the inputs in order, as in {@link #fourRows}, so
     * that a token's results do not depend on how the tokens were grouped into blocks (a prefix scored
     * afresh gives the bits of the same prefix inside a longer sequence). Four FMA chains are in flight,
     * not the eight the machine could run, but a single token waits on reading the weights, not on FMAs.
     */
    private static void oneRow(Matrix w, float[] x, int xo, float[] out, int oo) {
        float[] p = w.values();
        int n = w.cols();
        for (int start = 0; start < w.stride(); start += PANEL) {
            int base = start * n;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            for (int i = 0; i < n; i++) {
                int o = base + i * PANEL;
                FloatVector xi = FloatVector.broadcast(S, x[xo + i]);
                a0 = FloatVector.fromArray(S, p, o).fma(xi, a0);
                a1 = FloatVector.fromArray(S, p, o + L).fma(xi, a1);
                a2 = FloatVector.fromArray(S, p, o + 2 * L).fma(xi, a2);
                a3 = FloatVector.fromArray(S, p, o + 3 * L).fma(xi, a3);
            }
            storeFour(a0, a1, a2, a3, out, oo + start);
        }
    }

    /** Four tokens (scoring, prompts): a 4 x 4-vector tile, each weight vector loaded once for four FMAs. */
    private static void fourRows(Matrix w, float[] x, int xo, int xs, float[] out, int oo, int os) {
        float[] p = w.values();
        int n = w.cols();
        for (int start = 0; start < w.stride(); start += PANEL) {
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
            storeFour(a00, a01, a02, a03, out, oo + start);
            storeFour(a10, a11, a12, a13, out, oo + os + start);
            storeFour(a20, a21, a22, a23, out, oo + 2 * os + start);
            storeFour(a30, a31, a32, a33, out, oo + 3 * os + start);
        }
    }

    private static void storeFour(FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3, float[] out,
                                  int offset) {
        v0.intoArray(out, offset);
        v1.intoArray(out, offset + L);
        v2.intoArray(out, offset + 2 * L);
        v3.intoArray(out, offset + 3 * L);
    }

    @Override
    public void rmsnorm(float[] out, int outOffset, float[] x, int xOffset, float[] weight, int n, float eps) {
        int bound = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        for (int j = 0; j < bound; j += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOffset + j);
            acc = v.fma(v, acc);
        }
        float ss = acc.reduceLanes(VectorOperators.ADD);
        for (int j = bound; j < n; j++) {
            ss += x[xOffset + j] * x[xOffset + j];
        }
        float scale = 1.0f / (float) Math.sqrt(ss / n + eps);
        for (int j = 0; j < bound; j += L) {
            FloatVector.fromArray(S, x, xOffset + j).mul(scale).mul(FloatVector.fromArray(S, weight, j))
                    .intoArray(out, outOffset + j);
        }
        for (int j = bound; j < n; j++) {
            out[outOffset + j] = weight[j] * (scale * x[xOffset + j]);
        }
    }

    @Override
    public void add(float[] x, int xOffset, float[] y, int yOffset, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(S, x, xOffset + i).add(FloatVector.fromArray(S, y, yOffset + i))
                    .intoArray(x, xOffset + i);
        }
        for (int i = bound; i < n; i++) {
            x[xOffset + i] += y[yOffset + i];
        }
    }

    @Override
    public void swiglu(float[] h, int offset, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector gate = FloatVector.fromArray(S, h, offset + i);
            FloatVector up = FloatVector.fromArray(S, h, offset + n + i);
            gate.div(exp(gate.neg()).add(1.0f)).mul(up).intoArray(h, offset + i);
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
            score.div(scale).intoArray(att, t);
        }
        for (int t = length; t < padded; t++) {
            att[t] = Float.NEGATIVE_INFINITY;
        }
        for (int t = 0; t < padded; t += L) {
            maxima = maxima.max(FloatVector.fromArray(S, att, t));
        }
        float max = maxima.reduceLanes(VectorOperators.MAX);
        FloatVector sums = FloatVector.zero(S);
        for (int t = 0; t < padded; t += L) {
            FloatVector e = exp(FloatVector.fromArray(S, att, t).sub(max));
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
        int bound = S.loopBound(n);
        FloatVector maxima = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < bound; i += L) {
            maxima = maxima.max(FloatVector.fromArray(S, logits, offset + i));
        }
        float max = maxima.reduceLanes(VectorOperators.MAX);
        for (int i = bound; i < n; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        FloatVector sums = FloatVector.zero(S);
        for (int i = 0; i < bound; i += L) {
            FloatVector e = exp(FloatVector.fromArray(S, logits, offset + i).sub(max));
            e.intoArray(out, i);
            sums = sums.add(e);
        }
        float sum = sums.reduceLanes(VectorOperators.ADD);
        for (int i = bound; i < n; i++) {
            out[i] = (float) Math.exp(logits[offset + i] - max);
            sum += out[i];
        }
        float inverse = 1.0f / sum;
        for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(S, out, i).mul(inverse).intoArray(out, i);
        }
        for (int i = bound; i < n; i++) {
            out[i] *= inverse;
        }
        return (logits[offset + target] - (double) max) - Math.log(sum);
    }

    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer, kept in the low bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);

    /**
     * e^x from additions, multiplications and FMAs only (Cody and Waite's reduction, Cephes' expf
     * polynomial, within about 2 float ulps), instead of VectorOperators.EXP: C2 computes that with
     * its own vector library while the interpreter and C1 call Math.exp per lane, so the same call
     * gave other bits before and after compilation, and scoring a prompt twice could differ. These
     * operations are exact IEEE arithmetic in every mode. Below -104 the result is 0, as e^x is in
     * float; the scale 2^k is applied in two halves so that it reaches the subnormals.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(-104.0f).min(88.72f);
        FloatVector t = clamped.fma(1.44269504088896341f, ROUNDER);
        FloatVector k = t.sub(ROUNDER);
        // k times the short high part of ln 2 is exact, so no FMA is needed for it.
        FloatVector r = clamped.sub(k.mul(0.693359375f)).add(k.mul(2.12194440e-4f));
        FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
        p = p.fma(r, FloatVector.broadcast(S, 8.3334519073e-3f));
        p = p.fma(r, FloatVector.broadcast(S, 4.1665795894e-2f));
        p = p.fma(r, FloatVector.broadcast(S, 1.6666665459e-1f));
        p = p.fma(r, FloatVector.broadcast(S, 5.0000001201e-1f));
        p = p.fma(r.mul(r), r).add(1.0f);
        IntVector exponent = t.reinterpretAsInts().sub(ROUNDER_BITS);
        IntVector half = exponent.lanewise(VectorOperators.ASHR, 1);
        FloatVector first = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector second = exponent.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(first).mul(second);
    }

    private static int roundUp(int n) {
        return (n + L - 1) / L * L;
    }
}
