package org.gsmile.models.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.gsmile.core.Futures;
import org.gsmile.models.http.CallFailedException;

/** Gathers per-prompt observations the way the explainer expects them. */
final class Observations {
    private Observations() {
    }

    /**
     * The results in order, with null for a prompt whose call failed for good
     * ({@link CallFailedException}): the explainer leaves it out of the fit. Any other error (a user
     * error such as a rejected key, or a bug) fails the whole observation.
     */
    static <T> CompletableFuture<List<T>> collect(List<CompletableFuture<T>> calls) {
        List<CompletableFuture<T>> tolerant = new ArrayList<>(calls.size());
        for (CompletableFuture<T> c : calls) {
            tolerant.add(c.exceptionally(error -> {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof CallFailedException) {
                    return null;
                }
                throw error instanceof CompletionException ce ? ce : new CompletionException(cause);
            }));
        }
        return Futures.allInOrder(tolerant);
    }
}
