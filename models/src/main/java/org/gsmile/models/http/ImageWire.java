package org.gsmile.models.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.ImageSize;

/** How one image API shapes a request and where its answer holds the image. */
interface ImageWire {

    /**
     * The request for one instruction or prompt.
     *
     * @param inputPng the input image as PNG bytes; null for a generator
     * @param size     the size asked for: an editor's input size (or the one its reference fixes), a
     *                 generator's picture size
     */
    HttpBody request(ImageReference reference, byte[] inputPng, ImageSize size, String prompt);

    /**
     * The image in a successful answer.
     *
     * @param expected the size asked for; an image of another size is malformed
     * @throws MalformedResponseException when the answer lacks an image, or its image is not a PNG
     *                                    of the size asked for
     */
    Image parse(JsonNode body, ImageSize expected);

    static ImageWire of(ImageReference.Kind kind) {
        return switch (kind) {
            case HTTP_EDITOR -> new GenericEditWire();
            case OPENAI_EDITOR, OPENAI_GENERATOR -> new OpenAiImagesWire();
            case A1111_EDITOR, A1111_GENERATOR -> new A1111Wire();
        };
    }
}
