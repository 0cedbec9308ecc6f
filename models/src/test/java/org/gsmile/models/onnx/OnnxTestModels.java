package org.gsmile.models.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gsmile.models.testing.SharedModels;

/**
 * The shared ONNX models and the reference outputs their PROVENANCE.md publishes. Tests that need
 * an absent model are skipped, or failed in CI: see {@link SharedModels}. Loaded models are shared;
 * their threads are daemons.
 */
final class OnnxTestModels {

    static final List<String> NAMES = List.of("stories260K-onnx", "tinygpt", "tinylstm");

    /** Greedy continuation published in PROVENANCE.md: the prompt, its text, and llama2.c's step count. */
    record Sample(String prompt, String text, int positions) {
    }

    /** The published 48-position run: all token ids, BOS first, and the prompt it started from. */
    record ReferenceIds(String prompt, int positions, int[] ids) {
    }

    private static final Map<String, OnnxLanguageModel> LOADED = new HashMap<>();

    private OnnxTestModels() {
    }

    static Path folder(String name) {
        return SharedModels.folderWith(name + "/model.onnx", name + "/config.json").resolve(name);
    }

    /** The model with default options, loaded once. */
    static synchronized OnnxLanguageModel model(String name) {
        OnnxLanguageModel model = LOADED.get(name);
        if (model == null) {
            model = OnnxModels.resolve("onnx:" + name, folder(name).getParent());
            LOADED.put(name, model);
        }
        return model;
    }

    static String provenance(String name) {
        try {
            return Files.readString(folder(name).resolve("PROVENANCE.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReferenceIds referenceIds(String name) {
        String text = provenance(name);
        Matcher run = Pattern.compile("(\\d+) positions counted from BOS.*?of \"([^\"]+)\" gives exactly", Pattern.DOTALL)
                .matcher(text);
        Matcher ids = Pattern.compile("token ids \\(\\d+, BOS first\\): `\\[([0-9, ]+)]`").matcher(text);
        if (!run.find() || !ids.find()) {
            throw new AssertionError(name + "/PROVENANCE.md has no reference run with token ids");
        }
        int[] parsed = Arrays.stream(ids.group(1).split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
        return new ReferenceIds(run.group(2), Integer.parseInt(run.group(1)), parsed);
    }

    /** The "More greedy samples (N positions)" bullets: - "prompt" → "text", with \n escapes. */
    static List<Sample> samples(String name) {
        String text = provenance(name);
        Matcher header = Pattern.compile("More greedy samples \\((\\d+) positions\\)").matcher(text);
        if (!header.find()) {
            throw new AssertionError(name + "/PROVENANCE.md has no greedy samples");
        }
        int positions = Integer.parseInt(header.group(1));
        List<Sample> samples = new ArrayList<>();
        Matcher bullet = Pattern.compile("(?m)^- \"((?:[^\"\\\\]|\\\\.)*)\" → \"((?:[^\"\\\\]|\\\\.)*)\"$").matcher(text);
        while (bullet.find()) {
            samples.add(new Sample(unescape(bullet.group(1)), unescape(bullet.group(2)), positions));
        }
        if (samples.isEmpty()) {
            throw new AssertionError(name + "/PROVENANCE.md lists no samples");
        }
        return samples;
    }

    /** Links model.onnx into {@code dir} (never copying model files) beside the given config text. */
    static Path linkedModel(String name, Path dir, String configJson) throws IOException {
        Path source = folder(name);
        Files.createDirectories(dir);
        Path model = dir.resolve("model.onnx");
        Files.createSymbolicLink(model, source.resolve("model.onnx").toAbsolutePath());
        Files.writeString(dir.resolve("config.json"), configJson);
        return model;
    }

    /** The model's config.json with its tokenizer made absolute, so it can be used from another folder. */
    static String configWithAbsoluteTokenizer(String name) throws IOException {
        Path folder = folder(name);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode config = (ObjectNode) mapper.readTree(folder.resolve("config.json").toFile());
        config.put("tokenizer", folder.resolve(config.get("tokenizer").asText()).toAbsolutePath().normalize().toString());
        return mapper.writeValueAsString(config);
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
