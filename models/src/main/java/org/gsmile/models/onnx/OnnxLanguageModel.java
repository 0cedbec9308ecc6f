package org.gsmile.models.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.models.ContextLimit;
import org.gsmile.models.Softmax;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.model.ModelThreads;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.model.TokenScores;
import org.gsmile.models.llama.Sampler;
import org.gsmile.models.llama.Sha256;

/**
 * A causal language model exported to ONNX ({@code input_ids} int64 [batch, seq] to
 * {@code logits} float32 [batch, seq, vocab], no KV cache), run through DJL's ONNX Runtime engine.
 * It offers what the in-process engine offers: greedy and seeded sampled generation, and
 * teacher-forced scoring with full next-token distributions.
 *
 * <p>Prompts go to ONNX Runtime in batches, right-padded: in a causal model a position never sees
 * the padding after it, so each row's logits are read at its own positions. Scoring batches group
 * prompts of similar length to waste little on padding. Without a KV cache, generation re-runs the
 * whole prefix for every new token. With sampling every prompt draws from its own generator
 * seeded with the same seed, as in the in-process engine, so a prompt's output does not depend on
 * which prompts share its batch.
 */
public final class OnnxLanguageModel implements GenerativeModel, TokenScorer {

    /** Any id works as padding: no real position attends to it. */
    private static final int PAD = 0;

    private final ModelInfo info;
    private final OnnxModelConfig config;
    private final OnnxOptions options;
    private final PromptTokenizer tokenizer;
    private final OrtRunner runner;
    private final float[][] embeddings;
    private final String embeddingProblem;
    private final ExecutorService pool;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OnnxLanguageModel(ModelInfo info, OnnxModelConfig config, OnnxOptions options, PromptTokenizer tokenizer,
                              OrtRunner runner, float[][] embeddings, String embeddingProblem) {
        this.info = info;
        this.config = config;
        this.options = options;
        this.tokenizer = tokenizer;
        this.runner = runner;
        this.embeddings = embeddings;
        this.embeddingProblem = embeddingProblem;
        this.pool = Executors.newFixedThreadPool(options.concurrency(),
                ModelThreads.daemon("onnx"));
    }

    /**
     * Loads {@code modelFile} with the config.json beside it. Every problem with the files is a
     * {@link UserInputException} naming the file: missing or damaged model, a config without a
     * required field, a tokenizer of the wrong size, an output that is not [batch, seq, vocab] logits.
     *
     * @param id the reference the user gave, recorded in {@link ModelInfo}
     */
    public static OnnxLanguageModel load(String id, Path modelFile, OnnxOptions options) {
        if (!Files.isRegularFile(modelFile)) {
            throw new UserInputException(modelFile + " does not exist: check the path (an ONNX model is a model.onnx"
                    + " with its config.json beside it)");
        }
        OnnxModelConfig config = OnnxModelConfig.read(modelFile.toAbsolutePath().resolveSibling("config.json"));
        String sha256 = Sha256.of(modelFile);
        if (config.sha256() != null && !config.sha256().equalsIgnoreCase(sha256)) {
            throw new UserInputException(modelFile + " has sha256 " + sha256 + " but " + config.file() + " gives "
                    + config.sha256().toLowerCase(Locale.ROOT) + ": the file is damaged or the config belongs to another"
                    + " model; restore model.onnx");
        }
        PromptTokenizer tokenizer = tokenizer(config, modelFile);
        OrtRunner runner = null;
        try {
            runner = OrtRunner.load(modelFile, config.inputName(), config.outputName(), options.concurrency(),
                    options.threadsPerRun());
            // One small run checks the whole interface (input type, output name, rank, vocabulary) up front.
            int seq = Math.min(2, config.maxPositions());
            long[] probe = new long[2 * seq];
            Arrays.fill(probe, config.bosId());
            runner.run(probe, 2, seq, config.vocabSize());
            EmbeddingLocator.Table table = EmbeddingLocator.read(modelFile, config.inputName(), config.vocabSize(),
                    config.embeddingInitializer());
            return new OnnxLanguageModel(new ModelInfo(id, sha256, config.maxPositions()), config, options, tokenizer,
                    runner, table.rows(), table.problem());
        } catch (RuntimeException e) {
            if (runner != null) {
                runner.close();
            }
            tokenizer.close();
            throw e;
        }
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    public OnnxOptions options() {
        return options;
    }

    /** The token ids of a prompt as the model sees them, BOS first. */
    public int[] encode(String prompt) {
        return tokenizer.encode(prompt);
    }

    /** Ids that end a generation (config.json's EOS, story delimiter and stop tokens). */
    public int[] stopTokens() {
        return config.stopTokens().clone();
    }

    @Override
    public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions decoding) {
        if (decoding.maxNewTokens() < 0) {
            throw new IllegalArgumentException("maxNewTokens must not be negative");
        }
        List<int[]> encoded = ContextLimit.encodeAll(prompts, tokenizer::encode, decoding.maxNewTokens(), config.maxPositions());
        List<CompletableFuture<List<Generation>>> batches = new ArrayList<>();
        for (int from = 0; from < encoded.size(); from += options.batchSize()) {
            List<int[]> batch = encoded.subList(from, Math.min(from + options.batchSize(), encoded.size()));
            batches.add(CompletableFuture.supplyAsync(() -> generateBatch(batch, decoding), pool));
        }
        return Futures.allInOrder(batches).thenApply(done -> done.stream().flatMap(List::stream).toList());
    }

