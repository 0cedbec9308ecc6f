package org.gsmile.core.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A batch of prompts asked in parts, each part measured (its output distances computed) as soon as it
 * is answered, while the model answers the rest: only the last part's measuring is left once the
 * model is done, where asking the whole batch at once left all of it.
 *
 * <p>Parts hold {@link #PART} prompts or more, at most {@link #PARTS} of them, and never fewer than
 * the model runs in one call ({@link OutputProbe.Prepared#batchSize()}), so a small batch is one call
 * and a model that batches (ONNX, at 8 prompts by default, or a {@code batch=} of the user's) still
 * gets full batches.
 *
 * <p>Parts are measured on threads of their own: the model completes its futures on its own threads,
 * which would otherwise measure them, and the next calls (of this explanation or another) would wait
 * on distances as if on the model.
 */
public final class MeasuredInParts {
    /** The fewest prompts in one part: two ONNX batches at the default batch size. */
    public static final int PART = 16;
    /** The most parts a batch is asked in. */
    public static final int PARTS = 4;
    /** Daemon threads made as needed, idle ones reused: measuring blocks on nothing but its own work. */
    private static final ExecutorService MEASURING = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "gsmile-shifts");
        thread.setDaemon(true);
        return thread;
    });

    private MeasuredInParts() {
    }

    /** How one part is measured. */
    @FunctionalInterface
    public interface Measure<O, B> {
        /**
         * @param answers the part's answers, in the order asked (null for a prompt that failed)
         * @param from    the index in the batch of the part's first prompt
         * @param base    what {@code base} made of the first part's answers
         */
        void part(List<O> answers, int from, B base);
    }

    /**
     * @param answers              the whole batch's answers, in the order asked
     * @param afterLastAnswerNanos the wall time spent measuring after the model's last answer
     *                             arrived: the part of the measuring no model call overlapped
     */
    public record Answers<O>(List<O> answers, long afterLastAnswerNanos) {
    }

    /** Prompts per part for a batch of this size, to a model that runs {@code batch} prompts in one call. */
    static int partSize(int prompts, int batch) {
        return Math.max(Math.max(PART, batch), -Math.floorDiv(-prompts, PARTS));
    }

    /**
     * Asks the probe for the prompts in parts and measures each part once it is answered.
     *
     * @param base    what every part's measuring needs, made from the first part's answers (for
     *                instance the distance from the original, which the first part holds when it is
     *                asked); null to measure nothing (the original could not be observed)
     * @param measure each part's measuring, on a thread of its own; parts may be measured at once
     */
    public static <O, B> CompletableFuture<Answers<O>> observe(OutputProbe.Prepared<O> probe, List<String> prompts,
                                                              Function<List<O>, B> base, Measure<O, B> measure) {
        int part = partSize(prompts.size(), probe.batchSize());
        AtomicLong lastAnswer = new AtomicLong(Long.MIN_VALUE);
        List<CompletableFuture<List<O>>> answers = new ArrayList<>();
        for (int from = 0; from < prompts.size(); from += part) {
            List<String> asked = prompts.subList(from, Math.min(from + part, prompts.size()));
            answers.add(probe.observe(asked).thenApply(got -> {
                lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
                if (got.size() != asked.size()) {
                    throw new IllegalStateException("probe returned " + got.size() + " observations for "
                            + asked.size() + " prompts");
                }
                return got;
            }));
        }
        if (answers.isEmpty()) {
            return CompletableFuture.completedFuture(new Answers<>(List.of(), 0));
        }
        CompletableFuture<B> common = answers.get(0).thenApply(base);
        List<CompletableFuture<Void>> measured = new ArrayList<>(answers.size());
        for (int k = 0; k < answers.size(); k++) {
            int from = k * part;
            measured.add(answers.get(k).thenAcceptBothAsync(common, (got, b) -> {
                if (b != null) {
                    measure.part(got, from, b);
                }
            }, MEASURING));
        }
        return CompletableFuture.allOf(measured.toArray(CompletableFuture[]::new)).thenApply(done -> {
            long after = Math.max(0, System.nanoTime() - lastAnswer.get());
            List<O> all = new ArrayList<>(prompts.size());
            for (CompletableFuture<List<O>> a : answers) {
                all.addAll(a.join());
            }
            return new Answers<>(all, after);
        });
    }
}
