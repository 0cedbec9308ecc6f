package org.gsmile.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.gsmile.core.UserInputException;
import org.gsmile.core.image.Image;

/**
 * An instruction-based image editor (Instruct-Pix2Pix and its kind): an image and an editing
 * instruction in, the edited image out. Batched and asynchronous like {@link GenerativeModel}: many
 * instructions for one input image, the edits in the order of the instructions. Implementations are
 * thread-safe and deterministic for a given input and instruction.
 *
 * <p>An explanation perturbs the instruction with the image held fixed, so it observes the editor
 * {@link #bind bound} to its input image: a prompt-to-image model like any text-to-image one.
 */
public interface ImageEditor extends BlackBoxModel {

    /** The key under which a bound editor's settings name its input image (the hash of its pixels). */
    String INPUT_IMAGE_SETTING = "inputImage";

    /** One edit of {@code input} per instruction, in the order of the instructions. */
    CompletableFuture<List<Image>> editAsync(Image input, List<String> instructions);

    /** The input sizes the editor accepts; empty when it takes any. */
    default List<ImageSize> inputSizes() {
        return List.of();
    }

    /** Refuses, in one line that names the sizes it takes, an input the editor cannot edit. */
    default void checkInput(Image input) {
        List<ImageSize> sizes = inputSizes();
        ImageSize size = new ImageSize(input.width(), input.height());
        if (!sizes.isEmpty() && !sizes.contains(size)) {
            throw new UserInputException("the input image is " + size + " but " + info().id() + " edits only "
                    + sizes.stream().map(ImageSize::toString).collect(Collectors.joining(", "))
                    + " images: give an image of that size, or set {resize} to scale it");
        }
    }

    @Override
    default ImageEditor metered(CallMeter meter) {
        return this;
    }

    /**
     * This editor with {@code input} fixed: a generator whose prompt is the instruction. Its settings
     * are the editor's and the input's hash ({@value #INPUT_IMAGE_SETTING}), so an explanation's
     * provenance names the image and an observation store never mixes two inputs' edits. Closing the
     * view leaves the editor open: it belongs to whoever opened it.
     */
    default ImageGenerator bind(Image input) {
        checkInput(input);
        return new Bound(this, input);
    }

    /** An editor with its input image fixed. */
    record Bound(ImageEditor editor, Image input) implements ImageGenerator {
        @Override
        public ModelInfo info() {
            return editor.info();
        }

        @Override
        public CompletableFuture<List<Image>> generateAsync(List<String> prompts) {
            return editor.editAsync(input, prompts);
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> s = new LinkedHashMap<>(editor.settings());
            s.put(INPUT_IMAGE_SETTING, input.sha256());
            return s;
        }

        @Override
        public ImageGenerator metered(CallMeter meter) {
            ImageEditor m = editor.metered(meter);
            return m == editor ? this : new Bound(m, input);
        }

        @Override
        public Optional<TokenPieces> tokenPieces() {
            return editor.tokenPieces();
        }
    }
}
