package org.gsmile.models.onnx;

import org.gsmile.core.UserInputException;

/**
 * How an ONNX model is run.
 *
 * @param batchSize     prompts per ONNX Runtime call when scoring or generating
 * @param concurrency   ONNX Runtime calls in flight at once (each with its own DJL predictor)
 * @param threadsPerRun intra-op threads of each call
 */
public record OnnxOptions(int batchSize, int concurrency, int threadsPerRun) {

    /**
     * Measured best on the shared models ({@code ./benchmark onnx-throughput}): larger batches pay
     * for padding and leave cores idle once there are fewer batches than cores; single prompts pay
     * per-call overhead.
     */
    public static final int DEFAULT_BATCH_SIZE = 8;
    /** A batch is far too large to matter beyond this, and a typo like batch=100000 is caught. */
    public static final int MAX_BATCH_SIZE = 4096;

    public OnnxOptions {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new UserInputException("ONNX batch size must be between 1 and " + MAX_BATCH_SIZE + ", got "
                    + batchSize + ": e.g. onnx:tinygpt?batch=" + DEFAULT_BATCH_SIZE);
        }
        if (concurrency < 1 || threadsPerRun < 1) {
            throw new IllegalArgumentException("concurrency and threadsPerRun must be at least 1");
        }
    }

    public static OnnxOptions defaults() {
        return withBatchSize(DEFAULT_BATCH_SIZE);
    }

    /**
     * One call per core, each single-threaded: these models are too small for ONNX Runtime's
     * intra-op parallelism to pay off, while independent batches keep every core busy.
     */
    public static OnnxOptions withBatchSize(int batchSize) {
        return new OnnxOptions(batchSize, Runtime.getRuntime().availableProcessors(), 1);
    }
}
