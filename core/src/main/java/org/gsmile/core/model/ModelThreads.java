package org.gsmile.core.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads an in-process backend runs its model on, named {@code gsmile-model-BACKEND-POOL-N}: a
 * run reads the CPU time of the threads whose names start with {@link #PREFIX} as the model's (see
 * the runner's summary), so every backend that computes on this machine makes its pool here.
 */
public final class ModelThreads {
    /** What every model thread's name starts with; short enough to survive Linux's 15-character thread names. */
    public static final String PREFIX = "gsmile-model";
    private static final Map<String, AtomicInteger> POOLS = new ConcurrentHashMap<>();

    private ModelThreads() {
    }

    /** Daemon threads for one pool of {@code backend} (for instance {@code llama}, {@code onnx}). */
    public static ThreadFactory daemon(String backend) {
        String pool = PREFIX + "-" + backend + "-" + POOLS.computeIfAbsent(backend, b -> new AtomicInteger())
                .incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, pool + count.incrementAndGet());
            // Daemon so that a caller that forgets close() cannot keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        };
    }
}
