package org.gsmile.models.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.gsmile.models.cache.ResponseCache;

/**
 * How to reach and call a remote model.
 *
 * @param env            the environment the API key is read from (passed in so tests can inject a
 *                       key without touching the real environment)
 * @param apiKeyEnv      the variable holding the API key; null for the backend's default
 *                       (OPENAI_API_KEY for openai:, none for ollama:)
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

    /** The key for a backend: the variable named by apiKeyEnv, else the backend's default. */
    ApiKey apiKey(RemoteReference.Api api) {
        String variable = apiKeyEnv != null ? apiKeyEnv : api == RemoteReference.Api.OLLAMA_GENERATE ? null : OPENAI_KEY;
        return ApiKey.fromEnvironment(env, variable);
    }

    /** Leaves the environment out: it holds secrets. */
    @Override
    public String toString() {
        return "RemoteOptions[apiKeyEnv=" + apiKeyEnv + ", topLogprobs=" + topLogprobs + ", cacheDir=" + cacheDir
                + ", concurrency=" + concurrency + ", retry=" + retry + ", requestTimeout=" + requestTimeout
                + ", connectTimeout=" + connectTimeout + "]";
    }
}
