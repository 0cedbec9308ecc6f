package org.gsmile.models.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything that decides an image model's answer: the backend and endpoint (two servers may serve
 * different weights under one name), the model name, the settings sent with every request (size,
 * steps, seed, denoising strength), the input image by the hash of its pixels (empty for a
 * generator) and the exact instruction or prompt. Never the API key.
 *
 * @param backend    the wire format, e.g. {@code a1111-img2img}
 * @param endpoint   the URL the request is posted to
 * @param model      the model name sent to the server, empty where the API takes none
 * @param settings   the request's settings by name; numbers or text
 * @param inputImage {@link org.gsmile.core.image.Image#sha256()} of the input, empty for a generator
 * @param prompt     the exact instruction or prompt
 */
public record ImageCacheKey(String backend, String endpoint, String model, Map<String, Object> settings,
                            String inputImage, String prompt) implements ResponseKey {

    public ImageCacheKey {
        settings = Map.copyOf(settings);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ResponseKey.opening(backend, endpoint, model);
        ObjectNode s = o.putObject("settings");
        // Sorted, so that the order a caller built the settings in never changes the file name.
        new TreeMap<>(settings).forEach((name, value) -> {
            if (value instanceof Double || value instanceof Float) {
                s.put(name, ((Number) value).doubleValue());
            } else if (value instanceof Number n) {
                s.put(name, n.longValue());
            } else {
                s.put(name, String.valueOf(value));
            }
        });
        o.put("inputImage", inputImage);
        o.put("prompt", prompt);
        return o;
    }
}
