package org.gsmile.models.http;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * When to try a failed call again: up to {@code maxRetries} more times, waiting an exponentially
 * growing, jittered delay, or at least as long as the server's Retry-After asks.
 *
 * <p>The jitter spreads out concurrent calls that failed together so they do not hit a recovering
 * server at the same instant. It is drawn from a generator seeded by the policy seed, the request and
 * the attempt, so it never depends on thread scheduling; it changes only timing, never results.
 *
 * @param maxRetries    retries after the first attempt
 * @param baseDelay     the delay before the first retry, before jitter
 * @param maxDelay      cap on the exponential delay
 * @param maxRetryAfter cap on a server's Retry-After, so a misconfigured server cannot stall a run
 * @param seed          seed of the jitter
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter, long seed) {

    public static final int DEFAULT_MAX_RETRIES = 4;

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be at least 0, got " + maxRetries);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    public static RetryPolicy defaults(int maxRetries) {
        return new RetryPolicy(maxRetries, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60), 0L);
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry) of the request identified by
     * {@code requestSeed}: "equal jitter", half the exponential delay fixed and half drawn uniformly,
     * and never less than the server's Retry-After (capped at maxRetryAfter).
     *
     * @param retryAfter the server's Retry-After, or null when it sent none
     */
    public Duration delay(int retry, long requestSeed, Duration retryAfter) {
        double exponential = Math.min(baseDelay.toNanos() * Math.pow(2, retry - 1), maxDelay.toNanos());
        double jitter = new SplittableRandom(seed ^ requestSeed * 0x9E3779B97F4A7C15L ^ retry).nextDouble();
        long nanos = (long) (exponential / 2 + jitter * exponential / 2);
        if (retryAfter != null && !retryAfter.isNegative()) {
            nanos = Math.max(nanos, Math.min(retryAfter.toNanos(), maxRetryAfter.toNanos()));
        }
        return Duration.ofNanos(nanos);
    }
}
