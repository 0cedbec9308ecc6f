package org.gsmile.odd;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An input image of an image-editing suite, with the values it has for the dimensions the scenes
 * name (every scene names the same ones). A scenario's scene is the one whose values are the
 * scenario's; a scenario no scene matches is not allowed.
 *
 * @param file       as written: a path relative to the models folder ({@code $GSMILE_MODELS}), like
 *                   {@code tinyeditor/scenes/scene00_clear_day_sharp.png}; the image runner resolves it
 * @param conditions dimension to value, in file order
 * @param line       where the entry starts in the taxonomy file
 */
public record Scene(String file, Map<String, String> conditions, int line) {
    public Scene {
        Objects.requireNonNull(file, "file");
        conditions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
    }
}
