package org.gsmile.models.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * VectorKernels against ScalarKernels on random data, at the shapes of stories260K and at sizes that
 * are no multiple of a vector (tails, padding, panels narrower than four vectors), both built directly
 * in this JVM. Equal to 1e-5, relative where the values are larger than one.
 */
class VectorKernelsTest {

    private static final double TOLERANCE = 1e-5;
    private final ScalarKernels scalar = new ScalarKernels();
    private final VectorKernels vector = new VectorKernels();
    private final SplittableRandom random = new SplittableRandom(20260501L);

    @Test
    void matmulOfEveryShapeAndBlockSize() {
        int[][] shapes = {{64, 64}, {128, 64}, {344, 64}, {64, 172}, {512, 64}, {1, 1}, {15, 7}, {17, 33}, {60, 5},
            {100, 3}, {33, 64}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            float[] w = values(rows * cols);
            Kernels.Matrix packedScalar = scalar.pack(w, rows, cols);
            Kernels.Matrix packedVector = vector.pack(w, rows, cols);
            for (int count = 1; count <= 9; count++) {
                int xStride = cols + 3;
                // Room for the whole vectors the vector kernels write, and one more value per row.
                int outStride = packedVector.stride() + 1;
                float[] x = values(count * xStride);
                float[] expected = new float[count * outStride + 1];
                float[] actual = new float[count * outStride + 1];
                Arrays.fill(expected, 7f);
                Arrays.fill(actual, 7f);
                scalar.matmul(packedScalar, x, 0, xStride, expected, 1, outStride, count);
                vector.matmul(packedVector, x, 0, xStride, actual, 1, outStride, count);
                for (int r = 0; r < count; r++) {
                    int row = 1 + r * outStride;
                    String what = rows + "x" + cols + ", " + count + " rows, row " + r;
                    assertClose(Arrays.copyOfRange(expected, row, row + rows), Arrays.copyOfRange(actual, row, row + rows),
                            what);
                    // Zeros where the vector kernels pad, and nothing written past the stride.
                    for (int j = rows; j < packedVector.stride(); j++) {
                        assertEquals(0f, actual[row + j], what + " padding " + j);
                    }
                    assertEquals(7f, actual[row + outStride - 1], what);
                    assertEquals(7f, expected[row + outStride - 1], what);
                }
            }
        }
    }

    @Test
    void rmsnormAddAndSwiglu() {
        for (int n : new int[] {1, 5, 16, 64, 172}) {
            float[] x = values(n + 2);
            float[] weight = values(n);
            float[] expected = new float[n + 3];
            float[] actual = new float[n + 3];
            scalar.rmsnorm(expected, 1, x, 2, weight, n, 1e-5f);
            vector.rmsnorm(actual, 1, x, 2, weight, n, 1e-5f);
            assertClose(expected, actual, "rmsnorm " + n);

            float[] y = values(n);
            float[] sumScalar = x.clone();
            float[] sumVector = x.clone();
            scalar.add(sumScalar, 1, y, 0, n);
            vector.add(sumVector, 1, y, 0, n);
            assertClose(sumScalar, sumVector, "add " + n);

            int padded = vector.padded(n);
            float[] h = values(2 * padded + 1);
            float[] gluScalar = h.clone();
            float[] gluVector = h.clone();
            scalar.swiglu(gluScalar, 1, padded);
            vector.swiglu(gluVector, 1, padded);
            assertClose(gluScalar, gluVector, "swiglu " + padded);
        }
    }

    @Test
    void attentionOverEveryLength() {
        int headSize = 8;
        int capacity = 70;
        for (int heads : new int[] {1, 2}) {
            int strideScalar = scalar.cacheStride(capacity);
            int strideVector = vector.cacheStride(capacity);
            float[] q = values(heads * headSize);
            float[] keys = values(heads * headSize * capacity);
            float[] vals = values(heads * headSize * capacity);
            // The same cache laid out at either stride (the vector kernels pad positions to whole vectors).
            float[] keysVector = restride(keys, heads * headSize, capacity, strideVector);
            float[] valuesVector = restride(vals, heads * headSize, capacity, strideVector);
            for (int length = 1; length <= capacity; length++) {
                for (int h = 0; h < heads; h++) {
                    float[] expected = new float[headSize];
                    float[] actual = new float[headSize];
                    scalar.attention(q, h * headSize, keys, vals, h * headSize * strideScalar, strideScalar,
                            length, headSize, (float) Math.sqrt(headSize), new float[strideScalar], expected, 0);
                    vector.attention(q, h * headSize, keysVector, valuesVector, h * headSize * strideVector,
                            strideVector, length, headSize, (float) Math.sqrt(headSize), new float[strideVector],
                            actual, 0);
                    assertClose(expected, actual, "head " + h + ", length " + length);
                }
            }
        }
    }

    @Test
    void logSoftmaxOfLogits() {
        for (int n : new int[] {1, 7, 512, 515}) {
            float[] logits = values(n + 1);
            for (int i = 0; i < logits.length; i++) {
                logits[i] *= 12;
            }
            float[] expected = new float[n];
            float[] actual = new float[n];
            int target = n / 3;
            double lpScalar = scalar.logSoftmax(logits, 1, n, target, expected);
            double lpVector = vector.logSoftmax(logits, 1, n, target, actual);
            assertClose(expected, actual, "softmax " + n);
            assertEquals(lpScalar, lpVector, TOLERANCE * Math.max(1, Math.abs(lpScalar)), "log-prob " + n);
        }
    }

    @Test
    void expIsWithinTwoUlpsOfMathExpAndZeroBelowTheFloats() {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        float[] x = new float[lanes];
        float[] y = new float[lanes];
        for (float start = -110f; start < 88f; start += 0.37f * lanes) {
            for (int i = 0; i < lanes; i++) {
                x[i] = Math.min(88.7f, start + 0.37f * i);
            }
            VectorKernels.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, 0)).intoArray(y, 0);
            for (int i = 0; i < lanes; i++) {
                float expected = (float) Math.exp(x[i]);
                assertEquals(expected, y[i], 2 * Math.ulp(expected) + Float.MIN_VALUE, "exp " + x[i]);
            }
        }
        Arrays.fill(x, Float.NEGATIVE_INFINITY);
        VectorKernels.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, 0)).intoArray(y, 0);
        assertEquals(0f, y[0]);
    }

    @Test
    void theSameCallGivesTheSameBitsBeforeAndAfterCompilation() {
        // The first calls run interpreted (where this class is the first to use them), the last compiled by C2.
        float[] logits = values(512);
        for (int i = 0; i < logits.length; i++) {
            logits[i] *= 12;
        }
        float[] first = new float[512];
        double firstLog = vector.logSoftmax(logits, 0, 512, 5, first);
        float[] again = new float[512];
        for (int call = 0; call < 20_000; call++) {
            double log = vector.logSoftmax(logits, 0, 512, 5, again);
            if (log != firstLog || !Arrays.equals(first, again)) {
                throw new AssertionError("call " + call + " gave other bits than the first");
            }
        }
    }

    private static float[] restride(float[] rows, int count, int length, int stride) {
        float[] out = new float[count * stride];
        for (int r = 0; r < count; r++) {
            System.arraycopy(rows, r * length, out, r * stride, length);
        }
        return out;
    }

    private float[] values(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }

    static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = TOLERANCE * Math.max(1, Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], tolerance, what + " at " + i);
        }
    }
}
