package org.gsmile.models.http;

import org.gsmile.core.model.BlackBoxModel;

/**
 * Opens the image models behind an HTTP API, named as {@link ImageReference} says: an
 * {@link RemoteImageEditor} or a {@link RemoteImageGenerator}.
 */
public final class RemoteImageModels {
    /** For the list of accepted references in error messages. */
    public static final String ACCEPTED = ImageReference.FORMS;

    private RemoteImageModels() {
    }

    public static boolean accepts(String reference) {
        return ImageReference.accepts(reference);
    }

    public static BlackBoxModel open(String reference, RemoteOptions options) {
        ImageReference parsed = ImageReference.parse(reference);
        RemoteImages images = new RemoteImages(parsed, options);
        return parsed.kind().isEditor() ? new RemoteImageEditor(images) : new RemoteImageGenerator(images);
    }
}
