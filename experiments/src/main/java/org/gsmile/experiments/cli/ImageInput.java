package org.gsmile.experiments.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gsmile.core.UserInputException;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.model.ImageEditor;
import org.gsmile.core.model.ImageGenerator;
import org.gsmile.core.model.ImageSize;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.models.http.RemoteOptions;
import org.gsmile.models.resolve.ImageModelResolver;
import picocli.CommandLine.Option;

/**
 * The options that make an image model the subject of a command (explain-image, and evaluate on an
 * image model), and how they turn into the model whose instructions are explained: an editor bound
 * to {@code --image}, or a generator alone. Checked before any model loads.
 */
final class ImageInput {
    /** Options of explain that configure text outputs: no image model reads them. */
    private static final List<String> TEXT_ONLY = List.of("--max-new-tokens", "--logprobs");
    /** Options that configure calls to a server: only an image model behind an HTTP API reads them. */
    private static final List<String> SERVER_ONLY = List.of("--api-key-env", "--cache", "--concurrency",
            "--max-retries", "--timeout");

    @Option(names = "--image", paramLabel = "IN.png",
            description = "The image an editor edits (PNG; JPEG, BMP and GIF are read too). A text-to-image model takes"
                    + " none.")
    Path image;

    @Option(names = "--resize",
            description = "Scale --image to the size the editor accepts (area averaging down, smooth scaling up) instead"
                    + " of refusing another size.")
    boolean resize;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "" + Image.DEFAULT_MAX_PIXELS,
            description = "Largest --image accepted, in pixels (width x height), checked before it is decoded."
                    + " Default: ${DEFAULT-VALUE} (4096 x 4096).")
    long maxPixels;

    @Option(names = "--feature-model", paramLabel = "MODEL.onnx",
            description = "The ONNX vision model of --distance feature-wasserstein: one input float32 [batch, 3, H, W]"
                    + " (RGB in [0, 1]), its first output the feature vector.")
    String featureModel;

    /** An image model opened for a command, and what its instructions are explained on. */
    record Subject(BlackBoxModel model, ImageGenerator explained, Image input, Image shown) implements AutoCloseable {
        boolean edits() {
            return model instanceof ImageEditor;
        }

        @Override
        public void close() {
            model.close();
        }
    }

    /** Whether the command's subject is an image model: an image is given, or --model names one. */
    boolean chosen(ExplainOptions options) {
        return image != null || options.given("--model") && ImageModelResolver.accepts(options.model);
    }

    /** The model reference: --model, or the embedded editor. */
    String reference(ExplainOptions options) {
        return options.given("--model") ? options.model : ImageModelResolver.DEFAULT_EDITOR;
    }

    /** The explanation settings, with --feature-model; text-only options refused in one line. */
    ExplanationSpec spec(ExplainOptions options, String command) {
        for (String option : TEXT_ONLY) {
            if (options.given(option)) {
                throw new UserInputException(option + " has no effect with " + command + ": it configures text"
                        + " outputs; leave " + option + " out");
            }
        }
        if (maxPixels < 1) {
            throw new UserInputException("--max-pixels must be at least 1, got " + maxPixels + ": e.g. --max-pixels "
                    + Image.DEFAULT_MAX_PIXELS);
        }
        if (resize && image == null) {
            throw new UserInputException("--resize has no effect without --image: leave it out");
        }
        ExplanationSpec.Builder builder = options.builder();
        if (featureModel != null) {
            builder.featureModel(featureModel);
        }
        return builder.build();
    }

    /**
     * Reads the image, resolves the model and binds an editor to the image (resized to the size it
     * accepts with --resize); the caller closes the result.
     *
     * @param text the command for text models, named where an image model does not fit
     */
    Subject open(ExplainOptions options, Map<String, String> env, Path home, String text) {
        Image input = image == null ? null : Image.read(image, maxPixels);
        String reference = reference(options);
        RemoteOptions remote = remoteOptions(options, reference, env, home);
        BlackBoxModel model = ImageModelResolver.fromEnvironment(env).resolve(reference, remote);
        try {
            if (model instanceof ImageEditor editor) {
                if (input == null) {
                    throw new UserInputException(reference + " edits an image: give it with --image IN.png");
                }
                Image shown = resize ? fit(input, editor.inputSizes()) : input;
                return new Subject(model, editor.bind(shown), input, shown);
            }
            if (model instanceof ImageGenerator generator) {
                if (input != null) {
                    throw new UserInputException(reference + " makes an image from the prompt alone: leave --image out");
                }
                return new Subject(model, generator, null, null);
            }
            throw new UserInputException(reference + " returns no image: use gsmile " + text);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * How to call an image model behind an HTTP API, checked before anything is loaded; null for an
     * embedded model, which refuses the options that only a server reads.
     */
    private static RemoteOptions remoteOptions(ExplainOptions options, String reference, Map<String, String> env,
                                               Path home) {
        if (ImageModelResolver.isRemote(reference)) {
            return options.remoteOptions(env, home);
        }
        for (String option : SERVER_ONLY) {
            if (options.given(option)) {
                throw new UserInputException(option + " has no effect with --model " + reference.strip() + ": it"
                        + " configures calls to a server (http-editor:, openai-editor:, openai-generator:,"
                        + " a1111-editor: and a1111-generator: models); leave " + option + " out");
            }
        }
        return null;
    }

    /** The input at the size the editor accepts (its first, where it names several). */
    private static Image fit(Image input, List<ImageSize> sizes) {
        if (sizes.isEmpty() || sizes.contains(new ImageSize(input.width(), input.height()))) {
            return input;
        }
        return input.resized(sizes.get(0).width(), sizes.get(0).height());
    }
}
