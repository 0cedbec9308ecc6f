package org.gsmile.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.experiments.Startup;
import org.gsmile.experiments.cli.BenchCommand;
import org.gsmile.models.llama.LocalLlamaModel;
import org.gsmile.models.onnx.OnnxLanguageModel;
import org.gsmile.models.onnx.OnnxModels;
import org.gsmile.models.onnx.OnnxOptions;

/**
 * Benchmark, not a test: teacher-forced scoring throughput (tokens/s) of the ONNX models through
 * ONNX Runtime at several batch sizes, beside the in-process engine on the same weights
 * (stories260K). Prints a Markdown table.
 *
 * <pre>./benchmark onnx-throughput [MODELS_DIR] [--rounds N] [--prompts N]</pre>
 *
 * MODELS_DIR defaults to GSMILE_MODELS, then the system property gsmile.models.default (which
 * ./benchmark sets to the shared models folder beside the repository, where the tests find it).
 * Tokens are forward-pass positions, counted as {@code gsmile bench} counts them: each prompt (with
 * BOS) plus the scored continuation less one. All prompts go to the backend in one scoreAsync call; the
 * batch size is the number of prompts per ONNX Runtime call (per scoreAsync call for the
 * in-process engine, which runs one prompt per core with a KV cache).
 */
public final class OnnxThroughput {

    private static final int[] BATCH_SIZES = {1, 8, 16, 64};
    private static final int CONTINUATION = 32;

    private OnnxThroughput() {
    }

    /** How ONNX Runtime shares the cores: calls in flight and threads per call. */
    private record Threading(String label, int concurrency, int threadsPerRun) {
    }

    public static void main(String[] args) {
        Startup.configure();
        Path dir = null;
        int rounds = 5;
        int promptCount = 64;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--prompts" -> promptCount = Integer.parseInt(args[++i]);
                default -> dir = Path.of(args[i]);
            }
        }
        if (dir == null) {
            dir = BenchmarkFiles.modelsDir();
        }
        List<String> prompts = BenchCommand.distinctPrompts(promptCount);
        int cores = Runtime.getRuntime().availableProcessors();
        List<Threading> threadings = List.of(
                new Threading(cores + " calls x 1 thread", cores, 1),
                new Threading("1 call x " + cores + " threads", 1, cores));

        System.out.printf(Locale.ROOT, "%d distinct prompts, continuation %d tokens, best of %d rounds, %d cores, %s %s%n%n",
                prompts.size(), CONTINUATION, rounds, cores, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        System.out.print("| model | backend |");
        for (int batch : BATCH_SIZES) {
            System.out.print(" batch " + batch + " |");
        }
        System.out.println();
        System.out.println("|---|---|" + "---:|".repeat(BATCH_SIZES.length));

        Path stories = dir.resolve("stories260K");
        int[] continuation;
        try (LocalLlamaModel local = LocalLlamaModel.loadLlama2c("local:stories260K",
                stories.resolve("stories260K.bin"), stories.resolve("tok512.bin"))) {
            continuation = local.generateAsync(List.of(BenchCommand.PROMPTS.get(0)), DecodingOptions.greedy(CONTINUATION)).join()
                    .get(0).tokens();
            StringBuilder row = new StringBuilder("| stories260K | in-process engine (KV cache, " + cores + " threads) |");
            for (int batch : BATCH_SIZES) {
                row.append(String.format(Locale.ROOT, " %,.0f |", throughput(local, prompts, continuation, batch, rounds)));
            }
            System.out.println(row);
        }
        for (String name : List.of("stories260K-onnx", "tinygpt", "tinylstm")) {
            for (Threading threading : threadings) {
                StringBuilder row = new StringBuilder("| " + name + " | ONNX Runtime, " + threading.label() + " |");
                for (int batch : BATCH_SIZES) {
                    OnnxOptions options = new OnnxOptions(batch, threading.concurrency(), threading.threadsPerRun());
                    try (OnnxLanguageModel model = OnnxLanguageModel.load("onnx:" + name,
                            dir.resolve(name).resolve(OnnxModels.MODEL_FILE), options)) {
                        // The ONNX model scores all prompts in one call; it batches them itself.
                        row.append(String.format(Locale.ROOT, " %,.0f |",
                                throughput(model, prompts, continuation, prompts.size(), rounds)));
                    }
                }
                System.out.println(row);
            }
        }
    }

    /** Tokens per second over the best round, scoring {@code prompts} in calls of {@code perCall}. */
    private static double throughput(TokenScorer scorer, List<String> prompts, int[] continuation, int perCall,
                                     int rounds) {
        long tokens = 0;
        for (String p : prompts) {
            tokens += scorer.promptTokenCount(p) + continuation.length - 1;
        }
        double best = Double.MAX_VALUE;
        for (int round = -1; round < rounds; round++) { // round -1 warms up the JIT and ONNX Runtime
            long start = System.nanoTime();
            for (int from = 0; from < prompts.size(); from += perCall) {
                scorer.scoreAsync(prompts.subList(from, Math.min(from + perCall, prompts.size())), continuation).join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (round >= 0) {
                best = Math.min(best, seconds);
            }
        }
        return tokens / best;
    }
}
