package org.gsmile.models.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Base64;
import org.gsmile.core.UserInputException;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.ImageSize;

/**
 * Images as the image APIs carry them in JSON: a PNG, base64-encoded. Reading an answer checks
 * everything a broken server gets wrong (not a string, not base64, not a PNG, a damaged PNG, another
 * size than asked) and reports each as a {@link MalformedResponseException}, which fails that one
 * call after its retries rather than the explanation.
 */
final class Base64Png {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** {@code data:image/png;base64,}: some servers answer with a data URL. */
    private static final String DATA_URL = "data:";

    private Base64Png() {
    }

    static String encode(byte[] png) {
        return Base64.getEncoder().encodeToString(png);
    }

    /**
     * The image in a field of the answer.
     *
     * @param where    the field's path, for messages ({@code data[0].b64_json})
     * @param expected the size asked for
     * @param why      why that size, for messages ("the input's size", "the size asked for")
     */
    static Image decode(JsonNode field, String where, ImageSize expected, String why) {
        if (field == null || !field.isTextual() || field.asText().isBlank()) {
            throw new MalformedResponseException(where + " is " + (field == null || field.isNull() ? "missing"
                    : field.isTextual() ? "empty" : "not a string") + ", not a base64 PNG");
        }
        String text = field.asText().strip();
        if (text.startsWith(DATA_URL) && text.contains(",")) {
            text = text.substring(text.indexOf(',') + 1);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new MalformedResponseException(where + " is not base64 (" + e.getMessage() + ")");
        }
        if (bytes.length < SIGNATURE.length || !Arrays.equals(bytes, 0, SIGNATURE.length, SIGNATURE, 0,
                SIGNATURE.length)) {
            throw new MalformedResponseException(where + " is not a PNG" + (bytes.length > 2 && (bytes[0] & 0xff) == 0xff
                    && (bytes[1] & 0xff) == 0xd8 ? " but a JPEG: ask the server for PNG" : ""));
        }
        Image image;
        try {
            image = Image.decode(bytes, Image.DEFAULT_MAX_PIXELS, where);
        } catch (UserInputException e) {
            // Its message tells a user how to fix a file of theirs; here the server sent the bytes.
            throw new MalformedResponseException(where + " is a damaged PNG, or one over " + Image.DEFAULT_MAX_PIXELS
                    + " pixels");
        }
        if (image.width() != expected.width() || image.height() != expected.height()) {
            throw new MalformedResponseException(where + " is " + image.width() + "x" + image.height() + ", not "
                    + expected + " (" + why + ")");
        }
        return image;
    }
}
