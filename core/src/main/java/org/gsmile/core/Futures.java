package org.gsmile.core;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting on model futures without burying a user's mistake inside a CompletionException. */
public final class Futures {
    private Futures() {
    }

    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Completes when every task has, with their results in the order of the tasks. */
    public static <T> CompletableFuture<List<T>> allInOrder(List<CompletableFuture<T>> tasks) {
        return CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new))
                .thenApply(done -> tasks.stream().map(CompletableFuture::join).toList());
    }
}
