package org.gsmile.core.explain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake model whose observation of a prompt is the prompt itself and whose output is "output";
 * records every prompt and every batch that reaches it. Safe for several explanations at once.
 */
public final class EchoProbe implements OutputProbe<String> {
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger batches = new AtomicInteger();
    private final int[] outputTokens;

    public EchoProbe() {
        this(new int[0]);
    }

    /** With token ids for y₀, as a teacher-forced probe reports them. */
    public EchoProbe(int[] outputTokens) {
        this.outputTokens = outputTokens.clone();
    }

    @Override
    public Prepared<String> prepare(String prompt) {
        return new Prepared<>() {
            @Override
            public Baseline baseline() {
                return new Baseline(prompt, "output", outputTokens);
            }

            @Override
            public CompletableFuture<List<String>> observe(List<String> prompts) {
                seen.addAll(prompts);
                batches.incrementAndGet();
                return CompletableFuture.completedFuture(List.copyOf(prompts));
            }
        };
    }

    /** Every prompt observed, in order. */
    public List<String> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** Calls of observe. */
    public int batches() {
        return batches.get();
    }
}
