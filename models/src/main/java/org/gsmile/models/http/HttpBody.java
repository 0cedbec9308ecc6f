package org.gsmile.models.http;

import java.nio.charset.StandardCharsets;

/**
 * A request body and its media type: JSON for most APIs, multipart/form-data where an API takes a
 * file upload (OpenAI's image edits).
 *
 * @param contentType the Content-Type header, boundary included for multipart
 * @param bytes       the body
 */
record HttpBody(String contentType, byte[] bytes) {

    static HttpBody json(String json) {
        return new HttpBody("application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
