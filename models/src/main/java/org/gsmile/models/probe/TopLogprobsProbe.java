package org.gsmile.models.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Baseline;
import org.gsmile.core.explain.OutputProbe;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.TopLogprobs;
import org.gsmile.core.model.TopLogprobsModel;
import org.gsmile.models.http.CallFailedException;

/**
 * Observes a remote model by the top log-probabilities it returns with each greedy output, for the
 * token distance over an API (see {@code TopLogprobsWassersteinDistance}). Like {@link TextProbe},
 * one call per prompt and the original prompt's answer reused.
 *
 * <p>A perturbed answer with text but no log-probabilities cannot be compared position by position,
 * so it counts as a failed observation; an empty answer is an output that ended at once.
 */
public final class TopLogprobsProbe implements OutputProbe<TopLogprobs> {
    private final TopLogprobsModel model;
    private final DecodingOptions decoding;

    public TopLogprobsProbe(GenerativeModel model, int maxNewTokens) {
        if (!(model instanceof TopLogprobsModel lp) || lp.topLogprobs() < 1) {
            throw new UserInputException("model " + model.info().id() + " gives no token probabilities: "
                    + (model instanceof TopLogprobsModel ? "set {logprobs} (for servers that return them), or " : "")
                    + "choose {distance=embedding-wasserstein} or {distance=sentence-embedding}");
        }
        if (maxNewTokens < 1) {
            throw new UserInputException("{maxNewTokens} must be at least 1, got " + maxNewTokens);
        }
        this.model = lp;
        this.decoding = DecodingOptions.greedy(maxNewTokens);
    }

    @Override
    public Prepared<TopLogprobs> prepare(String prompt) {
        TopLogprobs answer;
        try {
            answer = Futures.join(model.generateWithTopLogprobs(prompt, decoding));
        } catch (CallFailedException e) {
            throw new UserInputException("the model's output for the prompt could not be obtained: " + e.getMessage(), e);
        }
        if (answer.steps().isEmpty()) {
            throw new UserInputException(answer.text().isBlank()
                    ? "the model returned an empty output for the prompt, so there is nothing to explain: rephrase or"
                    + " extend the prompt"
                    : "the server returned no log-probabilities although {logprobs} was set (it may not support"
                    + " them): choose {distance=embedding-wasserstein} or {distance=sentence-embedding}");
        }
        TopLogprobs original = answer;
        Baseline baseline = Baseline.ofText(prompt, answer.text());
        Map<String, String> failures = new ConcurrentHashMap<>();
        return new Prepared<>() {
            @Override
            public Baseline baseline() {
                return baseline;
            }

            @Override
            public Map<String, String> failures() {
                return Map.copyOf(failures);
            }

            @Override
            public String describe(TopLogprobs answer) {
                return answer.text();
            }

            @Override
            public CompletableFuture<List<TopLogprobs>> observe(List<String> prompts) {
                List<CompletableFuture<TopLogprobs>> calls = new ArrayList<>(prompts.size());
                for (String p : prompts) {
                    calls.add(p.equals(prompt) ? CompletableFuture.completedFuture(original)
                            : model.generateWithTopLogprobs(p, decoding).thenApply(a -> {
                                if (a.steps().isEmpty() && !a.text().isBlank()) {
                                    throw new CallFailedException("the answer carries no log-probabilities");
                                }
                                return a;
                            }));
                }
                return Observations.collect(prompts, calls, failures);
            }
        };
    }
}
