package org.gsmile.models.llama;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.gsmile.core.UserInputException;

/**
 * Maps a llama-architecture GGUF file (llama.cpp tensor and metadata names) onto
 * {@link LlamaWeights} and {@link Llama2cTokenizer}. llama.cpp keeps Meta's interleaved
 * rotary layout for llama models, so Q and K need no un-permuting; ggml lists dimensions
 * fastest-first, so a [rows][columns] matrix appears as shape {columns, rows}.
 */
public final class GgufLlama {

    private GgufLlama() {
    }

    public static LlamaWeights weights(GgufFile gguf) {
        String arch = gguf.requireString("general.architecture");
        if (!arch.equals("llama")) {
            throw new UserInputException(gguf.path() + " holds a '" + arch
                    + "' model; this engine runs only the llama architecture");
        }
        int vocab = gguf.requireList("tokenizer.ggml.tokens").size();
        int heads = intValue(gguf, "llama.attention.head_count");
        LlamaConfig config;
        try {
            config = new LlamaConfig(
                    intValue(gguf, "llama.embedding_length"),
                    intValue(gguf, "llama.feed_forward_length"),
                    intValue(gguf, "llama.block_count"),
                    heads,
                    gguf.optionalLong("llama.attention.head_count_kv").map(Long::intValue).orElse(heads),
                    vocab,
                    intValue(gguf, "llama.context_length"),
                    gguf.optionalDouble("llama.attention.layer_norm_rms_epsilon")
                            .map(Double::floatValue).orElse(LlamaConfig.DEFAULT_RMS_EPS),
                    gguf.optionalDouble("llama.rope.freq_base")
                            .map(Double::floatValue).orElse(LlamaConfig.DEFAULT_ROPE_THETA));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(gguf.path() + " has inconsistent llama metadata: " + e.getMessage(), e);
        }
        int dim = config.dim();
        int kvDim = config.kvDim();
        int hidden = config.hiddenDim();
        float[] embedding = matrix(gguf, "token_embd.weight", vocab, dim);
        List<LayerWeights> layers = new ArrayList<>(config.nLayers());
        for (int l = 0; l < config.nLayers(); l++) {
            String p = "blk." + l + ".";
            layers.add(new LayerWeights(
                    vector(gguf, p + "attn_norm.weight", dim),
                    matrix(gguf, p + "attn_q.weight", dim, dim),
                    matrix(gguf, p + "attn_k.weight", kvDim, dim),
                    matrix(gguf, p + "attn_v.weight", kvDim, dim),
                    matrix(gguf, p + "attn_output.weight", dim, dim),
                    vector(gguf, p + "ffn_norm.weight", dim),
                    matrix(gguf, p + "ffn_gate.weight", hidden, dim),
                    matrix(gguf, p + "ffn_down.weight", dim, hidden),
                    matrix(gguf, p + "ffn_up.weight", hidden, dim)));
        }
        float[] finalNorm = vector(gguf, "output_norm.weight", dim);
        float[] classifier = gguf.tensor("output.weight").isPresent()
                ? matrix(gguf, "output.weight", vocab, dim)
                : embedding;
        return new LlamaWeights(config, embedding, layers, finalNorm, classifier);
    }

    public static Llama2cTokenizer tokenizer(GgufFile gguf) {
        List<?> tokens = gguf.requireList("tokenizer.ggml.tokens");
        List<String> pieces = new ArrayList<>(tokens.size());
        for (Object token : tokens) {
            if (!(token instanceof String s)) {
                throw new UserInputException(gguf.path() + " has non-string entries in tokenizer.ggml.tokens");
            }
            pieces.add(s);
        }
        float[] scores = new float[pieces.size()];
        List<?> rawScores = gguf.value("tokenizer.ggml.scores").map(List.class::cast).orElse(List.of());
        if (!rawScores.isEmpty()) {
            if (rawScores.size() != scores.length) {
                throw new UserInputException(gguf.path() + " has " + rawScores.size() + " tokenizer scores for "
                        + scores.length + " tokens");
            }
            for (int i = 0; i < scores.length; i++) {
                scores[i] = ((Number) rawScores.get(i)).floatValue();
            }
        }
        int bos = gguf.optionalLong("tokenizer.ggml.bos_token_id").map(Long::intValue).orElse(1);
        int eos = gguf.optionalLong("tokenizer.ggml.eos_token_id").map(Long::intValue).orElse(2);
        return Llama2cTokenizer.fromSentencePiece(pieces, scores, bos, eos);
    }

    private static int intValue(GgufFile gguf, String key) {
        long value = gguf.requireLong(key);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new UserInputException(gguf.path() + " has an implausible " + key + " of " + value);
        }
        return (int) value;
    }

    private static float[] vector(GgufFile gguf, String name, int length) {
        return shaped(gguf, name, length, 1);
    }

    private static float[] matrix(GgufFile gguf, String name, int rows, int columns) {
        return shaped(gguf, name, columns, rows);
    }

    private static float[] shaped(GgufFile gguf, String name, long ne0, long ne1) {
        GgufTensor t = gguf.requireTensor(name);
        if (t.dim(0) != ne0 || t.dim(1) != ne1 || t.dim(2) != 1 || t.dim(3) != 1) {
            throw new UserInputException(gguf.path() + " has tensor " + name + " of shape "
                    + Arrays.toString(t.shape()) + ", expected [" + ne0 + ", " + ne1
                    + "] for the model's metadata");
        }
        return t.data();
    }
}
