package org.gsmile.models.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gsmile.core.image.Image;
import org.gsmile.models.onnx.EditorScenes;
import org.gsmile.models.onnx.OnnxImageEditor;

/**
 * The shared {@code tinyeditor} for tests of every module: the editor (loaded once), its scenes and
 * the ground truth of relevance.json. Skipped, or failed in CI, as {@link SharedModels} says when the
 * shared models are missing.
 */
public final class TinyEditor {
    public static final String NAME = "tinyeditor";
    public static final String REFERENCE = OnnxImageEditor.PREFIX + NAME;
    private static OnnxImageEditor loaded;

    private TinyEditor() {
    }

    public static Path folder() {
        return SharedModels.folderWith(NAME + "/model.onnx", NAME + "/config.json", NAME + "/scenes/scenes.json")
                .resolve(NAME);
    }

    /** The editor with default options, loaded once for the test run. */
    public static synchronized OnnxImageEditor editor() {
        if (loaded == null) {
            loaded = OnnxImageEditor.resolve(REFERENCE, folder().getParent());
        }
        return loaded;
    }

    /** A scene of scenes/, e.g. {@code scene03_rainy_day_sharp.png}. */
    public static Image scene(String file) {
        return Image.read(folder().resolve("scenes").resolve(file), Image.DEFAULT_MAX_PIXELS);
    }

    /** The file name of the first scene whose weather, time and quality are the given ones (relevance.json's "input"). */
    public static String sceneWith(Map<String, String> conditions) {
        return EditorScenes.sceneWith(folder(), conditions).getFileName().toString();
    }

    public static List<EditorScenes.Case> cases() {
        return EditorScenes.cases(folder());
    }

    public static JsonNode json(String relative) {
        try {
            return new ObjectMapper().readTree(Files.readString(folder().resolve(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
