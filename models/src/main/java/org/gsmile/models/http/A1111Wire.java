package org.gsmile.models.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.ImageSize;

/**
 * The Automatic1111 web UI's API (started with {@code --api}): {@code POST /sdapi/v1/img2img} with
 * {@code init_images: [base64]}, {@code prompt}, {@code steps}, {@code seed},
 * {@code denoising_strength}, {@code width}, {@code height}, and {@code POST /sdapi/v1/txt2img}
 * with the same but the input and the denoising; either answers {@code {"images": [base64 PNG], ...}}.
 * The seed is always sent: the web UI's default, -1, draws a new one per call.
 */
final class A1111Wire implements ImageWire {

    @Override
    public HttpBody request(ImageReference reference, byte[] inputPng, ImageSize size, String prompt) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (inputPng != null) {
            body.putArray("init_images").add(Base64Png.encode(inputPng));
        }
        body.put("prompt", prompt);
        body.put("steps", reference.steps());
        body.put("seed", reference.seed());
        if (inputPng != null) {
            body.put("denoising_strength", reference.denoising());
        }
        body.put("width", size.width());
        body.put("height", size.height());
        return HttpBody.json(body.toString());
    }

    @Override
    public Image parse(JsonNode body, ImageSize expected) {
        JsonNode images = body.get("images");
        if (images == null || !images.isArray() || images.isEmpty()) {
            throw new MalformedResponseException("the answer has no images[0]");
        }
        return Base64Png.decode(images.get(0), "images[0]", expected, "the size asked for");
    }
}
