package org.gsmile.models.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.ImageSize;

/**
 * The generic editor endpoint gsmile defines, small enough to put in front of any editor (see the
 * README's Instruct-Pix2Pix recipe): {@code {"image": base64 PNG, "instruction": ...}} in,
 * {@code {"image": base64 PNG}} of the input's size out.
 */
final class GenericEditWire implements ImageWire {

    @Override
    public HttpBody request(ImageReference reference, byte[] inputPng, ImageSize size, String prompt) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("image", Base64Png.encode(inputPng));
        body.put("instruction", prompt);
        return HttpBody.json(body.toString());
    }

    @Override
    public Image parse(JsonNode body, ImageSize expected) {
        return Base64Png.decode(body.get("image"), "image", expected, "the input's size");
    }
}
