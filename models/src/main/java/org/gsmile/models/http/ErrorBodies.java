package org.gsmile.models.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The human message in an error answer, in the shapes OpenAI-compatible servers and Ollama use. */
final class ErrorBodies {
    static final int MAX_LENGTH = 160;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBodies() {
    }

    /**
     * {@code {"error": {"message": ...}}} (OpenAI), {@code {"error": "..."}} (Ollama),
     * {@code {"message": ...}} (vLLM) or {@code {"detail": ...}}; otherwise a short plain-text body;
     * null when there is nothing readable (empty or HTML).
     */
    static String message(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.isObject()) {
                JsonNode error = root.get("error");
                if (error != null && error.isTextual()) {
                    return shorten(error.asText());
                }
                if (error != null && error.hasNonNull("message")) {
                    return shorten(error.get("message").asText());
                }
                for (String field : new String[] {"message", "detail"}) {
                    if (root.hasNonNull(field) && root.get(field).isTextual()) {
                        return shorten(root.get(field).asText());
                    }
                }
                return null;
            }
        } catch (java.io.IOException e) {
            // Not JSON: fall through to the plain-text body.
        }
        String trimmed = body.strip();
        return trimmed.startsWith("<") ? null : shorten(trimmed);
    }

    /** One line of at most {@link #MAX_LENGTH} characters. */
    static String shorten(String text) {
        String one = text.replaceAll("\\s+", " ").strip();
        return one.length() <= MAX_LENGTH ? one : one.substring(0, MAX_LENGTH - 1) + "…";
    }
}
