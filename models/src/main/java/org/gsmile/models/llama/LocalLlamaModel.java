package org.gsmile.models.llama;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.models.ContextLimit;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.model.ModelThreads;
import org.gsmile.core.model.TokenPieces;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.model.TokenScores;

/**
 * A Llama model run in-process by {@link LlamaEngine}. Each prompt is an independent task on a
 * fixed pool with one thread per processor; results come back in prompt order. With sampling,
 * every prompt draws from a generator seeded with the same seed, so a prompt's output does not
 * depend on which other prompts share the batch or on thread scheduling.
 */
public final class LocalLlamaModel implements GenerativeModel, TokenScorer {

    private final ModelInfo info;
    private final LlamaEngine engine;
    private final Llama2cTokenizer tokenizer;
    private final ExecutorService pool;

    public LocalLlamaModel(ModelInfo info, LlamaEngine engine, Llama2cTokenizer tokenizer) {
        if (tokenizer.vocabSize() != engine.config().vocabSize()) {
            throw new UserInputException("the tokenizer of " + info.id() + " has " + tokenizer.vocabSize()
                    + " tokens but the model has " + engine.config().vocabSize()
                    + ": use the tokenizer that belongs to the model");
        }
        this.info = info;
        this.engine = engine;
        this.tokenizer = tokenizer;
        this.pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                ModelThreads.daemon("llama"));
    }

    /** Loads a legacy llama2.c checkpoint and its tokenizer file. */
    public static LocalLlamaModel loadLlama2c(String id, Path checkpoint, Path tokenizerFile) {
        LlamaWeights weights = Llama2cCheckpoint.read(checkpoint);
        Llama2cTokenizer tokenizer = Llama2cTokenizer.read(tokenizerFile, weights.config().vocabSize());
        return new LocalLlamaModel(new ModelInfo(id, Sha256.of(checkpoint), weights.config().seqLen()),
                new LlamaEngine(weights), tokenizer);
    }

    /** Loads an F32 llama GGUF file, which carries its own vocabulary. */
    public static LocalLlamaModel loadGguf(String id, Path file) {
        GgufFile gguf = GgufReader.read(file);
        LlamaWeights weights = GgufLlama.weights(gguf);
        return new LocalLlamaModel(new ModelInfo(id, Sha256.of(file), weights.config().seqLen()),
                new LlamaEngine(weights), GgufLlama.tokenizer(gguf));
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    /**
     * The kernels the engine runs on: vector and scalar agree to 1e-5, not to the bit, so a result
     * names the one that made it, and stored observations of one are not served to the other.
     */
    @Override
    public java.util.Map<String, Object> settings() {
        return java.util.Map.of("kernels", engine.kernels().name().toLowerCase(java.util.Locale.ROOT));
    }

    public LlamaEngine engine() {
        return engine;
    }

    public Llama2cTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
        List<int[]> encoded = ContextLimit.encodeAll(prompts, tokenizer::encode, options.maxNewTokens(), info.contextLength());
        List<CompletableFuture<Generation>> tasks = new ArrayList<>(encoded.size());
        for (int[] prompt : encoded) {
            tasks.add(CompletableFuture.supplyAsync(() -> {
                int[] tokens = engine.generate(prompt, options.maxNewTokens(), options);
                return new Generation(tokenizer.decode(prompt[prompt.length - 1], tokens), tokens);
            }, pool));
        }
        return Futures.allInOrder(tasks);
    }

    @Override
    public Optional<TokenPieces> tokenPieces() {
        return Optional.of(this::pieces);
    }

    /** The bytes of each token of the text as the model encodes it, BOS left out. */
    private List<byte[]> pieces(String text) {
        int[] ids = tokenizer.encode(text);
        List<byte[]> pieces = new ArrayList<>(ids.length);
        for (int i = 1; i < ids.length; i++) {
            pieces.add(tokenizer.decodeBytes(ids[i - 1], ids[i]));
        }
        return pieces;
    }

    @Override
    public Optional<TokenScorer> tokenScorer() {
        return Optional.of(this);
    }

    @Override
    public CompletableFuture<List<TokenScores>> scoreAsync(List<String> prompts, int[] continuation) {
        List<int[]> encoded = ContextLimit.encodeAll(prompts, tokenizer::encode, continuation.length, info.contextLength());
        int[] scored = continuation.clone();
        List<CompletableFuture<TokenScores>> tasks = new ArrayList<>(encoded.size());
        for (int[] prompt : encoded) {
            tasks.add(CompletableFuture.supplyAsync(() -> engine.score(prompt, scored), pool));
        }
        return Futures.allInOrder(tasks);
    }

    @Override
    public int promptTokenCount(String prompt) {
        return tokenizer.encode(prompt).length;
    }

    @Override
    public int vocabSize() {
        return engine.config().vocabSize();
    }

    @Override
    public float[][] tokenEmbeddings() {
        return engine.tokenEmbeddings();
    }

    /** Continuation tokens never follow BOS, so no leading space is dropped. */
    @Override
    public String decode(int[] tokens) {
        return tokenizer.decode(-1, tokens);
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
