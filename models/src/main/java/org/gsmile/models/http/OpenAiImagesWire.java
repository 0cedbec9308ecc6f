package org.gsmile.models.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.ImageSize;

/**
 * OpenAI's images API: {@code POST /images/edits} as a multipart form (the input as {@code image},
 * a PNG file, then {@code prompt}, {@code model}, {@code size}) and {@code POST /images/generations}
 * as JSON ({@code model}, {@code prompt}, {@code size}); either answers
 * {@code {"data": [{"b64_json": ...}]}}. {@code response_format: b64_json} is asked of every model
 * but the gpt-image family, which always answers in base64 and refuses the field (HTTP 400 "Unknown
 * parameter"), while dall-e-2 and -3 answer with a URL without it.
 */
final class OpenAiImagesWire implements ImageWire {

    @Override
    public HttpBody request(ImageReference reference, byte[] inputPng, ImageSize size, String prompt) {
        boolean format = !reference.model().toLowerCase(Locale.ROOT).startsWith("gpt-image");
        if (inputPng != null) {
            MultipartForm form = new MultipartForm()
                    .file("image", "image.png", "image/png", inputPng)
                    .field("prompt", prompt)
                    .field("model", reference.model())
                    .field("size", size.toString());
            if (format) {
                form.field("response_format", "b64_json");
            }
            return form.build();
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", reference.model());
        body.put("prompt", prompt);
        body.put("size", size.toString());
        if (format) {
            body.put("response_format", "b64_json");
        }
        return HttpBody.json(body.toString());
    }

    @Override
    public Image parse(JsonNode body, ImageSize expected) {
        JsonNode data = body.get("data");
        if (data == null || !data.isArray() || data.isEmpty()) {
            throw new MalformedResponseException("the answer has no data[0]");
        }
        JsonNode first = data.get(0);
        if (!first.hasNonNull("b64_json") && first.hasNonNull("url")) {
            throw new MalformedResponseException("the answer gives data[0].url, not data[0].b64_json: the server"
                    + " ignored response_format b64_json");
        }
        return Base64Png.decode(first.get("b64_json"), "data[0].b64_json", expected, "the size asked for");
    }
}
