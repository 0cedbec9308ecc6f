package org.gsmile.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.gsmile.core.model.DecodingOptions;
import org.gsmile.experiments.Startup;
import org.gsmile.experiments.cli.BenchCommand;
import org.gsmile.models.llama.EngineKernels;
import org.gsmile.models.llama.Llama2cCheckpoint;
import org.gsmile.models.llama.Llama2cTokenizer;
import org.gsmile.models.llama.LlamaEngine;
import org.gsmile.models.llama.LlamaWeights;

/**
 * Benchmark, not a test: the in-process engine on stories260K, on the vector and the scalar kernels,
 * beside our own C forward pass (benchmarks/src/main/c/llama_forward.c, compiled here with
 * {@code gcc -Ofast -march=native} and with {@code -O3}) and our own numpy one (one BLAS thread),
 * for greedy generation from "Once upon a time" to the full context or the story's end (what
 * llama2.c's run.c reports), and for teacher-forced scoring of a batch of distinct prompts.
 *
 * <pre>./benchmark engine [MODELS_DIR] [--rounds N] [--warmup N] [--prompts N] [--continuation N]</pre>
 *
 * Before anything is timed, every implementation must generate the same greedy tokens and give the
 * Java engine's logits to 1e-4 on the first sequences. Then each round runs every implementation
 * once, in an order that rotates from round to round, so that the load of a shared machine falls on
 * all alike; the table gives medians and quartiles over the rounds, of wall time and of the thread
 * CPU time each implementation measures itself (which a loaded machine disturbs less). Tokens are
 * new tokens for generation, forward-pass positions for scoring (prompt with BOS plus continuation
 * less one, as gsmile bench counts them).
 */
public final class EngineBenchmark {

    private static final String STORY_START = "Once upon a time";
    /** Sequences whose logits every implementation must reproduce before timing. */
    private static final int CHECKED_SEQUENCES = 4;
    private static final double LOGIT_TOLERANCE = 1e-4;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private EngineBenchmark() {
    }

    /** One timed run: tokens, wall and CPU seconds; {@code generated} for generation only. */
    record Measurement(long tokens, double wall, double cpu, int[] generated) {
        double wallRate() {
            return tokens / wall;
        }

        double cpuRate() {
            return tokens / cpu;
        }
    }

    /**
     * One implementation, on {@code threads} threads (its wall-time scoring rate is divided by them to
     * compare per core); either workload may be absent (null) where it does not apply.
     */
    record Contender(String label, int threads, Supplier<Measurement> generate, Supplier<Measurement> score) {
    }

    /** The prompts as token ids: the generation prompt, and the scoring sequences with their split. */
    record Workload(int[] storyStart, List<int[]> prompts, int[] continuation, int contextLength) {
        long scoredTokens() {
            long tokens = 0;
            for (int[] p : prompts) {
                tokens += p.length + continuation.length - 1;
            }
            return tokens;
        }

