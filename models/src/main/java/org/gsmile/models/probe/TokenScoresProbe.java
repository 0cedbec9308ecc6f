package org.gsmile.models.probe;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gsmile.core.explain.OutputProbe;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.model.TokenScores;
import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;

/**
 * Observes a model through teacher forcing: the original prompt's greedy continuation y₀ is
 * generated once, then every prompt is scored on y₀, so the original and each perturbation are
 * compared position by position on the same tokens.
 */
public final class TokenScoresProbe implements OutputProbe<TokenScores> {
    private final GenerativeModel model;
    private final TokenScorer scorer;
    private final int maxNewTokens;
    private int[] continuation;

    public TokenScoresProbe(GenerativeModel model, int maxNewTokens) {
        this.model = model;
        this.scorer = model.tokenScorer().orElseThrow(() -> new UserInputException("model "
                + model.info().id() + " gives no token probabilities: choose a text distance with --distance"));
        if (maxNewTokens < 1) {
            throw new UserInputException("max-new-tokens must be at least 1, got " + maxNewTokens);
        }
        this.maxNewTokens = maxNewTokens;
    }

    @Override
    public String prepare(String prompt) {
        Generation g = Futures.join(model.generateAsync(List.of(prompt), DecodingOptions.greedy(maxNewTokens))).get(0);
        if (g.tokens().length == 0) {
            throw new UserInputException("the model ended its output right after the prompt, so there is nothing"
                    + " to explain: rephrase or extend the prompt");
        }
        continuation = g.tokens();
        return g.text();
    }

    @Override
    public CompletableFuture<List<TokenScores>> observe(List<String> prompts) {
        if (continuation == null) {
            throw new IllegalStateException("prepare must run before observe");
        }
        return scorer.scoreAsync(prompts, continuation);
    }

    public TokenScorer scorer() {
        return scorer;
    }
}
