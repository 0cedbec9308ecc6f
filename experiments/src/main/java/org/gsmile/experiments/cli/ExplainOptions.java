package org.gsmile.experiments.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gsmile.core.UserInputException;
import org.gsmile.core.adaptive.AdaptiveBudget;
import org.gsmile.core.kernel.GaussianKernel;
import org.gsmile.models.cache.ResponseCache;
import org.gsmile.models.http.RemoteOptions;
import org.gsmile.models.http.RetryPolicy;
import org.gsmile.perturbation.MaskOperator;
import org.gsmile.perturbation.MaskSamplers;
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
                    + "until the top-k units are stable under the bootstrap, at most --max-samples. Default: 64.")
    String samplesOption;

    /** The budget as a number: --samples, or --max-samples with auto. Set by {@link #validate()}. */
    int samples;

    /** Whether --samples is auto. Set by {@link #validate()}. */
    boolean auto;

    @Option(names = "--max-samples", paramLabel = "N", defaultValue = "" + AdaptiveBudget.DEFAULT_MAX,
            description = "Cap of --samples auto. Default: ${DEFAULT-VALUE}.")
    int maxSamples;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "3",
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

    @Option(names = "--mask-token", paramLabel = "TEXT", defaultValue = MaskOperator.DEFAULT_PLACEHOLDER,
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

    @Option(names = "--keep", paramLabel = "P", defaultValue = "0.5",
            description = "Probability that a perturbation keeps each word, in (0, 1). Default: ${DEFAULT-VALUE}.")
    double keep;

    @Option(names = "--sigma", paramLabel = "S", defaultValue = "" + GaussianKernel.DEFAULT_SIGMA,
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

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "32",
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

    /** Checks every option before any model is loaded, so a typo costs nothing. */
    void validate() {
        boolean thesis = switch (preset) {
            case "default" -> false;
            case "thesis" -> true;
            default -> throw new UserInputException("unknown --preset '" + preset + "': choose default or thesis");
        };
        if (sampler == null) {
            sampler = thesis ? "bernoulli" : "strata";
        }
        if (kernel == null) {
            // sgd cannot hold the Shapley kernel's constraints, so it keeps the thesis's kernel unless told otherwise.
            kernel = thesis || surrogate.equals("sgd") ? "gaussian" : "shapley";
        }
        String given = samplesOption == null ? "64" : samplesOption.strip();
        auto = given.equals("auto");
        if (auto) {
            if (maxSamples < 1) {
                throw new UserInputException("--samples auto needs a reachable bound: --max-samples must be positive,"
                        + " got " + maxSamples + ": try --max-samples " + AdaptiveBudget.DEFAULT_MAX);
            }
            AdaptiveBudget.upTo(maxSamples);
            samples = maxSamples;
        } else {
            try {
                samples = Integer.parseInt(given);
            } catch (NumberFormatException e) {
                throw new UserInputException("--samples takes a number or auto, got '" + given + "': try --samples 64");
            }
        }
        if (samples < 1) {
            throw new UserInputException("--samples must be at least 1, got " + samples + ": try --samples 64");
        }
        if (topK < 1) {
            throw new UserInputException("--top-k must be at least 1, got " + topK + ": try --top-k 3");
        }
        if (!MaskSamplers.NAMES.contains(sampler)) {
            throw new UserInputException("unknown --sampler '" + sampler + "': choose one of "
                    + String.join(", ", MaskSamplers.NAMES));
        }
        if (!java.util.List.of("words", "tokens", "phrases", "sentences").contains(units)) {
            throw new UserInputException("unknown --units '" + units + "': choose words, tokens, phrases or sentences");
        }
        if (!java.util.List.of("drop", "mask", "synonym").contains(operator)) {
            throw new UserInputException("unknown --operator '" + operator + "': choose drop, mask or synonym");
        }
        if (maskToken.isEmpty()) {
            throw new UserInputException("--mask-token is empty: give a placeholder such as [MASK], or use --operator drop");
        }
        if (!java.util.List.of("shapley", "gaussian", "uniform").contains(kernel)) {
            throw new UserInputException("unknown --kernel '" + kernel + "': choose shapley, gaussian or uniform");
        }
        if (reference != null && !reference.equals("shapley") && !reference.equals("loo")) {
            throw new UserInputException("unknown --reference '" + reference + "': choose shapley or loo");
        }
        if (surrogate.equals("sgd") && kernel.equals("shapley")) {
            throw new UserInputException("--surrogate sgd cannot hold the Shapley kernel's efficiency constraint exactly:"
                    + " use --surrogate wls, or --kernel gaussian (as --preset thesis does)");
        }
        if (surrogate.equals("sgd") && auto) {
            throw new UserInputException("--samples auto refits the surrogate hundreds of times per round: use"
                    + " --surrogate wls, or a number of samples");
        }
        if (!(keep > 0 && keep < 1)) {
            throw new UserInputException("--keep must be strictly between 0 and 1, got " + keep + ": try --keep 0.5");
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new UserInputException("--sigma must be a positive number, got " + sigma + ": try --sigma "
                    + GaussianKernel.DEFAULT_SIGMA);
        }
        if (maxNewTokens < 1) {
            throw new UserInputException("--max-new-tokens must be at least 1, got " + maxNewTokens);
        }
        Choices.distance(distance);
        Choices.surrogate(surrogate);
        if (logprobs < 0 || logprobs > 20) {
            throw new UserInputException("--logprobs must be between 1 and 20, got " + logprobs + ": try --logprobs 5");
        }
        if (concurrency < 1 || concurrency > 256) {
            throw new UserInputException("--concurrency must be between 1 and 256, got " + concurrency
                    + ": try --concurrency " + RemoteOptions.DEFAULT_CONCURRENCY);
        }
        if (maxRetries < 0 || maxRetries > 20) {
            throw new UserInputException("--max-retries must be between 0 and 20, got " + maxRetries + ": try --max-retries "
                    + RetryPolicy.DEFAULT_MAX_RETRIES);
        }
        if (!(timeoutSeconds > 0) || timeoutSeconds > 86_400) {
            throw new UserInputException("--timeout must be a positive number of seconds, got " + timeoutSeconds
                    + ": try --timeout 120");
        }
        if (retryDelayMs < 0) {
            throw new UserInputException("--retry-delay-ms must not be negative, got " + retryDelayMs);
        }
        if (apiKeyEnv != null && !apiKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new UserInputException("--api-key-env takes the name of an environment variable, like OPENAI_API_KEY,"
                    + " not the key itself");
        }
        if (cache != null && cache.isBlank()) {
            throw new UserInputException("--cache is empty: give a folder, or none to keep no answers");
        }
    }

    /** How to call an openai: or ollama: model, from these options and the given environment. */
    RemoteOptions remoteOptions(Map<String, String> env, Path home) {
        Path cacheDir = cache == null ? ResponseCache.defaultDir(env, home)
                : cache.equals("none") ? null : Path.of(cache);
        Duration base = Duration.ofMillis(retryDelayMs);
        RetryPolicy retry = new RetryPolicy(maxRetries, base, Duration.ofSeconds(30).compareTo(base) > 0
                ? Duration.ofSeconds(30) : base, Duration.ofSeconds(60), seed);
        return new RemoteOptions(env, apiKeyEnv, logprobs, cacheDir, concurrency, retry,
                Duration.ofNanos((long) (timeoutSeconds * 1e9)), Duration.ofSeconds(10));
    }

    /** The configuration as the user set it, in a stable order, for the provenance. */
    Map<String, Object> asConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model", model);
        c.put("samples", samples);
        c.put("keep", keep);
        c.put("sigma", sigma);
        c.put("distance", distance);
        c.put("surrogate", surrogate);
        c.put("maxNewTokens", maxNewTokens);
        if (logprobs > 0) {
            c.put("logprobs", logprobs);
        }
        c.put("units", units);
        c.put("sampler", sampler);
        c.put("operator", operator);
        c.put("kernel", kernel);
        c.put("baseline", "greedy");
        c.put("preset", preset);
        if (auto) {
            c.put("samples", "auto");
            c.put("maxSamples", maxSamples);
        }
        c.put("topK", topK);
        if (operator.equals("mask")) {
            c.put("maskToken", maskToken);
        }
        if (reference != null) {
            c.put("reference", reference);
        }
        return c;
    }
}
