package org.gsmile.models.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gsmile.core.UserInputException;

/**
 * What config.json beside an image editor's model.onnx says (as {@code tinyeditor}'s does): kind
 * {@code image-editor}; {@code inputs.image} (name, shape [batch, 3, H, W], RGB in [0, 1]) and
 * {@code inputs.instruction} (name, int64 [batch, words], {@code padding_id}); {@code output} (name,
 * shape [batch, 3, H, W]); a word tokenizer ({@code vocab} file of {@code {"vocab": [...]}} whose
 * index is the id, {@code lowercase}, {@code word_pattern}, {@code unknown_id}, {@code max_words},
 * {@code when_no_words}); optional {@code sha256} of the model file.
 */
record OnnxEditorConfig(Path file, String imageInput, String instructionInput, String output, int width, int height,
                        Map<String, Integer> vocab, boolean lowercase, Pattern wordPattern, int unknownId,
                        int paddingId, int maxWords, long[] whenNoWords, String sha256) {

    static final String KIND = "image-editor";

    static OnnxEditorConfig read(Path file) {
        JsonNode root = json(file);
        JsonNode kind = root.path("kind");
        if (!kind.isTextual() || !kind.asText().equals(KIND)) {
            throw new UserInputException(file + " does not describe an image editor (\"kind\": " + kind
                    + ", expected \"" + KIND + "\"): an editor needs its own config.json; a language model is onnx:");
        }
        JsonNode image = object(root, "inputs.image", file);
        JsonNode instruction = object(root, "inputs.instruction", file);
        JsonNode output = object(root, "output", file);
        JsonNode tokenizer = object(root, "tokenizer", file);
        int[] in = imageShape(image, "inputs.image", file);
        int[] out = imageShape(output, "output", file);
        if (in[0] != out[0] || in[1] != out[1]) {
            throw new UserInputException(file + ": the output is " + out[0] + "x" + out[1] + " but the input "
                    + in[0] + "x" + in[1] + ": this backend edits an image into one of the same size");
        }
        if (!tokenizer.path("type").asText("").equals("words")) {
            throw invalid(file, "tokenizer.type", "\"words\" (letter runs looked up in a vocabulary)", tokenizer.path("type"));
        }
        Path vocabFile = file.toAbsolutePath().getParent().resolve(text(tokenizer, "vocab", "tokenizer.vocab", file));
        Pattern pattern;
        try {
            pattern = Pattern.compile(text(tokenizer, "word_pattern", "tokenizer.word_pattern", file));
        } catch (PatternSyntaxException e) {
            throw invalid(file, "tokenizer.word_pattern", "a regular expression", tokenizer.get("word_pattern"));
        }
        JsonNode none = tokenizer.path("when_no_words");
        if (!none.isArray() || none.isEmpty()) {
            throw invalid(file, "tokenizer.when_no_words", "a non-empty list of ids", none);
        }
        long[] whenNone = new long[none.size()];
        for (int i = 0; i < whenNone.length; i++) {
            whenNone[i] = none.get(i).asLong();
        }
        return new OnnxEditorConfig(file, text(image, "name", "inputs.image.name", file),
                text(instruction, "name", "inputs.instruction.name", file), text(output, "name", "output.name", file),
                in[1], in[0], vocabulary(vocabFile), tokenizer.path("lowercase").asBoolean(false), pattern,
                whole(tokenizer, "unknown_id", "tokenizer.unknown_id", file),
                whole(tokenizer, "padding_id", "tokenizer.padding_id", file),
                whole(tokenizer, "max_words", "tokenizer.max_words", file), whenNone,
                root.hasNonNull("sha256") ? root.get("sha256").asText() : null);
    }

    /** [height, width] of a [batch, 3, H, W] shape. */
    private static int[] imageShape(JsonNode node, String field, Path file) {
        JsonNode shape = node.path("shape");
        if (!shape.isArray() || shape.size() != 4 || shape.get(1).asInt() != 3 || !shape.get(2).canConvertToInt()
                || !shape.get(3).canConvertToInt() || shape.get(2).asInt() < 1 || shape.get(3).asInt() < 1) {
            throw invalid(file, field + ".shape", "[\"batch\", 3, H, W] with a fixed height and width", shape);
        }
        return new int[] {shape.get(2).asInt(), shape.get(3).asInt()};
    }

    private static Map<String, Integer> vocabulary(Path file) {
        JsonNode words = json(file).path("vocab");
        if (!words.isArray() || words.isEmpty()) {
            throw new UserInputException(file + " must hold {\"vocab\": [words...]}, the index of a word being its id:"
                    + " restore it");
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            ids.putIfAbsent(words.get(i).asText(), i);
        }
        return Map.copyOf(ids);
    }

    private static JsonNode json(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readString(file));
            if (root == null || !root.isObject()) {
                throw new UserInputException(file + " must hold a JSON object: fix or restore it");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + " does not exist: an image editor needs its config.json and vocabulary"
                    + " beside model.onnx");
        } catch (JsonProcessingException e) {
            throw new UserInputException(file + " is not valid JSON (" + e.getOriginalMessage().replaceAll("\\s+", " ")
                    + "): fix or restore it");
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode object(JsonNode root, String path, Path file) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        if (!node.isObject()) {
            throw new UserInputException(file + " lacks \"" + path + "\": an image editor's config names its image and"
                    + " instruction inputs, its output and its tokenizer");
        }
        return node;
    }

    private static String text(JsonNode node, String field, String path, Path file) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw invalid(file, path, "a non-empty string", v);
        }
        return v.asText();
    }

    private static int whole(JsonNode node, String field, String path, Path file) {
        JsonNode v = node.path(field);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw invalid(file, path, "a whole number", v);
        }
        return v.asInt();
    }

    private static UserInputException invalid(Path file, String field, String expected, JsonNode found) {
        String shown = found == null || found.isMissingNode() ? "nothing" : found.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return new UserInputException(file + ": \"" + field + "\" must be " + expected + ", found " + shown);
    }
}
