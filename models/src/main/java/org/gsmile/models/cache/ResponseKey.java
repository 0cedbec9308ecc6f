package org.gsmile.models.cache;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Everything that decides one remote answer, and nothing else (never an API key): a text model's
 * request ({@link CacheKey}) or an image model's ({@link ImageCacheKey}). The canonical JSON is
 * stored beside the answer and hashed for its file name, so two kinds of key never share a file.
 */
public interface ResponseKey {

    /** The key as JSON with a fixed field order. */
    ObjectNode toJson();

    /** The fields every key opens with, in this order: which backend, which URL, which model. */
    static ObjectNode opening(String backend, String endpoint, String model) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("backend", backend);
        o.put("endpoint", endpoint);
        o.put("model", model);
        return o;
    }

    /** SHA-256 of the canonical JSON, in hex. */
    default String sha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(toJson().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A number that identifies the request, from its hash: seeds the request's retry jitter. */
    default long seed() {
        return Long.parseUnsignedLong(sha256().substring(0, 16), 16);
    }
}
