package org.gsmile.models.llama;

/**
 * The arithmetic of the forward pass, apart from its bookkeeping in {@link Transformer}: one
 * implementation follows run.c's loops in plain Java ({@link ScalarKernels}), the other uses the
 * JDK's incubating Vector API ({@code VectorKernels}), which is only there when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}. {@link EngineKernels} picks one. Implementations are
 * stateless, so one instance serves every thread.
 *
 * <p>Activations are rows of a block of tokens: row r of a [count][n] argument starts at
 * {@code offset + r * stride}. The attention caches are per layer and transposed, [kvDim][stride]
 * with {@code stride = cacheStride(capacity)}: a key or value component of every position is
 * contiguous, which is what lets one vector cover many positions at once.
 */
interface Kernels {

    /**
     * A weight matrix W of shape [rows][cols] (row-major, llama2.c's [out][in]) repacked in the layout
     * of the kernels that made it; only those kernels may read {@code values}. {@link #matmul} writes
     * {@code stride} outputs per row, at least {@code rows}, zeros past them: output rows must have
     * that much room.
     */
    record Matrix(float[] values, int rows, int cols, int stride) {
    }

    Matrix pack(float[] rowMajor, int rows, int cols);

    /** out[r][0, w.stride) = W x[r] for r in [0, count), x[r] holding w.cols inputs. */
    void matmul(Matrix w, float[] x, int xOffset, int xStride, float[] out, int outOffset, int outStride, int count);

    /**
     * n rounded up to a whole number of the kernels' vectors. A SwiGLU row keeps its gate and its up
     * projection this far apart, so that {@link #swiglu} reads whole vectors of both.
     */
    int padded(int n);

    /** out[0, n) = weight * x / rms(x), as run.c's rmsnorm. */
    void rmsnorm(float[] out, int outOffset, float[] x, int xOffset, float[] weight, int n, float eps);

    /** x[0, n) += y[0, n). */
    void add(float[] x, int xOffset, float[] y, int yOffset, int n);

    /**
     * h[0, n) = silu(h[0, n)) * h[n, 2n): SwiGLU on a row holding the gate, then the up projection;
     * n is a {@link #padded} length.
     */
    void swiglu(float[] h, int offset, int n);

    /** Positions rounded up to what {@link #attention} reads at once; the caches and att are this long. */
    int cacheStride(int capacity);

    /**
     * One head's attention: out[0, headSize) = sum over t &lt; length of softmax(q . k_t / scale)_t v_t,
     * where component i of k_t is keys[cacheOffset + i * stride + t] (and likewise for values), and
     * att (at least {@code stride} long) is scratch.
     */
    void attention(float[] q, int qOffset, float[] keys, float[] values, int cacheOffset, int stride, int length,
                   int headSize, float scale, float[] att, float[] out, int outOffset);

    /**
     * Writes softmax(logits[0, n)) into out (n long) and returns the natural log-probability of {@code target}:
     * the distributions that teacher-forced scoring returns.
     */
    double logSoftmax(float[] logits, int offset, int n, int target, float[] out);
}
