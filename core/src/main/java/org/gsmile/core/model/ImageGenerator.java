package org.gsmile.core.model;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gsmile.core.image.Image;

/**
 * A black-box model from a prompt to an image: a text-to-image model ("which words of my prompt
 * drove this picture"), or an {@link ImageEditor} bound to its input image, whose prompt is the
 * editing instruction. Batched and asynchronous like {@link GenerativeModel}: each backend decides
 * how to batch, cache and parallelise; images come back in the order of the prompts.
 * Implementations are thread-safe and deterministic for a given prompt (the explanation compares
 * each perturbed prompt's image with the original prompt's).
 */
public interface ImageGenerator extends BlackBoxModel {

    /** One image per prompt, in the order of the prompts. */
    CompletableFuture<List<Image>> generateAsync(List<String> prompts);

    @Override
    default ImageGenerator metered(CallMeter meter) {
        return this;
    }
}
