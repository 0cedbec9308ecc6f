package org.gsmile.models.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;

import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.ImageEditor;
import org.gsmile.core.model.ImageSize;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.model.ModelThreads;
import org.gsmile.models.llama.Sha256;

/**
 * An instruction-based image editor exported to ONNX (as {@code tinyeditor}): an image float32
 * [batch, 3, H, W] in [0, 1] and the instruction's word ids int64 [batch, words] in, the edited image
 * float32 [batch, 3, H, W] out, run through DJL's ONNX Runtime engine on the CPU.
 *
 * <p>Instructions are tokenised as config.json says: lower-cased, the runs of {@code word_pattern}
 * looked up in the vocabulary (unknown words get {@code unknown_id}), {@code when_no_words} for an
 * instruction without any. They go to ONNX Runtime in batches of {@code ?batch=N} (default
 * {@value OnnxOptions#DEFAULT_BATCH_SIZE}), right-padded with {@code padding_id}, the input image
 * repeated on every row, one batch per core at a time; the network gives each row the same result
 * as alone (its encoder ignores padding), so an edit never depends on the batch it was in.
 */
public final class OnnxImageEditor implements ImageEditor {
    public static final String PREFIX = "onnx-editor:";

    private final ModelInfo info;
    private final OnnxEditorConfig config;
    private final OnnxOptions options;
    private final OrtRunner runner;
    private final ExecutorService pool;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OnnxImageEditor(ModelInfo info, OnnxEditorConfig config, OnnxOptions options, OrtRunner runner) {
        this.info = info;
        this.config = config;
        this.options = options;
        this.runner = runner;
        this.pool = Executors.newFixedThreadPool(options.concurrency(),
                ModelThreads.daemon("onnx-editor"));
    }

    /**
     * Resolves {@code onnx-editor:NAME} ({@code $GSMILE_MODELS/NAME/model.onnx}) or
     * {@code onnx-editor:/path/model.onnx} (or its folder), optionally followed by {@code ?batch=N}.
     *
     * @param modelsDir the GSMILE_MODELS folder, or null when it is not set
     */
    public static OnnxImageEditor resolve(String reference, Path modelsDir) {
        if (!reference.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an onnx-editor: reference: " + reference);
        }
        String spec = reference.substring(PREFIX.length()).trim();
        int query = spec.indexOf('?');
        OnnxOptions options = query < 0 ? OnnxOptions.defaults() : OnnxModels.options(spec.substring(query + 1),
                reference);
        String location = (query < 0 ? spec : spec.substring(0, query)).trim();
        if (location.isEmpty()) {
            throw new UserInputException("'" + reference + "' names no editor: use " + PREFIX + "NAME (a folder under"
                    + " GSMILE_MODELS, e.g. " + PREFIX + "tinyeditor) or " + PREFIX + "/path/to/model.onnx");
        }
        return load(reference, OnnxModels.modelFile(PREFIX, location, modelsDir), options);
    }

