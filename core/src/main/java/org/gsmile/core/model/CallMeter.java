package org.gsmile.core.model;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a model's client did for one explanation: retries and answers read from an on-disk cache.
 * One model object serves many explanations; each passes its own meter
 * ({@link GenerativeModel#metered}) and so reports its own figures. Thread-safe.
 */
public final class CallMeter {
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger diskCacheHits = new AtomicInteger();

    public void retried() {
        retries.incrementAndGet();
    }

    public void diskCacheHit() {
        diskCacheHits.incrementAndGet();
    }

    public int retries() {
        return retries.get();
    }

    public int diskCacheHits() {
        return diskCacheHits.get();
    }
}
