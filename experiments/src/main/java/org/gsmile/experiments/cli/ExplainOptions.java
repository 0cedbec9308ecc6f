package org.gsmile.experiments.cli;

import java.nio.file.Path;
import java.util.Map;
import org.gsmile.core.UserInputException;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.KernelKind;
import org.gsmile.core.spec.Method;
import org.gsmile.core.spec.OperatorKind;
import org.gsmile.core.spec.Preset;
import org.gsmile.core.spec.SampleBudget;
import org.gsmile.core.spec.SamplerKind;
import org.gsmile.core.spec.SurrogateKind;
import org.gsmile.core.spec.UnitKind;
import org.gsmile.models.http.RemoteOptions;
import org.gsmile.models.http.RetryPolicy;
import picocli.CommandLine.Option;

/** The options that define an explanation; shared by the commands that run one. */
public final class ExplainOptions {
    static final String DEFAULT_MODEL = "local:stories260K";

    @Option(names = "--model", paramLabel = "REF", defaultValue = DEFAULT_MODEL,
            description = "Model to explain: local:stories260K (default), local:/path/model.bin or local:/path/model.gguf;"
                    + " onnx:NAME (a model folder under GSMILE_MODELS, e.g. onnx:tinygpt) or onnx:/path/model.onnx;"
                    + " openai:<baseUrl>#<model> (any OpenAI-compatible server; add ?api=completions for /completions)"
                    + " or ollama:<model>[@http://host:port].")
    String model;

    @Option(names = "--samples", paramLabel = "J|auto",
            description = "Perturbed prompts to request besides the original (repeats are answered from the cache; "
                    + "with the Shapley kernel the empty and the full prompt are two of them), or auto: draw in rounds "
                    + "until the top-k units are stable under the bootstrap, have converged, or are found tied (more samples "
                    + "up to --max-samples could not separate them). Default: 64.")
    String samplesOption;

