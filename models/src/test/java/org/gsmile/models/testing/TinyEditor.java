package org.gsmile.models.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gsmile.core.image.Image;
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

    /** The first scene whose weather, time and quality are the given ones (relevance.json's "input"). */
    public static String sceneWith(Map<String, String> conditions) {
        for (JsonNode s : json("scenes/scenes.json")) {
            boolean all = conditions.entrySet().stream().allMatch(c -> s.path(c.getKey()).asText().equals(c.getValue()));
            if (all) {
                return Path.of(s.path("file").asText()).getFileName().toString();
            }
        }
        throw new IllegalArgumentException("no scene with " + conditions);
    }

    /** One instruction of relevance.json: its input conditions, its words and which are relevant. */
    public record Case(String instruction, Map<String, String> input, List<String> words, int[] relevant) {
    }

    public static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (JsonNode c : json("relevance.json")) {
            Map<String, String> input = mapper.convertValue(c.path("input"),
                    mapper.getTypeFactory().constructMapType(java.util.LinkedHashMap.class, String.class, String.class));
            List<String> words = new ArrayList<>();
            c.path("words").forEach(w -> words.add(w.asText()));
            int[] relevant = new int[c.path("relevant").size()];
            for (int i = 0; i < relevant.length; i++) {
                relevant[i] = c.path("relevant").get(i).asInt();
            }
            out.add(new Case(c.path("instruction").asText(), input, words, relevant));
        }
        return out;
    }

    public static JsonNode json(String relative) {
        try {
            return new ObjectMapper().readTree(Files.readString(folder().resolve(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
