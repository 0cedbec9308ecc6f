package org.gsmile.models.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gsmile.core.UserInputException;

/**
 * A Hugging Face tokenizer.json run by DJL's binding of the Rust tokenizers library. Special
 * tokens are not added by the tokenizer's template: BOS comes from config.json, so prompts are
 * built the same way whatever the template says, and nothing is truncated or padded.
 */
final class HuggingFaceTextTokenizer implements PromptTokenizer {

    private final HuggingFaceTokenizer tokenizer;
    private final int vocabSize;
    private final int bosId;

    private HuggingFaceTextTokenizer(HuggingFaceTokenizer tokenizer, int vocabSize, int bosId) {
        this.tokenizer = tokenizer;
        this.vocabSize = vocabSize;
        this.bosId = bosId;
    }

    static HuggingFaceTextTokenizer read(Path file, int bosId) {
        int vocabSize = vocabSize(file);
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(file,
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
            return new HuggingFaceTextTokenizer(tokenizer, vocabSize, bosId);
        } catch (IOException | RuntimeException e) {
            throw new UserInputException(file + " is not a usable Hugging Face tokenizer ("
                    + OrtRunner.firstLine(e) + "): replace it with the model's tokenizer.json", e);
        }
    }

    @Override
    public int[] encode(String prompt) {
        long[] ids = tokenizer.encode(prompt, false, false).getIds();
        int[] tokens = new int[ids.length + 1];
        tokens[0] = bosId;
        for (int i = 0; i < ids.length; i++) {
            tokens[i + 1] = Math.toIntExact(ids[i]);
        }
        return tokens;
    }

    /**
     * Decoders such as Metaspace and ByteLevel shape a token's text by what precedes it, so the
     * continuation is the decoded whole minus the decoded prompt whenever the one extends the other.
     */
    @Override
    public String continuationText(int[] prompt, int[] generated) {
        int[] all = new int[prompt.length + generated.length];
        System.arraycopy(prompt, 0, all, 0, prompt.length);
        System.arraycopy(generated, 0, all, prompt.length, generated.length);
        String whole = tokenizer.decode(toLongs(all), true);
        String head = tokenizer.decode(toLongs(prompt), true);
        return whole.startsWith(head) ? whole.substring(head.length()) : decode(generated);
    }

    @Override
    public String decode(int[] tokens) {
        return tokenizer.decode(toLongs(tokens), true);
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /** One more than the largest id in the model's vocabulary and the added tokens. */
    static int vocabSize(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + " does not exist: put the model's tokenizer.json there");
        } catch (IOException e) {
            throw new UserInputException(file + " is not a readable Hugging Face tokenizer.json ("
                    + OrtRunner.firstLine(e) + "): replace it with the model's tokenizer.json", e);
        }
        long maxId = -1;
        JsonNode vocab = root == null ? null : root.path("model").get("vocab");
        if (vocab != null && vocab.isObject()) {
            for (JsonNode id : vocab) {
                maxId = Math.max(maxId, id.asLong(-1));
            }
        } else if (vocab != null && vocab.isArray()) {
            maxId = vocab.size() - 1L; // Unigram: entries are [piece, score], ids are positions
        }
        if (root != null) {
            for (JsonNode added : root.path("added_tokens")) {
                maxId = Math.max(maxId, added.path("id").asLong(-1));
            }
        }
        if (maxId < 0 || maxId >= Integer.MAX_VALUE) {
            throw new UserInputException(file + " has no model.vocab: it is not a Hugging Face tokenizer.json");
        }
        return (int) maxId + 1;
    }

    private static long[] toLongs(int[] tokens) {
        long[] ids = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            ids[i] = tokens[i];
        }
        return ids;
    }
}