        /** The text file llama_forward.c and llama_forward.py read. */
        void write(Path file) {
            StringBuilder text = new StringBuilder("generate " + storyStart.length);
            for (int id : storyStart) {
                text.append(' ').append(id);
            }
            text.append('\n');
            for (int[] p : prompts) {
                text.append("score ").append(p.length).append(' ').append(continuation.length);
                for (int id : p) {
                    text.append(' ').append(id);
                }
                for (int id : continuation) {
                    text.append(' ').append(id);
                }
                text.append('\n');
            }
            try {
                Files.writeString(file, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Startup.configure();
        Path dir = null;
        int rounds = 15;
        int warmup = 3;
        int promptCount = 64;
        int continuationLength = 32;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--prompts" -> promptCount = Integer.parseInt(args[++i]);
                case "--continuation" -> continuationLength = Integer.parseInt(args[++i]);
                default -> dir = Path.of(args[i]);
            }
        }
        dir = dir != null ? dir : BenchmarkFiles.modelsDir();
        Path stories = dir.resolve("stories260K");
        Path checkpoint = stories.resolve("stories260K.bin");
        LlamaWeights weights = Llama2cCheckpoint.read(checkpoint);
        Llama2cTokenizer tokenizer = Llama2cTokenizer.read(stories.resolve("tok512.bin"), weights.config().vocabSize());
        LlamaEngine scalar = new LlamaEngine(weights, EngineKernels.SCALAR);
        LlamaEngine vector = EngineKernels.VECTOR.available() ? new LlamaEngine(weights, EngineKernels.VECTOR) : null;
        Workload workload = workload(tokenizer, scalar, promptCount, continuationLength);
        Path work = BenchmarkFiles.workDir("engine");
        Path workloadFile = work.resolve("workload.txt");
        workload.write(workloadFile);

        int cores = Runtime.getRuntime().availableProcessors();
        List<Contender> contenders = new ArrayList<>();
        if (vector != null) {
            contenders.add(java("Java engine, vector kernels, 1 thread", vector, workload, 1));
        } else {
            System.out.println("(no vector kernels: run with --add-modules jdk.incubator.vector, as ./benchmark does)");
        }
        contenders.add(java("Java engine, scalar kernels, 1 thread", scalar, workload, 1));
        if (vector != null && cores > 1) {
            contenders.add(java("Java engine, vector kernels, " + cores + " threads", vector, workload, cores));
        }
        List<ReferenceProcess> processes = new ArrayList<>();
        try {
            for (ReferenceProcess p : References.start(work, checkpoint, workloadFile)) {
                processes.add(p);
                contenders.add(reference(p, "score", true));
                if (p.label().startsWith("numpy")) {
                    contenders.add(reference(p, "score-batched", false));
                }
            }
            check(workload, scalar, vector, processes, work);

            System.out.printf(Locale.ROOT, "%n%d prompts, continuation %d tokens (%d positions to score); %d warm-up"
                            + " and %d timed rounds; %d cores, %s %s; load average %s%n", workload.prompts().size(),
                    workload.continuation().length, workload.scoredTokens(), warmup, rounds, cores,
                    System.getProperty("java.vm.name"), System.getProperty("java.version"), loadAverage());
            for (int r = 0; r < warmup; r++) {
                for (Contender c : contenders) {
                    c.generate().get();
                    c.score().get();
                }
            }
            int n = contenders.size();
            Measurement[][] generation = new Measurement[n][rounds];
            Measurement[][] scoring = new Measurement[n][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < n; k++) {
                    // Rotating the order: no implementation always runs right after another.
                    int c = (k + r) % n;
                    generation[c][r] = contenders.get(c).generate().get();
                    scoring[c][r] = contenders.get(c).score().get();
                }
                System.err.printf(Locale.ROOT, "round %d of %d done (load %s)%n", r + 1, rounds, loadAverage());
            }
            EngineReport.print(contenders, generation, scoring);
            System.out.println();
            System.out.println("load average at the end: " + loadAverage());
        } finally {
            processes.forEach(ReferenceProcess::close);
        }
    }

    static Workload workload(Llama2cTokenizer tokenizer, LlamaEngine engine, int promptCount, int continuation) {
        List<int[]> prompts = new ArrayList<>();
        for (String p : BenchCommand.distinctPrompts(promptCount)) {
            prompts.add(tokenizer.encode(p));
        }
        int[] story = tokenizer.encode(STORY_START);
        int[] scored = engine.generate(tokenizer.encode(BenchCommand.PROMPTS.get(0)), continuation, DecodingOptions.greedy(continuation));
        return new Workload(story, prompts, scored, engine.config().seqLen());
    }

    /** The engine on {@code threads} threads: one sequence per task, as LocalLlamaModel runs a batch. */
    static Contender java(String label, LlamaEngine engine, Workload w, int threads) {
        if (threads == 1) {
            return new Contender(label, 1, () -> {
                long wall = System.nanoTime();
                long cpu = THREADS.getCurrentThreadCpuTime();
                int room = w.contextLength() - w.storyStart().length;
                int[] tokens = engine.generate(w.storyStart(), room, DecodingOptions.greedy(room));
                return new Measurement(tokens.length, (System.nanoTime() - wall) / 1e9,
                        (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9, tokens);
            }, () -> {
                long wall = System.nanoTime();
                long cpu = THREADS.getCurrentThreadCpuTime();
                for (int[] p : w.prompts()) {
                    engine.score(p, w.continuation());
                }
                return new Measurement(w.scoredTokens(), (System.nanoTime() - wall) / 1e9,
                        (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9, null);
            });
        }
        List<Thread> pool = new CopyOnWriteArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, "engine-benchmark-" + pool.size());
            t.setDaemon(true);
            pool.add(t);
            return t;
        });
        // One sequence runs on one thread: generation is measured above.
        return new Contender(label, threads, () -> null, () -> {
            long wall = System.nanoTime();
            long cpu = poolCpu(pool);
            List<Future<?>> tasks = new ArrayList<>();
            for (int[] p : w.prompts()) {
                tasks.add(executor.submit(() -> engine.score(p, w.continuation())));
            }
            try {
                for (Future<?> t : tasks) {
                    t.get();
                }
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
            return new Measurement(w.scoredTokens(), (System.nanoTime() - wall) / 1e9, (poolCpu(pool) - cpu) / 1e9,
                    null);
        });
    }

