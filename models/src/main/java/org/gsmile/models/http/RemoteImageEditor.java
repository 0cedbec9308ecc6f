package org.gsmile.models.http;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.CallMeter;
import org.gsmile.core.model.ImageEditor;
import org.gsmile.core.model.ImageSize;

/**
 * An image editor behind an HTTP API ({@code http-editor:}, {@code openai-editor:},
 * {@code a1111-editor:}): one call per instruction, at most {@code concurrency} at once, each
 * retried on its own and kept in the response cache. It takes any input size unless its reference
 * fixes one ({@code ?size=WxH}), and an edit must come back at the size it was asked for.
 */
public final class RemoteImageEditor extends RemoteImageModel implements ImageEditor {

    RemoteImageEditor(RemoteImages images) {
        super(images, new CallMeter(), true);
    }

    private RemoteImageEditor(RemoteImages images, CallMeter meter) {
        super(images, meter, false);
    }

    @Override
    public List<ImageSize> inputSizes() {
        ImageSize fixed = images.reference().size();
        return fixed == null ? List.of() : List.of(fixed);
    }

    @Override
    public CompletableFuture<List<Image>> editAsync(Image input, List<String> instructions) {
        checkInput(input);
        return images.images(input, instructions, meter);
    }

    /** A view whose calls count their retries and cache hits into the meter; it shares pool, cache and client. */
    @Override
    public ImageEditor metered(CallMeter other) {
        return new RemoteImageEditor(images, other);
    }
}
