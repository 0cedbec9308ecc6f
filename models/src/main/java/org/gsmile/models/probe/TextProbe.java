package org.gsmile.models.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Baseline;
import org.gsmile.core.explain.OutputProbe;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.models.http.CallFailedException;

/**
 * Observes a model by its text: the greedy output for the original prompt and for every perturbed
 * one, compared by a text distance. Works with any model, in-process or remote, since it needs
 * nothing but generation.
 *
 * <p>Each prompt is its own call, so that one failed call loses one perturbation (reported as a
 * null observation) rather than the explanation. The original prompt's output is the one
 * {@link #prepare} generated: it is not asked for twice. Stateless: one prompt's output lives in
 * what {@link #prepare} returns.
 */
public final class TextProbe implements OutputProbe<String> {
    private final GenerativeModel model;
    private final DecodingOptions decoding;

    public TextProbe(GenerativeModel model, int maxNewTokens) {
        if (maxNewTokens < 1) {
            throw new UserInputException("{maxNewTokens} must be at least 1, got " + maxNewTokens);
        }
        this.model = model;
        this.decoding = DecodingOptions.greedy(maxNewTokens);
    }

    @Override
    public Prepared<String> prepare(String prompt) {
        String text;
        try {
            text = Futures.join(model.generateAsync(List.of(prompt), decoding)).get(0).text();
        } catch (CallFailedException e) {
            throw new UserInputException("the model's output for the prompt could not be obtained: " + e.getMessage(), e);
        }
        if (text.isBlank()) {
            throw new UserInputException("the model returned an empty output for the prompt, so there is nothing to"
                    + " explain: rephrase or extend the prompt, or raise {maxNewTokens}");
        }
        return prepared(Baseline.ofText(prompt, text), 1);
    }

    /** The original's output is its observation: a known baseline costs no call. */
    @Override
    public Prepared<String> resume(Baseline known) {
        return prepared(known, 0);
    }

    private Prepared<String> prepared(Baseline baseline, int calls) {
        String prompt = baseline.prompt();
        String text = baseline.output();
        Map<String, String> failures = new ConcurrentHashMap<>();
        return new Prepared<>() {
            @Override
            public int preparationCalls() {
                return calls;
            }

            @Override
            public String describe(String output) {
                return output;
            }

            @Override
            public Baseline baseline() {
                return baseline;
            }

            @Override
            public Map<String, String> failures() {
                return Map.copyOf(failures);
            }

            @Override
            public CompletableFuture<List<String>> observe(List<String> prompts) {
                List<CompletableFuture<String>> calls = new ArrayList<>(prompts.size());
                for (String p : prompts) {
                    calls.add(p.equals(prompt) ? CompletableFuture.completedFuture(text) : generate(p));
                }
                return Observations.collect(prompts, calls, failures);
            }
        };
    }

    private CompletableFuture<String> generate(String prompt) {
        try {
            return model.generateAsync(List.of(prompt), decoding).thenApply(g -> g.get(0).text());
        } catch (RuntimeException e) {
            // A backend that fails before returning a future fails this prompt the same way.
            return CompletableFuture.failedFuture(e instanceof CompletionException ? e : new CompletionException(e));
        }
    }
}