    @Override
    public Optional<TokenScorer> tokenScorer() {
        return Optional.of(this);
    }

    @Override
    public CompletableFuture<List<TokenScores>> scoreAsync(List<String> prompts, int[] continuation) {
        List<int[]> encoded = ContextLimit.encodeAll(prompts, tokenizer::encode, continuation.length, config.maxPositions());
        int[] scored = continuation.clone();
        for (int token : scored) {
            if (token < 0 || token >= config.vocabSize()) {
                throw new IllegalArgumentException("continuation token " + token + " is outside the vocabulary of "
                        + config.vocabSize());
            }
        }
        Integer[] order = new Integer[encoded.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> encoded.get(i).length));
        List<CompletableFuture<List<TokenScores>>> batches = new ArrayList<>();
        List<int[]> slots = new ArrayList<>();
        for (int from = 0; from < order.length; from += options.batchSize()) {
            int to = Math.min(from + options.batchSize(), order.length);
            List<int[]> batch = new ArrayList<>(to - from);
            int[] slot = new int[to - from];
            for (int k = from; k < to; k++) {
                batch.add(encoded.get(order[k]));
                slot[k - from] = order[k];
            }
            slots.add(slot);
            batches.add(CompletableFuture.supplyAsync(() -> scoreBatch(batch, scored), pool));
        }
        return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).thenApply(done -> {
            TokenScores[] results = new TokenScores[encoded.size()];
            for (int b = 0; b < batches.size(); b++) {
                List<TokenScores> scores = batches.get(b).join();
                for (int k = 0; k < scores.size(); k++) {
                    results[slots.get(b)[k]] = scores.get(k);
                }
            }
            return List.of(results);
        });
    }

    @Override
    public int batchSize() {
        return options.batchSize();
    }

    @Override
    public int promptTokenCount(String prompt) {
        return tokenizer.encode(prompt).length;
    }

    @Override
    public int vocabSize() {
        return config.vocabSize();
    }

    /**
     * The input embedding table read from the graph. When it cannot be identified there is no
     * stand-in: another model's embeddings would give a ground cost unrelated to this model.
     */
    @Override
    public float[][] tokenEmbeddings() {
        if (embeddings == null) {
            throw new UserInputException("cannot find the token embedding table of " + info.id() + " ("
                    + embeddingProblem + "); or choose {distance=logprob-shift}, which needs none");
        }
        return embeddings;
    }

    @Override
    public String decode(int[] tokens) {
        return tokenizer.decode(tokens);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pool.shutdown();
        try {
            // Predictors must not be closed under a running batch.
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runner.close();
        tokenizer.close();
    }

    /** Right-padded batched teacher forcing: row r predicts continuation[t] at position len(r) - 1 + t. */
    private List<TokenScores> scoreBatch(List<int[]> prompts, int[] continuation) {
        int length = continuation.length;
        if (length == 0) {
            return prompts.stream().map(p -> new TokenScores(new int[0], new double[0], new float[0][])).toList();
        }
        int seq = 0;
        for (int[] prompt : prompts) {
            seq = Math.max(seq, prompt.length + length - 1);
        }
        long[] ids = new long[prompts.size() * seq];
        Arrays.fill(ids, PAD);
        for (int r = 0; r < prompts.size(); r++) {
            int[] prompt = prompts.get(r);
            for (int i = 0; i < prompt.length; i++) {
                ids[r * seq + i] = prompt[i];
            }
            for (int t = 0; t < length - 1; t++) {
                ids[r * seq + prompt.length + t] = continuation[t];
            }
        }
        OrtRunner.Logits logits = runner.run(ids, prompts.size(), seq, config.vocabSize());
        List<TokenScores> scores = new ArrayList<>(prompts.size());
        for (int r = 0; r < prompts.size(); r++) {
            int first = prompts.get(r).length - 1;
            double[] logProbs = new double[length];
            float[][] distributions = new float[length][config.vocabSize()];
            for (int t = 0; t < length; t++) {
                logProbs[t] = Softmax.into(logits.values(), logits.offset(r, first + t), continuation[t],
                        distributions[t]);
            }
            scores.add(new TokenScores(continuation.clone(), logProbs, distributions));
        }
        return scores;
    }

    /**
     * Decodes a batch step by step; each step re-runs every unfinished row's whole prefix and
     * reads its logits at its last position. A row stops before a stop token or at the limit.
     */
    private List<Generation> generateBatch(List<int[]> prompts, DecodingOptions decoding) {
        int n = prompts.size();
        int limit = decoding.maxNewTokens();
        int[][] generated = new int[n][limit];
        int[] counts = new int[n];
        boolean[] done = new boolean[n];
        SplittableRandom[] random = new SplittableRandom[n];
        for (int r = 0; r < n; r++) {
            done[r] = limit == 0;
            random[r] = decoding.isGreedy() ? null : new SplittableRandom(decoding.seed());
        }
        int vocab = config.vocabSize();
        float[] row = new float[vocab];
        while (true) {
            List<Integer> active = new ArrayList<>();
            int seq = 0;
            for (int r = 0; r < n; r++) {
                if (!done[r]) {
                    active.add(r);
                    seq = Math.max(seq, prompts.get(r).length + counts[r]);
                }
            }
            if (active.isEmpty()) {
                break;
            }
            long[] ids = new long[active.size() * seq];
            Arrays.fill(ids, PAD);
            for (int a = 0; a < active.size(); a++) {
                int r = active.get(a);
                int[] prompt = prompts.get(r);
                for (int i = 0; i < prompt.length; i++) {
                    ids[a * seq + i] = prompt[i];
                }
                for (int i = 0; i < counts[r]; i++) {
                    ids[a * seq + prompt.length + i] = generated[r][i];
                }
            }
            OrtRunner.Logits logits = runner.run(ids, active.size(), seq, vocab);
            for (int a = 0; a < active.size(); a++) {
                int r = active.get(a);
                System.arraycopy(logits.values(), logits.offset(a, prompts.get(r).length + counts[r] - 1), row, 0,
                        vocab);
                int next = random[r] == null ? Sampler.argmax(row)
                        : Sampler.sample(row, decoding.temperature(), decoding.topP(), random[r]);
                if (config.isStop(next)) {
                    done[r] = true;
                    continue;
                }
                generated[r][counts[r]++] = next;
                done[r] = counts[r] == limit;
            }
        }
        List<Generation> results = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            int[] tokens = Arrays.copyOf(generated[r], counts[r]);
            results.add(new Generation(tokenizer.continuationText(prompts.get(r), tokens), tokens));
        }
        return results;
    }

    private static PromptTokenizer tokenizer(OnnxModelConfig config, Path modelFile) {
        Path file = config.tokenizer();
        if (file == null) {
            Path beside = modelFile.toAbsolutePath().resolveSibling("tokenizer.json");
            if (!Files.isRegularFile(beside)) {
                throw new UserInputException(config.file() + " names no \"tokenizer\" and there is no tokenizer.json"
                        + " beside " + modelFile + ": add one or the other");
            }
            file = beside;
        }
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + " does not exist: " + config.file() + " names it as the tokenizer");
        }
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return Tok512Tokenizer.read(file, config.vocabSize(), config.bosId());
        }
        HuggingFaceTextTokenizer hf = HuggingFaceTextTokenizer.read(file, config.bosId());
        // Exports often pad the embedding table past the tokenizer's ids; more ids than the model has is an error.
        if (hf.vocabSize() > config.vocabSize()) {
            hf.close();
            throw new UserInputException(file + " has " + hf.vocabSize() + " tokens but " + config.file()
                    + " gives vocab_size " + config.vocabSize() + ": use the tokenizer that belongs to the model");
        }
        return hf;
    }
}
