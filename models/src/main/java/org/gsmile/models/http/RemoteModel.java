package org.gsmile.models.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.gsmile.core.Futures;
import org.gsmile.core.model.CallMeter;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.model.TopLogprobs;
import org.gsmile.core.model.TopLogprobsModel;
import org.gsmile.models.cache.AnswerCodec;
import org.gsmile.models.cache.CacheKey;
import org.gsmile.models.cache.ResponseCache;

/**
 * A generative model behind an HTTP API (OpenAI-compatible or Ollama). Every prompt is one call; at
 * most {@code concurrency} calls are in flight, each retried on its own; answers come from the
 * on-disk cache when it has them and go into it when they arrive (see {@link RemoteCalls}).
 *
 * <p>The weights behind an API are unknown, so {@link ModelInfo#sha256()} is empty, and the context
 * length is left to the server to enforce ({@link Integer#MAX_VALUE}).
 */
public final class RemoteModel implements GenerativeModel, TopLogprobsModel {
    private final RemoteReference reference;
    private final WireFormat wire;
    private final RemoteCalls calls;
    private final int topLogprobs;
    /** Counts calls made on the model itself rather than through an explanation's view. */
    private final CallMeter unmetered = new CallMeter();

    public RemoteModel(RemoteReference reference, RemoteOptions options) {
        this.reference = reference;
        this.wire = WireFormat.of(reference.api());
        this.calls = new RemoteCalls(reference.endpoint(), reference.model(), reference.api().keyVariable(), options,
                "check the base URL in {model} (OpenAI-compatible servers usually end in /v1)");
        this.topLogprobs = options.topLogprobs();
    }

    @Override
    public ModelInfo info() {
        // The id reaches the JSON's provenance: a key typed into the reference stays out of it.
        return new ModelInfo(UrlSecrets.mask(reference.reference()), "", Integer.MAX_VALUE);
    }

    public RemoteReference reference() {
        return reference;
    }

    @Override
    public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
        return metered(unmetered).generateAsync(prompts, options);
    }

    @Override
    public int topLogprobs() {
        return topLogprobs;
    }

    @Override
    public CompletableFuture<TopLogprobs> generateWithTopLogprobs(String prompt, DecodingOptions options) {
        return generate(prompt, options, unmetered);
    }

    /** A view whose calls count their retries and disk-cache hits into the meter; it shares pool, cache and client. */
    @Override
    public GenerativeModel metered(CallMeter meter) {
        return new Metered(meter);
    }

    /** The number of top log-probabilities asked for, when any: it shapes every answer. */
    @Override
    public Map<String, Object> settings() {
        return topLogprobs > 0 ? Map.of("logprobs", topLogprobs) : Map.of();
    }

    private CompletableFuture<TopLogprobs> generate(String prompt, DecodingOptions options, CallMeter meter) {
        return calls.submit(() -> answer(prompt, options, meter));
    }

    /** Requests sent, retries, cache hits and failures so far. */
    public RemoteCallStats stats() {
        return calls.stats();
    }

    public Optional<ResponseCache> cache() {
        return calls.cache();
    }

    @Override
    public void close() {
        calls.close();
    }

    private TopLogprobs answer(String prompt, DecodingOptions options, CallMeter meter) {
        CacheKey key = new CacheKey(reference.api().id(), reference.endpoint().toString(), reference.model(), options,
                topLogprobs, prompt);
        return calls.answer(key, AnswerCodec.text(),
                () -> HttpBody.json(wire.request(reference.model(), prompt, options, topLogprobs).toString()),
                wire::parse, meter);
    }

    /** This model with one explanation's meter: every call goes through the same pool, cache and client. */
    private final class Metered implements GenerativeModel, TopLogprobsModel {
        private final CallMeter meter;

        Metered(CallMeter meter) {
            this.meter = meter;
        }

        @Override
        public ModelInfo info() {
            return RemoteModel.this.info();
        }

        @Override
        public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
            List<CompletableFuture<Generation>> calls = new ArrayList<>(prompts.size());
            for (String p : prompts) {
                calls.add(generate(p, options, meter).thenApply(a -> new Generation(a.text(), new int[0])));
            }
            return Futures.allInOrder(calls);
        }

        @Override
        public int topLogprobs() {
            return topLogprobs;
        }

        @Override
        public CompletableFuture<TopLogprobs> generateWithTopLogprobs(String prompt, DecodingOptions options) {
            return generate(prompt, options, meter);
        }

        @Override
        public Map<String, Object> settings() {
            return RemoteModel.this.settings();
        }

        @Override
        public GenerativeModel metered(CallMeter other) {
            return RemoteModel.this.metered(other);
        }

        /** The view owns nothing: closing it leaves the model open. */
        @Override
        public void close() {
        }
    }
}
