package org.gsmile.models.onnx;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import org.gsmile.core.UserInputException;

/**
 * One ONNX model loaded by DJL's ONNX Runtime engine on the CPU, turning a batch of token ids
 * into logits. The ONNX Runtime session is thread-safe but DJL predictors are not, so each
 * concurrent caller borrows its own predictor from a fixed pool; arrays live in a per-call
 * manager that is closed as soon as the logits are copied out.
 *
 * <p>DJL must never reach for the network (ONNX Runtime's natives come in its jar, and DJL's engine
 * otherwise makes a telemetry call when it starts): the process runs with {@code ai.djl.offline=true},
 * which the application sets at start-up ({@code org.gsmile.experiments.Startup}) and the build sets
 * for the tests. A library sets no system property of its own.
 */
final class OrtRunner implements AutoCloseable {

    static final String ENGINE = "OnnxRuntime";

    /** Logits of a batch, row-major [batch, seq, vocab]. */
    record Logits(float[] values, int batch, int seq, int vocab) {
        int offset(int row, int position) {
            return (row * seq + position) * vocab;
        }
    }

    private final Path file;
    private final Model model;
    private final String inputName;
    private final String outputName;
    private final BlockingQueue<Predictor<NDList, NDList>> predictors;
    private final List<Predictor<NDList, NDList>> all = new ArrayList<>();

    private OrtRunner(Path file, Model model, String inputName, String outputName, int concurrency) {
        this.file = file;
        this.model = model;
        this.inputName = inputName;
        this.outputName = outputName;
        this.predictors = new ArrayBlockingQueue<>(concurrency);
        for (int i = 0; i < concurrency; i++) {
            Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator(null));
            all.add(predictor);
            predictors.add(predictor);
        }
    }

    /**
     * Loads {@code file} for up to {@code concurrency} simultaneous runs, each using
     * {@code threadsPerRun} ONNX Runtime intra-op threads.
     */
    /** As {@link #load(Path, String, String, int, int)}, for models run through {@link #run(List, String, String)}. */
    static OrtRunner load(Path file, int concurrency, int threadsPerRun) {
        return load(file, null, null, concurrency, threadsPerRun);
    }

    static OrtRunner load(Path file, String inputName, String outputName, int concurrency, int threadsPerRun) {
        Path absolute = file.toAbsolutePath();
        String fileName = absolute.getFileName().toString();
        String name = fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5) : fileName;
        Model model = Model.newInstance(name, Device.cpu(), ENGINE);
        try {
            model.load(absolute.getParent(), name, Map.of(
                    "intraOpNumThreads", Integer.toString(threadsPerRun),
                    "interOpNumThreads", "1"));
            return new OrtRunner(file, model, inputName, outputName, concurrency);
        } catch (Exception e) {
            model.close();
            throw new UserInputException(file + " cannot be loaded by ONNX Runtime (" + firstLine(e)
                    + "): replace it with a complete ONNX export", e);
        }
    }

    /** A named input of one run: int64 ids or float32 values, with its shape. */
    record Tensor(String name, long[] shape, long[] longs, float[] floats) {
        static Tensor int64(String name, long[] values, long... shape) {
            return new Tensor(name, shape, values, null);
        }

        static Tensor float32(String name, float[] values, long... shape) {
            return new Tensor(name, shape, null, values);
        }

        NDArray create(NDManager manager) {
            NDArray a = longs != null ? manager.create(LongBuffer.wrap(longs), new Shape(shape), DataType.INT64)
                    : manager.create(FloatBuffer.wrap(floats), new Shape(shape), DataType.FLOAT32);
            a.setName(name);
            return a;
        }

        String describe() {
            return name + " " + (longs != null ? "int64 " : "float32 ") + java.util.Arrays.toString(shape);
        }
    }

    /** One float32 output of a run: its values, row-major, and its shape. */
    record Output(float[] values, long[] shape) {
    }

    /**
     * Runs the model on named inputs and returns the float32 output {@code outputName} (the first
     * output when null). {@code expects} says, for error messages, what the model must map to what.
     */
    Output run(List<Tensor> inputs, String outputName, String expects) {
        Predictor<NDList, NDList> predictor = borrow();
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList in = new NDList();
            for (Tensor t : inputs) {
                in.add(t.create(manager));
            }
            NDList outputs = predictor.predict(in);
            NDArray out = outputName == null ? outputs.get(0) : outputs.get(outputName);
            if (out == null) {
                throw new UserInputException(file + " has no output named '" + outputName + "' (it gives "
                        + outputs.stream().map(NDArray::getName).toList() + "): " + expects);
            }
            if (out.getDataType() != DataType.FLOAT32) {
                throw new UserInputException(file + ": output '" + out.getName() + "' is " + out.getDataType()
                        + ", not float32: " + expects);
            }
            return new Output(out.toFloatArray(), out.getShape().getShape());
        } catch (TranslateException | ai.djl.engine.EngineException e) {
            throw new UserInputException(file + " failed to run on " + inputs.stream().map(Tensor::describe).toList()
                    + " (" + firstLine(e) + "): " + expects, e);
        } finally {
            predictors.add(predictor);
        }
    }

    /** Runs rows of {@code ids}, each {@code seq} long, and checks the output is [batch, seq, vocab] logits. */
    Logits run(long[] ids, int batch, int seq, int vocab) {
        Predictor<NDList, NDList> predictor = borrow();
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray input = manager.create(LongBuffer.wrap(ids), new Shape(batch, seq), DataType.INT64);
            input.setName(inputName);
            NDList outputs = predictor.predict(new NDList(input));
            NDArray logits = outputs.get(outputName);
            if (logits == null) {
                throw new UserInputException(file + " has no output named '" + outputName + "' (it gives "
                        + outputs.stream().map(NDArray::getName).toList() + "): name the logits output in config.json");
            }
            Shape shape = logits.getShape();
            if (logits.getDataType() != DataType.FLOAT32 || shape.dimension() != 3 || shape.get(0) != batch
                    || shape.get(1) != seq || shape.get(2) != vocab) {
                throw new UserInputException(file + ": output '" + outputName + "' is " + logits.getDataType()
                        + " " + java.util.Arrays.toString(shape.getShape()) + " for input [" + batch + ", " + seq
                        + "], expected float32 logits [" + batch + ", " + seq + ", " + vocab
                        + "] (batch, seq, vocab_size of config.json)");
            }
            return new Logits(logits.toFloatArray(), batch, seq, vocab);
        } catch (TranslateException e) {
            throw new UserInputException(file + " failed to run on input [" + batch + ", " + seq + "] ("
                    + firstLine(e) + "): it must map " + inputName + " int64 [batch, seq] to " + outputName
                    + " float32 [batch, seq, vocab]", e);
        } finally {
            predictors.add(predictor);
        }
    }

    @Override
    public void close() {
        for (Predictor<NDList, NDList> predictor : all) {
            predictor.close();
        }
        model.close();
    }

    /** The most specific one-line message in a chain of causes. */
    static String firstLine(Throwable error) {
        String message = null;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (message == null) {
            return error.getClass().getSimpleName();
        }
        String line = message.strip().lines().findFirst().orElse("").replaceAll("\\s+", " ");
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }

    private Predictor<NDList, NDList> borrow() {
        try {
            return predictors.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an ONNX Runtime predictor", e);
        }
    }
}