    /** Loads {@code modelFile} with the config.json beside it; every problem with the files is one line naming the file. */
    public static OnnxImageEditor load(String id, Path modelFile, OnnxOptions options) {
        if (!Files.isRegularFile(modelFile)) {
            throw new UserInputException(modelFile + " does not exist: check the path (an image editor is a model.onnx"
                    + " with its config.json beside it)");
        }
        OnnxEditorConfig config = OnnxEditorConfig.read(modelFile.toAbsolutePath().resolveSibling("config.json"));
        String sha256 = Sha256.of(modelFile);
        if (config.sha256() != null && !config.sha256().equalsIgnoreCase(sha256)) {
            throw new UserInputException(modelFile + " has sha256 " + sha256 + " but " + config.file() + " gives "
                    + config.sha256().toLowerCase(Locale.ROOT) + ": the file is damaged or the config belongs to another"
                    + " model; restore model.onnx");
        }
        OrtRunner runner = OrtRunner.load(modelFile, options.concurrency(), options.threadsPerRun());
        OnnxImageEditor editor = new OnnxImageEditor(new ModelInfo(id, sha256, config.maxWords()), config, options,
                runner);
        try {
            // One small run checks the whole interface (input names and types, output name and shape) up front.
            editor.runBatch(Image.of(config.width(), config.height(), new float[3 * config.width() * config.height()]),
                    List.of(config.whenNoWords()));
            return editor;
        } catch (RuntimeException e) {
            editor.close();
            throw e;
        }
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    public OnnxOptions options() {
        return options;
    }

    @Override
    public List<ImageSize> inputSizes() {
        return List.of(new ImageSize(config.width(), config.height()));
    }

    /**
     * The instruction's word ids as the network reads them; more than {@code max_words} words is
     * refused rather than cut, since the words past the limit could then never matter.
     */
    public long[] encode(String instruction) {
        String text = config.lowercase() ? instruction.toLowerCase(Locale.ROOT) : instruction;
        Matcher m = config.wordPattern().matcher(text);
        List<Long> ids = new ArrayList<>();
        while (m.find()) {
            ids.add((long) config.vocab().getOrDefault(m.group(), config.unknownId()));
        }
        if (ids.isEmpty()) {
            return config.whenNoWords().clone();
        }
        if (ids.size() > config.maxWords()) {
            throw new UserInputException("the instruction \"" + instruction + "\" has " + ids.size() + " words but "
                    + info.id() + " reads at most " + config.maxWords() + ": shorten it");
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public CompletableFuture<List<Image>> editAsync(Image input, List<String> instructions) {
        checkInput(input);
        List<long[]> encoded = instructions.stream().map(this::encode).toList();
        List<CompletableFuture<List<Image>>> batches = new ArrayList<>();
        for (int from = 0; from < encoded.size(); from += options.batchSize()) {
            List<long[]> batch = encoded.subList(from, Math.min(from + options.batchSize(), encoded.size()));
            batches.add(CompletableFuture.supplyAsync(() -> runBatch(input, batch), pool));
        }
        return Futures.allInOrder(batches).thenApply(done -> done.stream().flatMap(List::stream).toList());
    }

    private List<Image> runBatch(Image input, List<long[]> instructions) {
        int rows = instructions.size();
        int words = instructions.stream().mapToInt(a -> a.length).max().orElse(1);
        long[] ids = new long[rows * words];
        java.util.Arrays.fill(ids, config.paddingId());
        for (int r = 0; r < rows; r++) {
            System.arraycopy(instructions.get(r), 0, ids, r * words, instructions.get(r).length);
        }
        float[] one = input.planes();
        float[] images = new float[rows * one.length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(one, 0, images, r * one.length, one.length);
        }
        int h = config.height();
        int w = config.width();
        String expects = "an image editor maps " + config.imageInput() + " float32 [batch, 3, " + h + ", " + w + "] and "
                + config.instructionInput() + " int64 [batch, words] to " + config.output() + " float32 [batch, 3, "
                + h + ", " + w + "]";
        OrtRunner.Output out = runner.run(List.of(
                OrtRunner.Tensor.float32(config.imageInput(), images, rows, 3, h, w),
                OrtRunner.Tensor.int64(config.instructionInput(), ids, rows, words)), config.output(), expects);
        if (!java.util.Arrays.equals(out.shape(), new long[] {rows, 3, h, w})) {
            throw new UserInputException(config.file().resolveSibling("model.onnx") + ": output '" + config.output()
                    + "' is " + java.util.Arrays.toString(out.shape()) + ": " + expects);
        }
        List<Image> edited = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            float[] planes = java.util.Arrays.copyOfRange(out.values(), r * one.length, (r + 1) * one.length);
            edited.add(Image.clamped(w, h, planes));
        }
        return edited;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pool.shutdown();
        try {
            // Predictors must not be closed under a running batch.
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runner.close();
    }
}
