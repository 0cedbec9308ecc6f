package org.gsmile.models.probe;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Baseline;
import org.gsmile.core.explain.OutputProbe;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.model.TokenScores;

/**
 * Observes a model through teacher forcing: the original prompt's greedy continuation y₀ is
 * generated once, then every prompt is scored on y₀, so the original and each perturbation are
 * compared position by position on the same tokens.
 */
public final class TokenScoresProbe implements OutputProbe<TokenScores> {
    private final GenerativeModel model;
    private final TokenScorer scorer;
    private final int maxNewTokens;

    public TokenScoresProbe(GenerativeModel model, int maxNewTokens) {
        this.model = model;
        this.scorer = model.tokenScorer().orElseThrow(() -> new UserInputException("model "
                + model.info().id() + " gives no token probabilities: choose a text {distance}, such as"
                + " {distance=embedding-wasserstein}"));
        if (maxNewTokens < 1) {
            throw new UserInputException("{maxNewTokens} must be at least 1, got " + maxNewTokens);
        }
        this.maxNewTokens = maxNewTokens;
    }

    @Override
    public Prepared<TokenScores> prepare(String prompt) {
        Generation g = Futures.join(model.generateAsync(List.of(prompt), DecodingOptions.greedy(maxNewTokens))).get(0);
        if (g.tokens().length == 0) {
            throw new UserInputException("the model ended its output right after the prompt, so there is nothing"
                    + " to explain: rephrase or extend the prompt");
        }
        return prepared(new Baseline(prompt, g.text(), g.tokens()), 1);
    }

    /** y₀'s tokens are all teacher forcing needs: a known baseline costs no generation. */
    @Override
    public Prepared<TokenScores> resume(Baseline known) {
        return known.outputTokens().length == 0 ? prepare(known.prompt()) : prepared(known, 0);
    }

    private Prepared<TokenScores> prepared(Baseline baseline, int calls) {
        int[] continuation = baseline.outputTokens();
        return new Prepared<>() {
            @Override
            public Baseline baseline() {
                return baseline;
            }

            @Override
            public CompletableFuture<List<TokenScores>> observe(List<String> prompts) {
                return scorer.scoreAsync(prompts, continuation);
            }

            @Override
            public int preparationCalls() {
                return calls;
            }

            @Override
            public int batchSize() {
                return scorer.batchSize();
            }

            /** The most likely token at each position of y₀: what the perturbed prompt would say there. */
            @Override
            public String describe(TokenScores scores) {
                int[] top = new int[scores.length()];
                for (int t = 0; t < top.length; t++) {
                    float[] p = scores.distributions()[t];
                    int best = 0;
                    float bestP = p[0];
                    for (int v = 1; v < p.length; v++) {
                        if (p[v] > bestP) {
                            best = v;
                            bestP = p[v];
                        }
                    }
                    top[t] = best;
                }
                return scorer.decode(top);
            }
        };
    }

    public TokenScorer scorer() {
        return scorer;
    }
}
