package org.gsmile.models.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.gsmile.core.image.Image;

/**
 * An image model's answer in a cache entry: the image as a base64 PNG. An answer decoded from an
 * 8-bit PNG writes back the same PNG pixels, so what the cache returns equals what the server sent.
 */
final class ImageCodec implements AnswerCodec<Image> {
    static final ImageCodec INSTANCE = new ImageCodec();

    private ImageCodec() {
    }

    @Override
    public void encode(Image answer, ObjectNode entry) {
        entry.put("png", Base64.getEncoder().encodeToString(answer.toPng()));
    }

    @Override
    public Image decode(JsonNode entry) {
        return Image.decode(Base64.getDecoder().decode(entry.get("png").asText()), Long.MAX_VALUE, "a cached image");
    }
}