    private static long poolCpu(List<Thread> pool) {
        long total = 0;
        for (Thread t : pool) {
            total += Math.max(0, THREADS.getThreadCpuTime(t.getId()));
        }
        return total;
    }

    /** A reference process; its own timings (wall and thread CPU) are what count, not the pipe's. */
    static Contender reference(ReferenceProcess process, String scoreCommand, boolean generates) {
        String label = process.label() + (scoreCommand.equals("score") ? "" : ", one padded batch");
        Supplier<Measurement> generate = () -> {
            String[] f = process.ask("generate");
            int[] tokens = Arrays.stream(f, 4, f.length).mapToInt(Integer::parseInt).toArray();
            return new Measurement(Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]), tokens);
        };
        return new Contender(label, 1, generates ? generate : () -> null, () -> {
            String[] f = process.ask(scoreCommand);
            return new Measurement(Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]), null);
        });
    }

    /**
     * Every implementation must compute the same thing before its speed means anything: the same
     * greedy story as the scalar engine, and its logits to 1e-4 on the first sequences.
     */
    static void check(Workload w, LlamaEngine scalar, LlamaEngine vector, List<ReferenceProcess> processes, Path work) {
        int room = w.contextLength() - w.storyStart().length;
        int[] story = scalar.generate(w.storyStart(), room, DecodingOptions.greedy(room));
        List<float[][]> expected = new ArrayList<>();
        for (int s = 0; s < CHECKED_SEQUENCES; s++) {
            expected.add(scalar.logits(w.prompts().get(s), w.continuation()));
        }
        StringBuilder summary = new StringBuilder("checked against the scalar engine (" + story.length
                + " greedy tokens; largest logit difference over " + CHECKED_SEQUENCES + " sequences):");
        if (vector != null) {
            requireSame("the vector kernels", story, vector.generate(w.storyStart(), room, DecodingOptions.greedy(room)));
            double worst = 0;
            for (int s = 0; s < CHECKED_SEQUENCES; s++) {
                worst = Math.max(worst, largestDifference(expected.get(s), vector.logits(w.prompts().get(s),
                        w.continuation())));
            }
            summary.append(String.format(Locale.ROOT, " vector kernels %.1e", require("the vector kernels", worst)));
        }
        for (ReferenceProcess p : processes) {
            String[] answer = p.ask("generate");
            requireSame(p.label(), story, Arrays.stream(answer, 4, answer.length).mapToInt(Integer::parseInt).toArray());
            Path file = work.resolve("logits-" + processes.indexOf(p) + ".bin");
            p.ask("logits " + CHECKED_SEQUENCES + " " + file.toAbsolutePath());
            float[] all = readFloats(file);
            double worst = 0;
            int at = 0;
            for (float[][] rows : expected) {
                for (float[] row : rows) {
                    for (float value : row) {
                        worst = Math.max(worst, Math.abs(value - all[at++]));
                    }
                }
            }
            if (at != all.length) {
                throw new IllegalStateException(p.label() + " wrote " + all.length + " logits, expected " + at);
            }
            summary.append(String.format(Locale.ROOT, ", %s %.1e", p.label(), require(p.label(), worst)));
        }
        System.out.println(summary);
    }

    private static void requireSame(String label, int[] expected, int[] actual) {
        if (!Arrays.equals(expected, actual)) {
            throw new IllegalStateException(label + " generated other greedy tokens than the scalar engine: "
                    + Arrays.toString(actual) + " instead of " + Arrays.toString(expected));
        }
    }

    private static double require(String label, double worst) {
        if (!(worst <= LOGIT_TOLERANCE)) {
            throw new IllegalStateException(label + "'s logits are up to " + worst + " from the scalar engine's,"
                    + " more than " + LOGIT_TOLERANCE + ": it does not compute the same model");
        }
        return worst;
    }

    private static double largestDifference(float[][] a, float[][] b) {
        double worst = 0;
        for (int t = 0; t < a.length; t++) {
            for (int i = 0; i < a[t].length; i++) {
                worst = Math.max(worst, Math.abs(a[t][i] - b[t][i]));
            }
        }
        return worst;
    }

    private static float[] readFloats(Path file) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[bytes.remaining() / Float.BYTES];
            bytes.asFloatBuffer().get(values);
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-, 5- and 15-minute load averages, as uptime prints them. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
