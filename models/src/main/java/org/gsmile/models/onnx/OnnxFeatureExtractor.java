package org.gsmile.models.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.gsmile.core.UserInputException;
import org.gsmile.core.image.FeatureExtractor;
import org.gsmile.core.image.Image;
import org.gsmile.models.llama.Sha256;

/**
 * A vision model the user supplies as ONNX, mapping an image to a feature vector, for the
 * {@code feature-wasserstein} distance. The graph has one input, float32 [batch, 3, H, W] (RGB in
 * [0, 1], as the images are: a model that expects other normalisation must do it inside the graph)
 * and its first output is float32 [batch, ...], flattened per row into the feature vector. Where the
 * graph fixes H and W, each image is resized to them first ({@link Image#resized}); a batch
 * dimension fixed at 1 is run one image at a time. Runs through DJL's ONNX Runtime engine on the CPU;
 * thread-safe.
 */
public final class OnnxFeatureExtractor implements FeatureExtractor, AutoCloseable {
    private final Path file;
    private final String sha256;
    private final OrtRunner runner;
    private final String input;
    private final long[] shape;

    private OnnxFeatureExtractor(Path file, String sha256, OrtRunner runner, String input, long[] shape) {
        this.file = file;
        this.sha256 = sha256;
        this.runner = runner;
        this.input = input;
        this.shape = shape;
    }

    /** Loads the model; every problem with the file or its interface is one line naming the file. */
    public static OnnxFeatureExtractor load(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserInputException(file + " is a folder: {featureModel} names the .onnx file of an image model");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + " does not exist: {featureModel} names the .onnx file of an image model");
        }
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            throw new UserInputException(file + " is not an ONNX model (no .onnx ending): {featureModel} names the .onnx"
                    + " file of an image model");
        }
        OrtRunner runner = OrtRunner.load(file, Runtime.getRuntime().availableProcessors(), 1);
        try {
            List<OnnxGraph.ValueInfo> inputs = OnnxGraph.read(file).feedInputs();
            if (inputs.size() != 1) {
                throw new UserInputException(file + " has " + inputs.size() + " inputs: a feature model takes one image,"
                        + " float32 [batch, 3, H, W]");
            }
            OnnxGraph.ValueInfo in = inputs.get(0);
            List<String> dims = in.dims() == null ? List.of() : in.dims();
            if (dims.size() != 4 || !dims.get(1).equals("3") || in.elemType() != OnnxGraph.FLOAT) {
                throw new UserInputException(file + ": input '" + in.name() + "' is " + (in.elemType() == OnnxGraph.FLOAT
                        ? "float32 " : "not float32 ") + dims + ", but a feature model takes float32 [batch, 3, H, W]");
            }
            long[] shape = dims.stream().mapToLong(d -> d.matches("\\d+") ? Long.parseLong(d) : -1).toArray();
            OnnxFeatureExtractor extractor = new OnnxFeatureExtractor(file, Sha256.of(file), runner, in.name(), shape);
            // One small run checks the output up front.
            extractor.features(List.of(Image.of(1, 1, new float[3])));
            return extractor;
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return file + " (sha256 " + sha256 + ")";
    }

    public String sha256() {
        return sha256;
    }

    @Override
    public List<float[]> features(List<Image> images) {
        if (images.isEmpty()) {
            return List.of();
        }
        int h = shape[2] > 0 ? (int) shape[2] : -1;
        int w = shape[3] > 0 ? (int) shape[3] : -1;
        List<Image> sized = new ArrayList<>(images.size());
        for (Image im : images) {
            sized.add(h > 0 && w > 0 ? im.resized(w, h) : im);
        }
        boolean single = shape[0] == 1;
        boolean sameSize = sized.stream().allMatch(i -> i.width() == sized.get(0).width()
                && i.height() == sized.get(0).height());
        if (single || !sameSize) {
            List<float[]> out = new ArrayList<>();
            for (Image im : sized) {
                out.addAll(run(List.of(im)));
            }
            return out;
        }
        return run(sized);
    }

    private List<float[]> run(List<Image> batch) {
        int ih = batch.get(0).height();
        int iw = batch.get(0).width();
        int size = 3 * ih * iw;
        float[] values = new float[batch.size() * size];
        for (int r = 0; r < batch.size(); r++) {
            System.arraycopy(batch.get(r).planes(), 0, values, r * size, size);
        }
        OrtRunner.Output out = runner.run(List.of(OrtRunner.Tensor.float32(input, values, batch.size(), 3, ih, iw)),
                null, "a feature model maps " + input + " float32 [batch, 3, H, W] to float32 features [batch, ...]");
        if (out.shape().length < 1 || out.shape()[0] != batch.size() || out.values().length % batch.size() != 0
                || out.values().length == 0) {
            throw new UserInputException(file + ": the output is " + Arrays.toString(out.shape()) + " for "
                    + batch.size() + " images: a feature model gives float32 [batch, ...], one row per image");
        }
        int d = out.values().length / batch.size();
        List<float[]> rows = new ArrayList<>(batch.size());
        for (int r = 0; r < batch.size(); r++) {
            rows.add(Arrays.copyOfRange(out.values(), r * d, (r + 1) * d));
        }
        return rows;
    }

    @Override
    public void close() {
        runner.close();
    }
}