    @Option(names = "--max-samples", paramLabel = "N", defaultValue = "" + SampleBudget.DEFAULT_MAX,
            description = "Cap of --samples auto. Default: ${DEFAULT-VALUE}.")
    int maxSamples;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "" + ExplanationSpec.DEFAULT_TOP_K,
            description = "Top units whose stability --samples auto waits for and the explanation reports. "
                    + "Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "default",
            description = "Defaults for --sampler, --kernel and --samples: default (strata sampler, Shapley kernel, "
                    + "64 samples; the fastest to agree with exact Shapley values) or thesis (Bernoulli(--keep) "
                    + "sampler, Gaussian kernel, 64 samples: the thesis recipe, for reproductions). Options given "
                    + "explicitly win.")
    String preset;

    @Option(names = "--units", paramLabel = "NAME", defaultValue = "words",
            description = "What the explanation attributes to: words (default), tokens (the model's own; local: models),"
                    + " phrases (clauses, split at punctuation) or sentences. In any case [[several words]] in the "
                    + "prompt is one unit, and the brackets are not sent to the model.")
    String units;

    @Option(names = "--operator", paramLabel = "NAME", defaultValue = "drop",
            description = "What a perturbation does to a removed unit: drop (default), mask (replace it with "
                    + "--mask-token) or synonym (replace it with a WordNet synonym; a unit without one is dropped).")
    String operator;

    @Option(names = "--mask-token", paramLabel = "TEXT", defaultValue = ExplanationSpec.DEFAULT_MASK_TOKEN,
            description = "Placeholder of --operator mask. Default: ${DEFAULT-VALUE}.")
    String maskToken;

    @Option(names = "--sampler", paramLabel = "NAME",
            description = "How perturbations are drawn: strata (whole coalition-size strata from the extremes inward, "
                    + "default), exhaustive (every coalition, at most 20 units), shapley or paired-shapley (KernelSHAP's "
                    + "coalition-size law), bernoulli or paired-bernoulli (each unit kept with --keep; bernoulli is the "
                    + "thesis's) or fixed (round((1 - keep) n) units dropped).")
    String sampler;

    @Option(names = "--kernel", paramLabel = "NAME",
            description = "Sample weights of the surrogate fit: shapley (the Shapley kernel with the efficiency "
                    + "constraint, so scores estimate Shapley values; default), gaussian (exp(-d^2/sigma^2), the thesis; "
                    + "the default with --surrogate sgd) or uniform.")
    String kernel;

    @Option(names = "--reference", paramLabel = "NAME",
            description = "Instead of the surrogate, compute reference values from the same model and distance: "
                    + "shapley (exact Shapley values over all 2^n coalitions, at most 14 units) or loo (leave-one-out).")
    String reference;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of every random choice. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--keep", paramLabel = "P", defaultValue = "" + ExplanationSpec.DEFAULT_KEEP,
            description = "Probability that a perturbation keeps each word, in (0, 1). Default: ${DEFAULT-VALUE}.")
    double keep;

    @Option(names = "--sigma", paramLabel = "S", defaultValue = "" + ExplanationSpec.DEFAULT_SIGMA,
            description = "Width of the Gaussian kernel exp(-d^2/S^2) on the fraction d of words removed. Default: ${DEFAULT-VALUE}.")
    double sigma;

    @Option(names = "--distance", paramLabel = "NAME", defaultValue = "token-wasserstein",
            description = "Output distance: token-wasserstein (Wasserstein-1 between next-token distributions, "
                    + "default), logprob-shift (mean rise in negative log-likelihood of the output), "
                    + "embedding-wasserstein (Word Mover's Distance between the output texts) or sentence-embedding "
                    + "(cosine distance between sentence embeddings of the outputs).")
    String distance;

    @Option(names = "--surrogate", paramLabel = "NAME", defaultValue = "wls",
            description = "Surrogate fit: wls (exact weighted least squares, default) or sgd (Tribuo LinearSGDTrainer).")
    String surrogate;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "" + ExplanationSpec.DEFAULT_MAX_NEW_TOKENS,
            description = "Length of the greedy output that is explained. Default: ${DEFAULT-VALUE}.")
    int maxNewTokens;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Environment variable that holds the API key of an openai: or ollama: model. "
                    + "Default: OPENAI_API_KEY for openai:, none for ollama:.")
    String apiKeyEnv;

    @Option(names = "--logprobs", paramLabel = "K", arity = "0..1", defaultValue = "0", fallbackValue = "5",
            description = "Ask an openai: or ollama: server for the top K log-probabilities of each output token "
                    + "(5 when K is left out), so that --distance token-wasserstein works over the API.")
    int logprobs;

    @Option(names = "--cache", paramLabel = "DIR|none",
            description = "Where answers of openai: and ollama: models are kept, so a repeated run only calls the "
                    + "model for prompts it has not seen; none keeps nothing. "
                    + "Default: $XDG_CACHE_HOME/gsmile/responses, else ~/.cache/gsmile/responses.")
    String cache;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + RemoteOptions.DEFAULT_CONCURRENCY,
            description = "Calls to an openai: or ollama: model in flight at once. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "" + RetryPolicy.DEFAULT_MAX_RETRIES,
            description = "Retries of a call that met a rate limit (429), a server error (5xx), a timeout or a dropped "
                    + "connection, with exponential backoff that honours Retry-After. Default: ${DEFAULT-VALUE}.")
    int maxRetries;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Longest wait for one answer of an openai: or ollama: model. Default: ${DEFAULT-VALUE}.")
    double timeoutSeconds;

    // Hidden: only tests need retries faster than a real server would want.
    @Option(names = "--retry-delay-ms", hidden = true, defaultValue = "500")
    long retryDelayMs;

    /**
     * The spec these options name; checked before any model is loaded, so a typo costs nothing.
     * Options left out stay unset, so the preset fills them.
     */
    ExplanationSpec spec() {
        ExplanationSpec.Builder b = ExplanationSpec.builder()
                .preset(Preset.of(preset))
                .units(UnitKind.of(units))
                .operator(OperatorKind.of(operator))
                .maskToken(maskToken)
                .sampler(sampler == null ? null : SamplerKind.of(sampler))
                .kernel(kernel == null ? null : KernelKind.of(kernel))
                .surrogate(SurrogateKind.of(surrogate))
                .distance(DistanceKind.of(distance))
                .method(reference == null ? Method.SURROGATE : reference(reference))
                .topK(topK)
                .keep(keep)
                .sigma(sigma)
                .maxNewTokens(maxNewTokens);
        if (samplesOption != null) {
            String given = samplesOption.strip();
            if (given.equals("auto")) {
                b.autoSamples(maxSamples);
            } else {
                try {
                    b.samples(Integer.parseInt(given));
                } catch (NumberFormatException e) {
                    throw new UserInputException("{samples} takes a number or auto, got '" + given + "': try {samples="
                            + SampleBudget.DEFAULT_SAMPLES + "}");
                }
            }
        }
        return b.build();
    }

    /** --reference names only the references; the surrogate is what runs without it. */
    private static Method reference(String name) {
        Method m = Method.of(name);
        if (!m.isReference()) {
            throw new UserInputException("unknown {reference} '" + name + "': choose shapley or loo");
        }
        return m;
    }

    /** How to call an openai: or ollama: model, from these options and the given environment. */
    RemoteOptions remoteOptions(Map<String, String> env, Path home) {
        return RemoteOptions.fromSettings(env, home, apiKeyEnv, logprobs, cache, concurrency, maxRetries, timeoutSeconds,
                retryDelayMs, seed);
    }
}
