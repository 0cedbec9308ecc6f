package org.gsmile.models.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.gsmile.core.UserInputException;
import org.gsmile.models.cache.ResponseCache;

/**
 * How to reach and call a remote model.
 *
 * @param env            the environment the API key is read from (passed in so tests can inject a
 *                       key without touching the real environment)
 * @param apiKeyEnv      the variable holding the API key; null for the backend's default
 *                       (OPENAI_API_KEY for openai: and openai-editor:/openai-generator:, none for
 *                       ollama:, http-editor: and the a1111 models)
 * @param topLogprobs    top tokens to request per position, 0 for none
 * @param cacheDir       the on-disk response cache, or null for none
 * @param concurrency    calls in flight at once
 * @param retry          when to retry
 * @param requestTimeout longest wait for one answer
 * @param connectTimeout longest wait for a connection
 */
public record RemoteOptions(Map<String, String> env, String apiKeyEnv, int topLogprobs, Path cacheDir,
                            int concurrency, RetryPolicy retry, Duration requestTimeout, Duration connectTimeout) {
    public static final String OPENAI_KEY = "OPENAI_API_KEY";
    public static final int DEFAULT_CONCURRENCY = 4;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    /** The range of {@code timeout}: a millisecond (the HTTP client's resolution) to a day. */
    public static final double MIN_TIMEOUT_SECONDS = 0.001;
    public static final double MAX_TIMEOUT_SECONDS = 86_400;
    public static final int MAX_LOGPROBS = 20;

    public RemoteOptions {
        env = Map.copyOf(env);
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        if (topLogprobs < 0) {
            throw new IllegalArgumentException("topLogprobs must be at least 0, got " + topLogprobs);
        }
    }

    /** Defaults: key from OPENAI_API_KEY, no log-probabilities, the user cache, 4 concurrent calls. */
    public static RemoteOptions defaults(Map<String, String> env, Path home) {
        return new RemoteOptions(env, null, 0, ResponseCache.defaultDir(env, home), DEFAULT_CONCURRENCY,
                RetryPolicy.defaults(RetryPolicy.DEFAULT_MAX_RETRIES), DEFAULT_TIMEOUT, Duration.ofSeconds(10));
    }

    /**
     * Options from the settings a user gives, each checked here once (the command line and the
     * experiment runner both come through this).
     *
     * @param apiKeyEnv      variable holding the API key, or null for the backend's default
     * @param logprobs       top log-probabilities per output token, 0 for none (at most 20)
     * @param cache          a folder, "none", or null for the default user cache
     * @param concurrency    calls in flight at once, 1 to 256
     * @param maxRetries     retries of a transient failure, 0 to 20
     * @param timeoutSeconds longest wait for one answer, up to a day
     * @param retryDelayMs   first backoff delay
     * @param seed           seed of the backoff jitter
     */
    public static RemoteOptions fromSettings(Map<String, String> env, Path home, String apiKeyEnv, int logprobs,
                                             String cache, int concurrency, int maxRetries, double timeoutSeconds,
                                             long retryDelayMs, long seed) {
        if (logprobs < 0 || logprobs > MAX_LOGPROBS) {
            throw new UserInputException("{logprobs} must be between 1 and " + MAX_LOGPROBS + " (or 0 for none), got "
                    + logprobs + ": try {logprobs=5}");
        }
        if (concurrency < 1 || concurrency > 256) {
            throw new UserInputException("{concurrency} must be between 1 and 256, got " + concurrency
                    + ": try {concurrency=" + DEFAULT_CONCURRENCY + "}");
        }
        if (maxRetries < 0 || maxRetries > 20) {
            throw new UserInputException("{maxRetries} must be between 0 and 20, got " + maxRetries + ": try {maxRetries="
                    + RetryPolicy.DEFAULT_MAX_RETRIES + "}");
        }
        if (!(timeoutSeconds >= MIN_TIMEOUT_SECONDS && timeoutSeconds <= MAX_TIMEOUT_SECONDS)) {
            throw new UserInputException("{timeout} must be between " + MIN_TIMEOUT_SECONDS + " and "
                    + (long) MAX_TIMEOUT_SECONDS + " seconds (a day), got " + plain(timeoutSeconds) + ": try {timeout="
                    + DEFAULT_TIMEOUT.toSeconds() + "}");
        }
        if (retryDelayMs < 0) {
            throw new IllegalArgumentException("the retry delay must not be negative, got " + retryDelayMs);
        }
        if (apiKeyEnv != null && apiKeyEnv.isBlank()) {
            throw new UserInputException("{apiKeyEnv} is empty: name the environment variable that holds the key,"
                    + " as in {apiKeyEnv=OPENAI_API_KEY}, or leave the option out");
        }
        if (apiKeyEnv != null && !apiKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new UserInputException("{apiKeyEnv} takes the name of an environment variable, like OPENAI_API_KEY,"
                    + " not the key itself");
        }
        if (cache != null && cache.isBlank()) {
            throw new UserInputException("{cache} is empty: give a folder, or {cache=none} to keep no answers");
        }
        Path cacheDir = cache == null ? ResponseCache.defaultDir(env, home) : cache.equals("none") ? null : Path.of(cache);
        Duration base = Duration.ofMillis(retryDelayMs);
        Duration cap = Duration.ofSeconds(30).compareTo(base) > 0 ? Duration.ofSeconds(30) : base;
        RetryPolicy retry = new RetryPolicy(maxRetries, base, cap, Duration.ofSeconds(60), seed);
        return new RemoteOptions(env, apiKeyEnv, logprobs, cacheDir, concurrency, retry,
                Duration.ofNanos((long) (timeoutSeconds * 1e9)), Duration.ofSeconds(10));
    }

    /** A number as a user would write it: 1e12 as 1000000000000, 0.5 as 0.5, not 1.0E12. */
    private static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        String text = java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return text.length() <= 24 ? text : String.valueOf(value);
    }

    /**
     * The key for a backend: the variable named by apiKeyEnv, else the backend's default.
     *
     * @param backendDefault the variable the backend reads by default, or null for none
     */
    ApiKey apiKey(String backendDefault) {
        return ApiKey.fromEnvironment(env, apiKeyEnv != null ? apiKeyEnv : backendDefault);
    }

    /** Leaves the environment out: it holds secrets. */
    @Override
    public String toString() {
        return "RemoteOptions[apiKeyEnv=" + apiKeyEnv + ", topLogprobs=" + topLogprobs + ", cacheDir=" + cacheDir
                + ", concurrency=" + concurrency + ", retry=" + retry + ", requestTimeout=" + requestTimeout
                + ", connectTimeout=" + connectTimeout + "]";
    }
}
