package org.gsmile.models.resolve;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.gsmile.core.UserInputException;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.models.onnx.OnnxImageEditor;

/**
 * Turns a reference to a model whose output is an image into a loaded model, as
 * {@link ModelResolver} does for text models:
 * <ul>
 *   <li>{@code onnx-editor:NAME}: {@code $GSMILE_MODELS/NAME/model.onnx} with its config.json, e.g.
 *       {@code onnx-editor:tinyeditor};</li>
 *   <li>{@code onnx-editor:/path/model.onnx} (or the folder holding it), either optionally followed
 *       by {@code ?batch=N}.</li>
 * </ul>
 * The result is an {@link org.gsmile.core.model.ImageEditor} (image and instruction to image) or an
 * {@link org.gsmile.core.model.ImageGenerator} (prompt to image); a text model's reference is
 * refused in one line that says which command explains it.
 */
public final class ImageModelResolver {
    public static final String DEFAULT_EDITOR = OnnxImageEditor.PREFIX + "tinyeditor";
    private static final String ACCEPTED = "use " + OnnxImageEditor.PREFIX + "NAME (a folder under GSMILE_MODELS, e.g. "
            + DEFAULT_EDITOR + ") or " + OnnxImageEditor.PREFIX + "/path/to/model.onnx";

    private final Path modelsDir;

    /** @param modelsDir the GSMILE_MODELS folder, or null when it is not set */
    public ImageModelResolver(Path modelsDir) {
        this.modelsDir = modelsDir;
    }

    /** Reads GSMILE_MODELS from the given environment. */
    public static ImageModelResolver fromEnvironment(Map<String, String> env) {
        String models = env.get(ModelResolver.ENV_MODELS);
        return new ImageModelResolver(models == null || models.isBlank() ? null : Path.of(models));
    }

    public BlackBoxModel resolve(String reference) {
        String ref = reference == null ? "" : reference.strip();
        String lower = ref.toLowerCase(Locale.ROOT);
        if (ref.isEmpty()) {
            throw new UserInputException("{model} is empty: name an image model, such as {model=" + DEFAULT_EDITOR + "}");
        }
        if (lower.startsWith(OnnxImageEditor.PREFIX)) {
            return OnnxImageEditor.resolve(OnnxImageEditor.PREFIX + ref.substring(OnnxImageEditor.PREFIX.length()),
                    modelsDir);
        }
        for (String text : new String[] {"local:", "onnx:", "openai:", "ollama:", "oracle:"}) {
            if (lower.startsWith(text)) {
                throw new UserInputException("'" + ref + "' is a text model, explained by gsmile explain: here " + ACCEPTED);
            }
        }
        if (lower.endsWith(".onnx")) {
            throw new UserInputException("'" + ref + "' is an ONNX file: write " + OnnxImageEditor.PREFIX + ref
                    + " for an image editor");
        }
        throw new UserInputException("unknown image model reference '" + ref + "': " + ACCEPTED);
    }
}
