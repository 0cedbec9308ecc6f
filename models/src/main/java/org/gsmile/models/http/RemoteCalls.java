package org.gsmile.models.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gsmile.core.UserInputException;
import org.gsmile.core.model.CallMeter;
import org.gsmile.models.cache.AnswerCodec;
import org.gsmile.models.cache.ResponseCache;
import org.gsmile.models.cache.ResponseKey;

/**
 * What every model behind an HTTP API shares, text and image alike: the API key from the
 * environment, one HTTP client and {@link HttpCaller} (retries, Retry-After, fatal errors), the
 * on-disk response cache, and a pool of {@code concurrency} threads, so that at most that many
 * calls are in flight (a call keeps its slot while it backs off, which also eases the pressure on a
 * server that asked it to slow down).
 */
final class RemoteCalls {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final HttpCaller caller;
    private final ResponseCache cache;
    private final ExecutorService pool;
    private final AtomicInteger diskCacheHits = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    /**
     * @param defaultKeyVariable the variable the backend reads its key from unless {@code apiKeyEnv}
     *                           names another; null for a backend that sends no key by default
     * @param notFoundFix        what a 404 from the endpoint itself asks the user to check
     * @throws UserInputException when {@code apiKeyEnv} names a variable that is not set
     */
    RemoteCalls(URI endpoint, String model, String defaultKeyVariable, RemoteOptions options, String notFoundFix) {
        ApiKey key = options.apiKey(defaultKeyVariable);
        if (options.apiKeyEnv() != null && !key.isPresent()) {
            throw new UserInputException("{apiKeyEnv} names " + options.apiKeyEnv() + ", which is not set: set "
                    + options.apiKeyEnv() + " to your API key");
        }
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .build();
        this.caller = new HttpCaller(client, endpoint, key, options.retry(), options.requestTimeout(), model,
                notFoundFix);
        this.cache = options.cacheDir() == null ? null : new ResponseCache(options.cacheDir());
        int id = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread t = new Thread(r, "gsmile-http-" + id + "-" + threads.incrementAndGet());
            // Daemon so that a caller that forgets close() cannot keep the JVM alive.
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs one call on the pool: at most {@code concurrency} run at once. */
    <T> CompletableFuture<T> submit(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, pool);
    }

    /**
     * The answer to one request: from the cache when it has it (counted into {@code meter}), else
     * from the server, and then kept in the cache.
     *
     * @param body  built only when the server must be asked (an image's base64 costs time)
     * @param parse reads a successful answer, throwing {@link MalformedResponseException} when it
     *              lacks what the API promises
     * @throws CallFailedException when this call failed after its retries or was refused
     */
    <T> T answer(ResponseKey key, AnswerCodec<T> codec, Supplier<HttpBody> body, Function<JsonNode, T> parse,
                 CallMeter meter) {
        if (cache != null) {
            Optional<T> hit = cache.get(key, codec);
            if (hit.isPresent()) {
                diskCacheHits.incrementAndGet();
                meter.diskCacheHit();
                return hit.get();
            }
        }
        T answer;
        try {
            answer = caller.post(body.get(), key.seed(), parse, meter::retried);
        } catch (CallFailedException e) {
            failed.incrementAndGet();
            throw e;
        }
        if (cache != null) {
            cache.put(key, answer, codec);
        }
        return answer;
    }

    /** Requests sent, retries, cache hits and failures so far. */
    RemoteCallStats stats() {
        return new RemoteCallStats(caller.sent(), caller.retries(), diskCacheHits.get(), failed.get());
    }

    Optional<ResponseCache> cache() {
        return Optional.ofNullable(cache);
    }

    void close() {
        pool.shutdown();
    }
}
