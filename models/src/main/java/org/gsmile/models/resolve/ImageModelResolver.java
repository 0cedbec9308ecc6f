package org.gsmile.models.resolve;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.gsmile.core.UserInputException;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.models.http.RemoteImageModels;
import org.gsmile.models.http.RemoteOptions;
import org.gsmile.models.http.UrlSecrets;
import org.gsmile.models.onnx.OnnxImageEditor;

/**
 * Turns a reference to a model whose output is an image into a loaded model, as
 * {@link ModelResolver} does for text models:
 * <ul>
 *   <li>{@code onnx-editor:NAME}: {@code $GSMILE_MODELS/NAME/model.onnx} with its config.json, e.g.
 *       {@code onnx-editor:tinyeditor};</li>
 *   <li>{@code onnx-editor:/path/model.onnx} (or the folder holding it), either optionally followed
 *       by {@code ?batch=N};</li>
 *   <li>the editors and generators behind an HTTP API: {@code http-editor:<url>},
 *       {@code openai-editor:<baseUrl>#<model>}, {@code openai-generator:<baseUrl>#<model>},
 *       {@code a1111-editor:[<url>]}, {@code a1111-generator:[<url>]} (see
 *       {@link org.gsmile.models.http.ImageReference}).</li>
 * </ul>
 * The result is an {@link org.gsmile.core.model.ImageEditor} (image and instruction to image) or an
 * {@link org.gsmile.core.model.ImageGenerator} (prompt to image); a text model's reference is
 * refused in one line that says which command explains it.
 */
public final class ImageModelResolver {
    public static final String DEFAULT_EDITOR = OnnxImageEditor.PREFIX + "tinyeditor";
    private static final String ACCEPTED = "use " + OnnxImageEditor.PREFIX + "NAME (a folder under GSMILE_MODELS, e.g. "
            + DEFAULT_EDITOR + "), " + OnnxImageEditor.PREFIX + "/path/to/model.onnx, " + RemoteImageModels.ACCEPTED;

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

    /** True for the references this resolver opens, embedded or remote. */
    public static boolean accepts(String reference) {
        String lower = reference == null ? "" : reference.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith(OnnxImageEditor.PREFIX) || RemoteImageModels.accepts(lower);
    }

    /** True for the image models behind an HTTP API, the ones client settings ({@link RemoteOptions}) apply to. */
    public static boolean isRemote(String reference) {
        return reference != null && RemoteImageModels.accepts(reference);
    }

    /** As {@link #resolve(String, RemoteOptions)}, a remote model called with the defaults of the process's environment. */
    public BlackBoxModel resolve(String reference) {
        return resolve(reference, null);
    }

    /**
     * @param remote how to reach and call a model behind an HTTP API, or null for the defaults of the
     *               process's environment; unused for an embedded model
     */
    public BlackBoxModel resolve(String reference, RemoteOptions remote) {
        String ref = reference == null ? "" : reference.strip();
        String lower = ref.toLowerCase(Locale.ROOT);
        if (ref.isEmpty()) {
            throw new UserInputException("{model} is empty: name an image model, such as {model=" + DEFAULT_EDITOR + "}");
        }
        if (RemoteImageModels.accepts(ref)) {
            return RemoteImageModels.open(ref, remote != null ? remote
                    : RemoteOptions.defaults(System.getenv(), Path.of(System.getProperty("user.home"))));
        }
        if (lower.startsWith(OnnxImageEditor.PREFIX)) {
            return OnnxImageEditor.resolve(OnnxImageEditor.PREFIX + ref.substring(OnnxImageEditor.PREFIX.length()),
                    modelsDir);
        }
        for (String text : new String[] {"local:", "onnx:", "openai:", "ollama:", "oracle:"}) {
            if (lower.startsWith(text)) {
                throw new UserInputException("'" + UrlSecrets.mask(ref) + "' is a text model, explained by gsmile explain:"
                        + " here " + ACCEPTED);
            }
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            throw new UserInputException("'" + UrlSecrets.mask(ref) + "' is a server, not a model reference: write"
                    + " http-editor:" + UrlSecrets.mask(ref) + " for an editor behind the generic endpoint, or "
                    + RemoteImageModels.ACCEPTED);
        }
        if (lower.endsWith(".onnx")) {
            throw new UserInputException("'" + ref + "' is an ONNX file: write " + OnnxImageEditor.PREFIX + ref
                    + " for an image editor");
        }
        throw new UserInputException("unknown image model reference '" + UrlSecrets.mask(ref) + "': " + ACCEPTED);
    }
}
