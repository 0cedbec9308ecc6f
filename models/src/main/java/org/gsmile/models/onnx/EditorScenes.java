package org.gsmile.models.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gsmile.core.UserInputException;
import org.gsmile.core.unit.Unit;

/**
 * The files an editor folder such as {@code tinyeditor/} ships beside its model: {@code scenes/scenes.json}
 * (each input scene's conditions) and {@code relevance.json} (instructions, the conditions of the
 * input they are meant for, their words and which words are relevant). For benchmarks, experiments and
 * tests that measure accuracy against that ground truth.
 */
public final class EditorScenes {
    private static final Pattern WORD = Pattern.compile("[a-z]+");

    private EditorScenes() {
    }

    /** One instruction of relevance.json: the conditions of its input scene, its words and which are relevant. */
    public record Case(String instruction, Map<String, String> input, List<String> words, int[] relevant) {
        /**
         * One label per unit of the instruction: a unit is relevant when any of the model's words in it
         * (lower-cased letter runs) is, as relevance.json defines it for whitespace-separated units.
         */
        public int[] labels(List<Unit> units) {
            int[] labels = new int[units.size()];
            int next = 0;
            for (int u = 0; u < units.size(); u++) {
                Matcher m = WORD.matcher(units.get(u).text().toLowerCase(Locale.ROOT));
                while (m.find()) {
                    if (next >= words.size() || !words.get(next).equals(m.group())) {
                        throw new IllegalArgumentException("unit '" + units.get(u).text() + "' does not follow the words "
                                + words + " of \"" + instruction + "\"");
                    }
                    labels[u] |= relevant[next++];
                }
            }
            return labels;
        }
    }

    /** The instructions of {@code folder/relevance.json}, in order. */
    public static List<Case> cases(Path folder) {
        List<Case> out = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (JsonNode c : json(folder.resolve("relevance.json"))) {
            Map<String, String> input = new LinkedHashMap<>();
            c.path("input").fields().forEachRemaining(f -> input.put(f.getKey(), f.getValue().asText()));
            List<String> words = new ArrayList<>();
            c.path("words").forEach(w -> words.add(w.asText()));
            int[] relevant = new int[c.path("relevant").size()];
            for (int i = 0; i < relevant.length; i++) {
                relevant[i] = c.path("relevant").get(i).asInt();
            }
            out.add(new Case(c.path("instruction").asText(), input, List.copyOf(words), relevant));
        }
        return out;
    }

    /** The first scene of {@code folder/scenes/scenes.json} with all the given conditions: its file. */
    public static Path sceneWith(Path folder, Map<String, String> conditions) {
        for (JsonNode s : json(folder.resolve("scenes").resolve("scenes.json"))) {
            boolean all = conditions.entrySet().stream().allMatch(c -> s.path(c.getKey()).asText().equals(c.getValue()));
            if (all) {
                return folder.resolve(s.path("file").asText());
            }
        }
        throw new UserInputException("no scene in " + folder.resolve("scenes/scenes.json") + " has " + conditions
                + ": choose conditions one of its scenes has");
    }

    private static JsonNode json(Path file) {
        try {
            return new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + " (" + e.getMessage() + "): restore the editor's files", e);
        }
    }
}
