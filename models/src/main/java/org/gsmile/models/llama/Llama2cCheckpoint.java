package org.gsmile.models.llama;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.gsmile.core.UserInputException;

/**
 * Reads a legacy (version 0) llama2.c checkpoint: a header of 7 int32 (dim, hidden_dim, n_layers,
 * n_heads, n_kv_heads, vocab_size, seq_len; a negative vocab_size means an unshared classifier),
 * then float32 weights in the order of run.c's {@code memory_map_weights}.
 */
public final class Llama2cCheckpoint {

    private static final int HEADER_BYTES = 7 * Integer.BYTES;

    private Llama2cCheckpoint() {
    }

    public static LlamaWeights read(Path file) {
        ModelFileInput in = ModelFileInput.open(file);
        Header header = header(in, file);
        return readWeights(in, header.config(), header.shared());
    }

    /**
     * Checks that the file is a whole legacy llama2.c checkpoint (its header and size) without
     * reading the weights, so that a file that is no checkpoint at all is reported as such before
     * anything else about it (a missing tokenizer beside it) is.
     */
    public static void check(Path file) {
        header(ModelFileInput.open(file), file);
    }

    private record Header(LlamaConfig config, boolean shared) {
    }

    private static Header header(ModelFileInput in, Path file) {
        if (in.size() == 0) {
            throw new UserInputException(file + " is empty: give a llama2.c checkpoint (.bin), or delete it and"
                    + " download it again");
        }
        if (ModelFileInput.looksLikeText(in)) {
            throw new UserInputException(file + " is a text file, not a llama2.c checkpoint: give the model's .bin"
                    + " file (llama2.c's export.py --version 0) or a .gguf file");
        }
        if (in.size() < HEADER_BYTES) {
            throw in.truncated("at least " + HEADER_BYTES, in.size());
        }
        int dim = in.readInt();
        int hiddenDim = in.readInt();
        int nLayers = in.readInt();
        int nHeads = in.readInt();
        int nKvHeads = in.readInt();
        int signedVocab = in.readInt();
        int seqLen = in.readInt();
        boolean shared = signedVocab > 0;
        LlamaConfig config;
        try {
            config = new LlamaConfig(dim, hiddenDim, nLayers, nHeads, nKvHeads, Math.abs(signedVocab), seqLen,
                    LlamaConfig.DEFAULT_RMS_EPS, LlamaConfig.DEFAULT_ROPE_THETA);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(file + " is not a legacy llama2.c checkpoint (" + e.getMessage()
                    + "); export it with llama2.c's export.py --version 0 or use a GGUF file", e);
        }
        long expected;
        try {
            expected = Math.addExact(HEADER_BYTES, Math.multiplyExact(Float.BYTES, floatCount(config, shared)));
        } catch (ArithmeticException e) {
            throw new UserInputException(file + " has an implausible header (dim " + dim + ", hidden_dim " + hiddenDim
                    + ", n_layers " + nLayers + "): it is not a legacy llama2.c checkpoint", e);
        }
        if (in.size() < expected) {
            throw in.truncated(String.valueOf(expected), in.size());
        }
        if (in.size() > expected) {
            throw new UserInputException(file + " has " + in.size() + " bytes but its header implies " + expected
                    + ": it is not a legacy llama2.c checkpoint; export it with llama2.c's export.py --version 0"
                    + " or use a GGUF file");
        }
        return new Header(config, shared);
    }

    private static LlamaWeights readWeights(ModelFileInput in, LlamaConfig c, boolean shared) {
        int dim = c.dim();
        int kvDim = c.kvDim();
        int hidden = c.hiddenDim();
        int layers = c.nLayers();
        float[] embedding = in.readFloats((long) c.vocabSize() * dim);
        // The file stores each weight kind for all layers together, so slice them per layer.
        float[][] attnNorm = perLayer(in, layers, dim);
        float[][] wq = perLayer(in, layers, (long) dim * dim);
        float[][] wk = perLayer(in, layers, (long) kvDim * dim);
        float[][] wv = perLayer(in, layers, (long) kvDim * dim);
        float[][] wo = perLayer(in, layers, (long) dim * dim);
        float[][] ffnNorm = perLayer(in, layers, dim);
        float[][] w1 = perLayer(in, layers, (long) hidden * dim);
        float[][] w2 = perLayer(in, layers, (long) dim * hidden);
        float[][] w3 = perLayer(in, layers, (long) hidden * dim);
        float[] finalNorm = in.readFloats(dim);
        // freq_cis_real and freq_cis_imag: precomputed RoPE tables that run.c no longer reads.
        in.skip((long) Float.BYTES * legacyRopeFloats(c));
        float[] classifier = shared ? embedding : in.readFloats((long) c.vocabSize() * dim);
        List<LayerWeights> blocks = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            blocks.add(new LayerWeights(attnNorm[l], wq[l], wk[l], wv[l], wo[l], ffnNorm[l], w1[l], w2[l], w3[l]));
        }
        return new LlamaWeights(c, embedding, blocks, finalNorm, classifier);
    }

    private static float[][] perLayer(ModelFileInput in, int layers, long size) {
        float[][] slices = new float[layers][];
        for (int l = 0; l < layers; l++) {
            slices[l] = in.readFloats(size);
        }
        return slices;
    }

    private static long floatCount(LlamaConfig c, boolean shared) {
        long dim = c.dim();
        long kvDim = c.kvDim();
        long hidden = c.hiddenDim();
        long perLayer = 2 * dim + 2 * dim * dim + 2 * kvDim * dim + Math.multiplyExact(3 * hidden, dim);
        long table = c.vocabSize() * dim;
        return Math.addExact(table + Math.multiplyExact((long) c.nLayers(), perLayer) + dim + legacyRopeFloats(c),
                shared ? 0 : table);
    }

    private static long legacyRopeFloats(LlamaConfig c) {
        return 2 * ((long) c.seqLen() * c.headSize() / 2);
    }
}
