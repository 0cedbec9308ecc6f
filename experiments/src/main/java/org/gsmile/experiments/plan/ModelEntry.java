package org.gsmile.experiments.plan;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.gsmile.models.http.RemoteOptions;
import org.gsmile.models.http.RetryPolicy;

/**
 * One model of an experiment: the name its results are filed under, the reference the runner
 * resolves ({@code local:stories260K}, {@code onnx:tinygpt}, {@code openai:URL#MODEL},
 * {@code ollama:MODEL}) and the client settings given for it.
 *
 * @param name    unique within the experiment; by default the reference's last part
 *                ({@code stories260K} for {@code local:stories260K}, {@code gpt} for {@code openai:http://h/v1#gpt})
 * @param ref     the model reference, as written
 * @param options client settings of a model behind an API, by their keys ({@link #OPTIONS}), as
 *                given: {@code logprobs}, {@code concurrency}, {@code maxRetries} as Integer,
 *                {@code timeout} (seconds) as Double, {@code apiKeyEnv} and {@code cache} as String
 */
public record ModelEntry(String name, String ref, Map<String, Object> options) {
    /** The client settings a model entry may give, as {@code RemoteOptions.fromSettings} takes them. */
    public static final List<String> OPTIONS = List.of("logprobs", "apiKeyEnv", "cache", "concurrency", "maxRetries",
            "timeout");
    /**
     * The settings that change what the model answers, and so are part of a cell's id; the others
     * only change how it is called (raising {@code concurrency} on a resumed run recomputes nothing).
     */
    public static final Set<String> OUTPUT_OPTIONS = Set.of("logprobs");
    /** The first backoff delay of retried calls, as on the command line. */
    public static final long RETRY_DELAY_MS = 500;

    public ModelEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ref, "ref");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(options, "options")));
    }

    public ModelEntry(String name, String ref) {
        this(name, ref, Map.of());
    }

    /** The options that shape the model's outputs ({@link #OUTPUT_OPTIONS}), in the order given. */
    public Map<String, Object> outputOptions() {
        Map<String, Object> m = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (OUTPUT_OPTIONS.contains(k)) {
                m.put(k, v);
            }
        });
        return Collections.unmodifiableMap(m);
    }

    /**
     * How to call this model if it is behind an API: its options, the command line's defaults for
     * the rest ({@code cache} relative to the current directory).
     *
     * @param env  the environment the API key is read from
     * @param home the user's home, for the default response cache
     * @param seed seed of the backoff jitter
     */
    public RemoteOptions remoteOptions(Map<String, String> env, Path home, long seed) {
        return RemoteOptions.fromSettings(env, home, (String) options.get("apiKeyEnv"),
                ((Number) options.getOrDefault("logprobs", 0)).intValue(), (String) options.get("cache"),
                ((Number) options.getOrDefault("concurrency", RemoteOptions.DEFAULT_CONCURRENCY)).intValue(),
                ((Number) options.getOrDefault("maxRetries", RetryPolicy.DEFAULT_MAX_RETRIES)).intValue(),
                ((Number) options.getOrDefault("timeout", (double) RemoteOptions.DEFAULT_TIMEOUT.toSeconds()))
                        .doubleValue(), RETRY_DELAY_MS, seed);
    }
}
