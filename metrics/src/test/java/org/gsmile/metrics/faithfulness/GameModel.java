package org.gsmile.metrics.faithfulness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.model.TokenScores;
import org.gsmile.metrics.stability.UnitAlignment;

/**
 * A model whose {@code logprob-shift} is a hand-written additive game: it answers every prompt with
 * one token, whose log-probability after a prompt is −100 + Σ g(w) over the prompt's
 * whitespace-separated words w ({@link UnitAlignment#normalise normalised}; a word not in the table
 * has g = 0). So the shift of a perturbation, log p(y|x) − log p(y|x̂), is Σ g(w) over the words it
 * removed, and the exact Shapley value of word i (distance convention) is −g(wᵢ). Counts every
 * prompt it generates for or scores, so tests can check the calls a metric reports.
 */
public final class GameModel implements GenerativeModel {
    private final Map<String, Double> g;
    private final AtomicInteger generated = new AtomicInteger();
    private final AtomicInteger scored = new AtomicInteger();

    public GameModel(Map<String, Double> g) {
        this.g = Map.copyOf(g);
    }

    /** The log-probability of the answer after a prompt. */
    public double logProb(String prompt) {
        double lp = -100;
        for (String w : prompt.strip().split("\\s+")) {
            if (!w.isEmpty()) {
                lp += g.getOrDefault(UnitAlignment.normalise(w), 0.0);
            }
        }
        return lp;
    }

    /** Prompts generated for plus prompts scored, so far. */
    public int calls() {
        return generated.get() + scored.get();
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("game", "", 1000);
    }

    @Override
    public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
        generated.addAndGet(prompts.size());
        List<Generation> out = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            out.add(new Generation(" end", new int[] {1}));
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public Optional<TokenScorer> tokenScorer() {
        return Optional.of(new TokenScorer() {
            @Override
            public CompletableFuture<List<TokenScores>> scoreAsync(List<String> prompts, int[] continuation) {
                scored.addAndGet(prompts.size());
                List<TokenScores> out = new ArrayList<>();
                for (String p : prompts) {
                    out.add(new TokenScores(continuation.clone(), new double[] {logProb(p)},
                            new float[][] {{0.5f, 0.5f}}));
                }
                return CompletableFuture.completedFuture(out);
            }

            @Override
            public int promptTokenCount(String prompt) {
                return prompt.strip().isEmpty() ? 1 : prompt.strip().split("\\s+").length + 1;
            }

            @Override
            public int vocabSize() {
                return 2;
            }

            @Override
            public float[][] tokenEmbeddings() {
                return new float[][] {{1, 0}, {0, 1}};
            }

            @Override
            public String decode(int[] tokens) {
                return " end";
            }
        });
    }
}
