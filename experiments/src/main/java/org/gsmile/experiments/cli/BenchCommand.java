package org.gsmile.experiments.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.api.Explainers;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.PromptExplainer;
import org.gsmile.core.explain.Timings;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.models.resolve.ModelResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Measures what an explanation costs: teacher-forced scoring throughput of the model, one call at a
 * time and batched across cores, and how an explanation's time splits between model and gSMILE.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Measures teacher-forced scoring throughput (tokens/s) and the share of an explanation's "
                + "time spent outside the model.",
                "Tokens counted are forward-pass positions: the prompt (with BOS) plus the scored continuation."})
public final class BenchCommand implements Callable<Integer> {
    /** The story prompts bench scores and explains; the benchmarks module measures on the same. */
    public static final List<String> PROMPTS = List.of(
            "Once upon a time, there was a little girl named Lily who loved her red ball",
            "Tom and his dog went to the park to play with a big stick",
            "The little bird sat on the tree and sang a happy song",
            "One day, Sue found a shiny stone near the river and took it home");

    private static final String STORY_START = "Once upon a time";
    /** Beyond these a benchmark measures the machine's memory, not the model. */
    static final int MAX_ROUNDS = 1000;
    static final int MAX_BATCH = 4096;

    @ParentCommand
    Gsmile root;

    @Mixin
    ExplainOptions options;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
            description = "Timed rounds per measurement, 1 to " + MAX_ROUNDS + ". Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
            description = "Prompts scored per batched call, 1 to " + MAX_BATCH + ". Default: ${DEFAULT-VALUE}.")
    int batch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ExplanationSpec explanationSpec = options.spec();
        if (rounds < 1 || rounds > MAX_ROUNDS) {
            throw new UserInputException("--rounds must be between 1 and " + MAX_ROUNDS + ", got " + rounds
                    + ": try --rounds 5");
        }
        if (batch < 1 || batch > MAX_BATCH) {
            throw new UserInputException("--batch must be between 1 and " + MAX_BATCH + " prompts, got " + batch
                    + ": try --batch 64");
        }
        PrintWriter out = spec.commandLine().getOut();
        PromptExplainer explainer = Explainers.create(explanationSpec);
        try (GenerativeModel model = ModelResolver.fromEnvironment(root.environment(), root.home())
                .resolve(options.model)) {
            TokenScorer scorer = model.tokenScorer().orElseThrow(() ->
                    new UserInputException("model " + options.model + " gives no token probabilities to benchmark:"
                            + " bench measures local: and onnx: models"));
            int[] continuation = Futures.join(model.generateAsync(List.of(PROMPTS.get(0)),
                    DecodingOptions.greedy(explanationSpec.maxNewTokens()))).get(0).tokens();
            List<String> prompts = distinctPrompts(batch);
            long tokens = 0;
            for (String p : prompts) {
                tokens += scorer.promptTokenCount(p) + continuation.length - 1;
            }
            out.printf(Locale.ROOT, "model %s, continuation %d tokens, %d distinct prompts, %d cores%n",
                    model.info().id(), continuation.length, prompts.size(), Runtime.getRuntime().availableProcessors());
            // Warm-up lets the JIT compile the forward pass before anything is timed.
            Futures.join(scorer.scoreAsync(prompts, continuation));

            double sequential = best(rounds, () -> {
                for (String p : prompts) {
                    Futures.join(scorer.scoreAsync(List.of(p), continuation));
                }
            });
            double batched = best(rounds, () -> Futures.join(scorer.scoreAsync(prompts, continuation)));
            out.printf(Locale.ROOT, "teacher-forced scoring, one call at a time: %,.0f tokens/s (best of %d)%n",
                    tokens / sequential, rounds);
            out.printf(Locale.ROOT, "teacher-forced scoring, batch of %d:        %,.0f tokens/s (best of %d)%n",
                    batch, tokens / batched, rounds);

            // Comparable with llama2.c's run.c "achieved tok/s": greedy generation from "Once upon a
            // time" up to the full context, stopping where the model ends the story.
            int room = model.info().contextLength() - scorer.promptTokenCount(STORY_START);
            int[] generated = new int[1];
            double generation = best(rounds, () -> generated[0] = Futures.join(model.generateAsync(
                    List.of(STORY_START), DecodingOptions.greedy(room))).get(0).tokens().length);
            out.printf(Locale.ROOT, "greedy generation, one sequence:         %,.0f tokens/s (%d tokens, best of %d)%n",
                    generated[0] / generation, generated[0], rounds);

            // The first explanation pays for JIT compilation of the distance and fit code, as a
            // one-shot command line does; later ones show the steady state of a long experiment.
            for (int r = 0; r < rounds; r++) {
                Explanation e = explainer.explain(new ExplanationRequest(PROMPTS.get(r % PROMPTS.size()), options.seed),
                        model);
                Timings t = e.cost().timings();
                out.printf(Locale.ROOT, "explanation %d (%d samples, %s): %.0f ms total, %.0f ms in the model, "
                                + "%.1f %% outside the model%n", r + 1, e.sampling().samples(),
                        explanationSpec.distance().label(), t.totalMs(), t.modelMs(), 100 * t.outsideModelFraction());
            }
        }
        return 0;
    }

    /**
     * {@code count} distinct prompts, so that no backend can answer from a cache: {@link #PROMPTS} in
     * turn, each round with one more "again".
     */
    public static List<String> distinctPrompts(int count) {
        List<String> prompts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            prompts.add(PROMPTS.get(i % PROMPTS.size()) + " " + "again ".repeat(i / PROMPTS.size()).trim());
        }
        return prompts;
    }

    /** Best wall time in seconds over the rounds: the least disturbed by the rest of the machine. */
    private static double best(int rounds, Runnable work) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }
}
