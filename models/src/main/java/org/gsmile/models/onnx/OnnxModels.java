package org.gsmile.models.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.gsmile.core.UserInputException;

/**
 * Resolves {@code onnx:} model references:
 * <ul>
 *   <li>{@code onnx:NAME}: {@code $GSMILE_MODELS/NAME/model.onnx} with its config.json;</li>
 *   <li>{@code onnx:/path/to/model.onnx} (or the folder holding it): config.json beside it;</li>
 *   <li>either followed by {@code ?batch=N}: prompts per ONNX Runtime call
 *       (default {@value OnnxOptions#DEFAULT_BATCH_SIZE}).</li>
 * </ul>
 */
public final class OnnxModels {

    public static final String PREFIX = "onnx:";
    public static final String MODEL_FILE = "model.onnx";

    private OnnxModels() {
    }

    /**
     * @param modelsDir the GSMILE_MODELS folder, or null when it is not set
     */
    public static OnnxLanguageModel resolve(String reference, Path modelsDir) {
        if (!reference.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an onnx: reference: " + reference);
        }
        String spec = reference.substring(PREFIX.length()).trim();
        int query = spec.indexOf('?');
        OnnxOptions options = query < 0 ? OnnxOptions.defaults() : options(spec.substring(query + 1), reference);
        String location = (query < 0 ? spec : spec.substring(0, query)).trim();
        if (location.isEmpty()) {
            throw new UserInputException("'" + reference + "' names no model: use onnx:NAME (a folder under "
                    + "GSMILE_MODELS, e.g. onnx:tinygpt) or onnx:/path/to/model.onnx");
        }
        return OnnxLanguageModel.load(reference, modelFile(PREFIX, location, modelsDir), options);
    }

    /**
     * The model file a reference names: a path (the file, or the folder holding {@value #MODEL_FILE}),
     * or a name of a folder under GSMILE_MODELS. Every problem is one line in the reference's own terms.
     *
     * @param prefix the reference's kind, e.g. {@code onnx:} or {@code onnx-editor:}, for the messages
     */
    static Path modelFile(String prefix, String location, Path modelsDir) {
        boolean isPath = location.contains("/") || location.contains("\\") || location.startsWith("~")
                || location.toLowerCase(Locale.ROOT).endsWith(".onnx");
        if (isPath) {
            Path path = expandHome(location);
            if (Files.isDirectory(path)) {
                if (!Files.isRegularFile(path.resolve(MODEL_FILE))) {
                    throw new UserInputException(prefix + location + " is a folder without " + MODEL_FILE
                            + ": give the folder that holds " + MODEL_FILE + " and its config.json, or the .onnx file");
                }
                return path.resolve(MODEL_FILE);
            }
            if (Files.isRegularFile(path) && !path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
                throw new UserInputException(path + " is not an ONNX model (no .onnx ending): give a .onnx file or"
                        + " the folder holding " + MODEL_FILE + (path.toString().endsWith(".bin")
                        || path.toString().endsWith(".gguf") ? "; for a llama model write local:" + location : ""));
            }
            return path;
        }
        if (modelsDir == null) {
            throw new UserInputException(prefix + location + " exists only in the shared models folder: set "
                    + "GSMILE_MODELS to the folder holding " + location + "/ (e.g. ../shared/models), or give "
                    + prefix + "/path/to/model.onnx");
        }
        if (!Files.isDirectory(modelsDir)) {
            throw new UserInputException("GSMILE_MODELS=" + modelsDir + (Files.exists(modelsDir) ? " is a file, not a"
                    + " folder" : " does not exist") + ": point GSMILE_MODELS at the folder holding " + location
                    + "/, or give " + prefix + "/path/to/model.onnx");
        }
        Path file = modelsDir.resolve(location).resolve(MODEL_FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + " does not exist: " + prefix + location + " exists only in the shared"
                    + " models folder and GSMILE_MODELS=" + modelsDir + " has no " + location + "/" + MODEL_FILE
                    + "; point GSMILE_MODELS at that folder or give " + prefix + "/path/to/model.onnx");
        }
        return file;
    }

    static OnnxOptions options(String query, String reference) {
        int batch = OnnxOptions.DEFAULT_BATCH_SIZE;
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || !kv[0].strip().equals("batch")) {
                throw new UserInputException("unknown option '" + pair + "' in " + reference
                        + ": the only option is batch=N, e.g. " + example(reference) + "?batch=32");
            }
            try {
                batch = Integer.parseInt(kv[1].strip());
            } catch (NumberFormatException e) {
                throw new UserInputException("batch must be a whole number in " + reference + ", got '" + kv[1]
                        + "': e.g. " + example(reference) + "?batch=32");
            }
        }
        return OnnxOptions.withBatchSize(batch);
    }

    /** The reference without its options, for an example in a message. */
    private static String example(String reference) {
        int query = reference.indexOf('?');
        return reference.startsWith(PREFIX) ? PREFIX + "tinygpt" : query < 0 ? reference : reference.substring(0, query);
    }

    private static Path expandHome(String spec) {
        if (spec.equals("~") || spec.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + spec.substring(1));
        }
        return Path.of(spec);
    }
}
