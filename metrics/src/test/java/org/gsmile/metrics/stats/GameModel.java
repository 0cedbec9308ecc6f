package org.gsmile.metrics.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.model.TokenScores;

/**
 * An in-memory model whose output shift is a cooperative game chosen by the test. Its prompt is a
 * sentence of distinct words; it always answers with the one token "x", and teacher-forced it gives
 * that token the log-probability −g(S), where S is the set of the prompt's words present (by
 * position in the original sentence). Under {@code distance=logprob-shift} and {@code operator=drop}
 * the shift of a perturbation keeping S is then exactly Δ(S) = g(S) − g(N): the metrics can be tested
 * on a game whose every value is known, through the real explainer and {@code OutputShifts}.
 */
public final class GameModel implements GenerativeModel {
    private final List<String> words;
    private final ToDoubleFunction<boolean[]> game;
    private final AtomicInteger scored = new AtomicInteger();
    private final AtomicInteger generated = new AtomicInteger();

    /** @param game g(S) for the kept set S as a boolean per word of {@code sentence} */
    public GameModel(String sentence, ToDoubleFunction<boolean[]> game) {
        this.words = List.of(sentence.trim().split("\\s+"));
        if (words.stream().distinct().count() != words.size()) {
            throw new IllegalArgumentException("the game's words must be distinct: " + sentence);
        }
        this.game = game;
    }

    public String sentence() {
        return String.join(" ", words);
    }

    /** Prompts scored so far (each distinct perturbed prompt the explainer or the metric asked about). */
    public int scored() {
        return scored.get();
    }

    /** Prompts generated from so far (each explanation's, and each OutputShifts', y₀). */
    public int generated() {
        return generated.get();
    }

    /** Every call the model served: {@link #scored()} and {@link #generated()}. */
    public int calls() {
        return scored() + generated();
    }

    public boolean[] kept(String prompt) {
        boolean[] s = new boolean[words.size()];
        for (String w : prompt.trim().split("\\s+")) {
            if (w.isEmpty()) {
                continue;
            }
            int i = words.indexOf(w);
            if (i < 0) {
                throw new IllegalArgumentException("'" + w + "' is not a word of the game");
            }
            s[i] = true;
        }
        return s;
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("game", "", 4096);
    }

    @Override
    public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
        List<Generation> out = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            generated.incrementAndGet();
            out.add(new Generation("x", new int[] {1}));
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public Optional<TokenScorer> tokenScorer() {
        return Optional.of(new TokenScorer() {
            @Override
            public CompletableFuture<List<TokenScores>> scoreAsync(List<String> prompts, int[] continuation) {
                List<TokenScores> out = new ArrayList<>();
                for (String p : prompts) {
                    scored.incrementAndGet();
                    double[] logProbs = new double[continuation.length];
                    Arrays.fill(logProbs, -game.applyAsDouble(kept(p)));
                    float[][] dist = new float[continuation.length][];
                    for (int t = 0; t < dist.length; t++) {
                        dist[t] = new float[] {0f, 1f};
                    }
                    out.add(new TokenScores(continuation.clone(), logProbs, dist));
                }
                return CompletableFuture.completedFuture(out);
            }

            @Override
            public int promptTokenCount(String prompt) {
                return prompt.isBlank() ? 1 : prompt.trim().split("\\s+").length + 1;
            }

            @Override
            public int vocabSize() {
                return 2;
            }

            @Override
            public float[][] tokenEmbeddings() {
                return new float[][] {{1f, 0f}, {0f, 1f}};
            }

            @Override
            public String decode(int[] tokens) {
                return "x".repeat(tokens.length);
            }
        });
    }
}
