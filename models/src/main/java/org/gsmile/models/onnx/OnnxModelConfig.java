package org.gsmile.models.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gsmile.core.UserInputException;

/**
 * What config.json beside a model.onnx says about it. Required: {@code vocab_size},
 * {@code max_positions} and {@code bos_token_id} (every prompt starts with it). Optional:
 * {@code eos_token_id}; {@code story_delimiter} (a token id, or text such as "BOS (1): ..." naming
 * one) and {@code stop_token_ids}, which end a generation like EOS; {@code tokenizer} (a llama2.c
 * .bin or Hugging Face .json file, relative to the config); {@code sha256} of the model file;
 * {@code embedding_initializer}; and one-entry {@code inputs}/{@code outputs} objects naming the
 * ids input and the logits output (default input_ids and logits).
 *
 * @param stopTokens generation ends before any of these ids
 * @param tokenizer  the tokenizer file the config names, or null
 * @param sha256     the model file's expected hash, or null
 * @param embeddingInitializer the embedding table's name when the config gives it, or null
 */
record OnnxModelConfig(Path file, int vocabSize, int maxPositions, int bosId, int[] stopTokens, Path tokenizer,
                       String inputName, String outputName, String sha256, String embeddingInitializer) {

    private static final Pattern PARENTHESISED_ID = Pattern.compile("\\((\\d+)\\)");
    private static final Pattern LEADING_ID = Pattern.compile("^\\s*(\\d+)\\b");

    static OnnxModelConfig read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + " does not exist: an ONNX model needs a config.json beside it"
                    + " (vocab_size, max_positions, bos_token_id, tokenizer)");
        } catch (JsonProcessingException e) {
            // Jackson's "(start marker at [Source: REDACTED ...])" says nothing the line number does not.
            String why = e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source:.*?]\\)", "")
                    .replaceAll("\\s+", " ");
            throw new UserInputException(file + " is not valid JSON (" + why + " at line " + e.getLocation().getLineNr()
                    + "): fix or restore it");
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new UserInputException(file + " must hold a JSON object: fix or restore it");
        }
        int vocab = positiveInt(root, "vocab_size", file);
        int maxPositions = positiveInt(root, "max_positions", file);
        int bos = tokenId(root, "bos_token_id", vocab, file);
        Set<Integer> stops = new LinkedHashSet<>();
        Integer eos = root.has("eos_token_id") ? tokenId(root, "eos_token_id", vocab, file) : null;
        if (eos != null) {
            stops.add(eos);
        }
        if (root.has("story_delimiter")) {
            stops.add(delimiter(root.get("story_delimiter"), bos, eos, vocab, file));
        }
        if (root.has("stop_token_ids")) {
            JsonNode ids = root.get("stop_token_ids");
            if (!ids.isArray()) {
                throw invalid(file, "stop_token_ids", "a list of token ids", ids);
            }
            for (JsonNode id : ids) {
                stops.add(checkId(id, "stop_token_ids", vocab, file));
            }
        }
        Path tokenizer = null;
        if (root.has("tokenizer")) {
            String name = text(root, "tokenizer", file);
            tokenizer = file.toAbsolutePath().getParent().resolve(name).normalize();
        }
        return new OnnxModelConfig(file, vocab, maxPositions, bos,
                stops.stream().mapToInt(Integer::intValue).toArray(), tokenizer,
                soleName(root, "inputs", "input_ids", file), soleName(root, "outputs", "logits", file),
                root.has("sha256") ? text(root, "sha256", file) : null,
                root.has("embedding_initializer") ? text(root, "embedding_initializer", file) : null);
    }

    boolean isStop(int token) {
        for (int stop : stopTokens) {
            if (stop == token) {
                return true;
            }
        }
        return false;
    }

    private static int delimiter(JsonNode node, int bos, Integer eos, int vocab, Path file) {
        if (node.isIntegralNumber()) {
            return checkId(node, "story_delimiter", vocab, file);
        }
        if (node.isTextual()) {
            String text = node.asText();
            for (Pattern pattern : new Pattern[] {LEADING_ID, PARENTHESISED_ID}) {
                Matcher m = pattern.matcher(text);
                if (m.find()) {
                    long id = Long.parseLong(m.group(1));
                    if (id >= vocab) {
                        throw invalid(file, "story_delimiter", "a token id between 0 and " + (vocab - 1), node);
                    }
                    return (int) id;
                }
            }
            String upper = text.strip().toUpperCase(Locale.ROOT);
            if (upper.startsWith("BOS")) {
                return bos;
            }
            if (upper.startsWith("EOS") && eos != null) {
                return eos;
            }
        }
        throw invalid(file, "story_delimiter", "a token id, or text naming one such as \"BOS (1)\"", node);
    }

    private static String soleName(JsonNode root, String field, String fallback, Path file) {
        JsonNode node = root.get(field);
        if (node == null) {
            return fallback;
        }
        if (!node.isObject() || node.size() != 1) {
            throw invalid(file, field, "an object with exactly one entry (this backend feeds token ids and reads"
                    + " logits, nothing else)", node);
        }
        Iterator<String> names = node.fieldNames();
        return names.next();
    }

    private static int positiveInt(JsonNode root, String field, Path file) {
        JsonNode node = required(root, field, file);
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
            throw invalid(file, field, "a positive integer", node);
        }
        return node.asInt();
    }

    private static int tokenId(JsonNode root, String field, int vocab, Path file) {
        return checkId(required(root, field, file), field, vocab, file);
    }

    private static int checkId(JsonNode node, String field, int vocab, Path file) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0 || node.asInt() >= vocab) {
            throw invalid(file, field, "a token id between 0 and " + (vocab - 1), node);
        }
        return node.asInt();
    }

    private static String text(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw invalid(file, field, "a non-empty string", node);
        }
        return node.asText();
    }

    private static JsonNode required(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new UserInputException(file + " lacks the required field \"" + field + "\": add it (see the README,"
                    + " ONNX models)");
        }
        return node;
    }

    private static UserInputException invalid(Path file, String field, String expected, JsonNode found) {
        String shown = found.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return new UserInputException(file + ": \"" + field + "\" must be " + expected + ", found " + shown);
    }
}
