package org.gsmile.models.http;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.CallMeter;
import org.gsmile.core.model.ImageGenerator;

/**
 * A text-to-image model behind an HTTP API ({@code openai-generator:}, {@code a1111-generator:}):
 * one call per prompt, at most {@code concurrency} at once, each retried on its own and kept in the
 * response cache; every picture must come back at the size asked for.
 */
public final class RemoteImageGenerator extends RemoteImageModel implements ImageGenerator {

    RemoteImageGenerator(RemoteImages images) {
        super(images, new CallMeter(), true);
    }

    private RemoteImageGenerator(RemoteImages images, CallMeter meter) {
        super(images, meter, false);
    }

    @Override
    public CompletableFuture<List<Image>> generateAsync(List<String> prompts) {
        return images.images(null, prompts, meter);
    }

    /** A view whose calls count their retries and cache hits into the meter; it shares pool, cache and client. */
    @Override
    public ImageGenerator metered(CallMeter other) {
        return new RemoteImageGenerator(images, other);
    }
}
