package org.gsmile.models.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.gsmile.core.Futures;
import org.gsmile.models.http.CallFailedException;

/** Gathers per-prompt observations the way the explainer expects them. */
final class Observations {
    private Observations() {
    }

    /**
     * The results in order, with null for a prompt whose call failed for good (its reason put in
     * {@code failures})
     * ({@link CallFailedException}): the explainer leaves it out of the fit. Any other error (a user
     * error such as a rejected key, or a bug) fails the whole observation.
     */
    static <T> CompletableFuture<List<T>> collect(List<String> prompts, List<CompletableFuture<T>> calls,
                                                  Map<String, String> failures) {
        List<CompletableFuture<T>> tolerant = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            String prompt = prompts.get(i);
            tolerant.add(calls.get(i).exceptionally(error -> {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof CallFailedException) {
                    failures.put(prompt, cause.getMessage() == null ? "the call failed" : cause.getMessage());
                    return null;
                }
                throw error instanceof CompletionException ce ? ce : new CompletionException(cause);
            }));
        }
        return Futures.allInOrder(tolerant);
    }
}
