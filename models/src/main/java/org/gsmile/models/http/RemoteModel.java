package org.gsmile.models.http;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.model.TopLogprobs;
import org.gsmile.core.model.TopLogprobsModel;
import org.gsmile.models.cache.CacheKey;
import org.gsmile.models.cache.ResponseCache;

/**
 * A generative model behind an HTTP API (OpenAI-compatible or Ollama). Every prompt is one call; at
 * most {@code concurrency} calls are in flight, each retried on its own (a call keeps its slot while
 * it backs off, which also eases the pressure on a server that asked it to slow down). Answers come
 * from the on-disk cache when it has them and go into it when they arrive.
 *
 * <p>The weights behind an API are unknown, so {@link ModelInfo#sha256()} is empty, and the context
 * length is left to the server to enforce ({@link Integer#MAX_VALUE}).
 */
public final class RemoteModel implements GenerativeModel, TopLogprobsModel {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final RemoteReference reference;
    private final WireFormat wire;
    private final HttpCaller caller;
    private final ResponseCache cache;
    private final int topLogprobs;
    private final ExecutorService pool;
    private final AtomicInteger diskCacheHits = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    public RemoteModel(RemoteReference reference, RemoteOptions options) {
        this.reference = reference;
        this.wire = WireFormat.of(reference.api());
        ApiKey key = options.apiKey(reference.api());
        if (options.apiKeyEnv() != null && !key.isPresent()) {
            throw new UserInputException("--api-key-env names " + options.apiKeyEnv() + ", which is not set: set "
                    + options.apiKeyEnv() + " to your API key");
        }
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .build();
        this.caller = new HttpCaller(client, reference.endpoint(), key, options.retry(), options.requestTimeout(),
                reference.model());
        this.cache = options.cacheDir() == null ? null : new ResponseCache(options.cacheDir());
        this.topLogprobs = options.topLogprobs();
        int id = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread t = new Thread(r, "gsmile-http-" + id + "-" + threads.incrementAndGet());
            // Daemon so that a caller that forgets close() cannot keep the JVM alive.
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo(reference.reference(), "", Integer.MAX_VALUE);
    }

    public RemoteReference reference() {
        return reference;
    }

    @Override
    public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
        List<CompletableFuture<Generation>> calls = new ArrayList<>(prompts.size());
        for (String p : prompts) {
            calls.add(generateWithTopLogprobs(p, options).thenApply(a -> new Generation(a.text(), new int[0])));
        }
        return Futures.allInOrder(calls);
    }

    @Override
    public int topLogprobs() {
        return topLogprobs;
    }

    @Override
    public CompletableFuture<TopLogprobs> generateWithTopLogprobs(String prompt, DecodingOptions options) {
        return CompletableFuture.supplyAsync(() -> answer(prompt, options), pool);
    }

    /** Requests sent, retries, cache hits and failures so far. */
    public RemoteCallStats stats() {
        return new RemoteCallStats(caller.sent(), caller.retries(), diskCacheHits.get(), failed.get());
    }

    public Optional<ResponseCache> cache() {
        return Optional.ofNullable(cache);
    }

    @Override
    public void close() {
        pool.shutdown();
    }

    private TopLogprobs answer(String prompt, DecodingOptions options) {
        CacheKey key = new CacheKey(reference.api().id(), reference.endpoint().toString(), reference.model(), options,
                topLogprobs, prompt);
        if (cache != null) {
            Optional<TopLogprobs> hit = cache.get(key);
            if (hit.isPresent()) {
                diskCacheHits.incrementAndGet();
                return hit.get();
            }
        }
        String body = wire.request(reference.model(), prompt, options, topLogprobs).toString();
        TopLogprobs answer;
        try {
            answer = caller.post(body, key.seed(), wire::parse);
        } catch (CallFailedException e) {
            failed.incrementAndGet();
            throw e;
        }
        if (cache != null) {
            cache.put(key, answer);
        }
        return answer;
    }
}
