package org.gsmile.experiments.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gsmile.core.UserInputException;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.KernelKind;
import org.gsmile.core.spec.Method;
import org.gsmile.core.spec.OperatorKind;
import org.gsmile.core.spec.Preset;
import org.gsmile.core.spec.SampleBudget;
import org.gsmile.core.spec.SamplerKind;
import org.gsmile.core.spec.SignConvention;
import org.gsmile.core.spec.SurrogateKind;
import org.gsmile.core.spec.UnitKind;
import org.gsmile.models.http.RemoteModels;
import org.gsmile.models.http.RemoteOptions;
import org.gsmile.models.http.RetryPolicy;
import org.gsmile.models.resolve.ModelResolver;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options that define an explanation; shared by the commands that run one. */
public final class ExplainOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    static final String DEFAULT_MODEL = "local:stories260K";

    @Option(names = "--model", paramLabel = "REF", defaultValue = DEFAULT_MODEL,
            description = "Model to explain: local:stories260K (default; explain-image: onnx-editor:tinyeditor),"
                    + " local:/path/model.bin or local:/path/model.gguf;"
                    + " onnx:NAME (a model folder under GSMILE_MODELS, e.g. onnx:tinygpt) or onnx:/path/model.onnx;"
                    + " openai:<baseUrl>#<model> (any OpenAI-compatible server; add ?api=completions for /completions)"
                    + " or ollama:<model>[@http://host:port]; oracle:keywords#rain=0.6,remove=0.4 (a model with known"
                    + " Shapley values, for checking metrics). explain-image also takes onnx-editor:NAME or"
                    + " onnx-editor:/path/model.onnx, http-editor:<url> (the generic edit endpoint),"
                    + " openai-editor:<baseUrl>#<model>, openai-generator:<baseUrl>#<model>, a1111-editor:[<url>] and"
                    + " a1111-generator:[<url>], each optionally followed by ?size=WxH (a1111: also steps, seed,"
                    + " denoising).")
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
            description = "Defaults for --sampler, --kernel, --surrogate and --samples: default (size-profile sampler "
                    + "and fit, Shapley kernel, 64 samples; the fastest to agree with exact Shapley values) or thesis "
                    + "(Bernoulli(--keep) sampler, Gaussian kernel, wls, 64 samples: the thesis recipe, for "
                    + "reproductions). Options given explicitly win.")
    String preset;

    @Option(names = "--units", paramLabel = "NAME", defaultValue = "words",
            description = "What the explanation attributes to: words (default), tokens (the model's own; local: models),"
                    + " phrases (clauses, split at punctuation), sentences, or words estimated hierarchically for long"
                    + " prompts: phrases-then-words or sentences-then-words (the phrases or sentences first, then the"
                    + " words of those that matter most). In any case [[several words]] in the "
                    + "prompt is one unit, and the brackets are not sent to the model; write \\[[ and \\]] for "
                    + "literal brackets.")
    String units;

    @Option(names = "--operator", paramLabel = "NAME", defaultValue = "drop",
            description = "What a perturbation does to a removed unit: drop (default), mask (replace it with "
                    + "--mask-token) or synonym (replace it with a WordNet synonym; a unit without one is dropped).")
    String operator;

    @Option(names = "--mask-token", paramLabel = "TEXT", defaultValue = ExplanationSpec.DEFAULT_MASK_TOKEN,
            description = "Placeholder of --operator mask. Default: ${DEFAULT-VALUE}.")
    String maskToken;

    @Option(names = "--sampler", paramLabel = "NAME",
            description = "How perturbations are drawn: profile (every single-unit and leave-one-out prompt, then "
                    + "coalitions of 3 and of n/2 units in turn; default), strata (whole coalition-size strata from the "
                    + "extremes inward), exhaustive (every coalition, at most 20 units), shapley or paired-shapley "
                    + "(KernelSHAP's coalition-size law), leverage (Leverage SHAP's leverage scores) or modified-l2 "
                    + "(the unified framework's modified l2 weights), bernoulli or paired-bernoulli (each unit kept "
                    + "with --keep; bernoulli is the thesis's) or fixed (round((1 - keep) n) units dropped).")
    String sampler;

    @Option(names = "--kernel", paramLabel = "NAME",
            description = "Sample weights of the surrogate fit: shapley (the Shapley kernel with the efficiency "
                    + "constraint, so scores estimate Shapley values; default), gaussian (exp(-d^2/sigma^2) on the "
                    + "fraction d of units removed, the thesis; the default with --surrogate sgd), wmd (sqrt(exp(-d^2/"
                    + "sigma^2)) on the Word Mover's distance d between the original and the perturbed prompt, as the "
                    + "thesis group's code weighs samples) or uniform.")
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
            description = "Width of the gaussian and wmd kernels. Default: 0.5 for gaussian, 0.25 for wmd.")
    double sigma;

    @Option(names = "--distance", paramLabel = "NAME", defaultValue = "auto",
            description = "Output distance: auto (default: token-wasserstein where the model gives token probabilities,"
                    + " else embedding-wasserstein, and the output says which ran), token-wasserstein (Wasserstein-1"
                    + " between next-token distributions), logprob-shift (mean rise in negative log-likelihood of the"
                    + " output), embedding-wasserstein (Word Mover's Distance between the output texts) or"
                    + " sentence-embedding (cosine distance between sentence embeddings of the outputs). For images"
                    + " (explain-image): channel-wasserstein (auto), sliced-wasserstein, ssim or feature-wasserstein.")
    String distance;

    @Option(names = "--surrogate", paramLabel = "NAME",
            description = "Surrogate fit: profile (Shapley values from the size profile: exact on the coalition sizes "
                    + "observed whole, a linear model within the others; the default with the Shapley kernel), wls "
                    + "(exact weighted least squares; the default otherwise) or sgd (Tribuo LinearSGDTrainer).")
    String surrogate;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "" + ExplanationSpec.DEFAULT_MAX_NEW_TOKENS,
            description = "Length of the greedy output that is explained. Default: ${DEFAULT-VALUE}.")
    int maxNewTokens;

    @Option(names = "--sign", paramLabel = "distance|importance", defaultValue = "distance",
            description = "Which way the scores point: distance (default; negative = keeping the unit holds the output"
                    + " in place, the surrogate's own sign) or importance (the opposite: positive = keeping the unit"
                    + " holds the output in place, as SHAP and Captum users read scores).")
    String sign;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Environment variable that holds the API key of a model behind an API. "
                    + "Default: OPENAI_API_KEY for openai:, openai-editor: and openai-generator:; none for ollama:,"
                    + " http-editor: and the a1111 models.")
    String apiKeyEnv;

    @Option(names = "--logprobs", paramLabel = "K", arity = "0..1", defaultValue = "0", fallbackValue = "5",
            description = "Ask an openai: or ollama: server for the top K log-probabilities of each output token "
                    + "(5 when K is left out), so that --distance token-wasserstein works over the API.")
    int logprobs;

    @Option(names = "--cache", paramLabel = "DIR|none",
            description = "Where answers of models behind an API are kept, so a repeated run only calls the "
                    + "model for prompts (and images) it has not seen; none keeps nothing. "
                    + "Default: $XDG_CACHE_HOME/gsmile/responses, else ~/.cache/gsmile/responses.")
    String cache;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + RemoteOptions.DEFAULT_CONCURRENCY,
            description = "Calls to a model behind an API in flight at once. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "" + RetryPolicy.DEFAULT_MAX_RETRIES,
            description = "Retries of a call that met a rate limit (429), a server error (5xx), a timeout or a dropped "
                    + "connection, with exponential backoff that honours Retry-After. Default: ${DEFAULT-VALUE}.")
    int maxRetries;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Longest wait for one answer of a model behind an API. Default: ${DEFAULT-VALUE}.")
    double timeoutSeconds;

    // Hidden: only tests need retries faster than a real server would want.
    @Option(names = "--retry-delay-ms", hidden = true, defaultValue = "500")
    long retryDelayMs;

    /**
     * The spec these options name; checked before any model is loaded, so a typo costs nothing.
     * Options left out stay unset, so the preset fills them.
     */
    ExplanationSpec spec() {
        return builder().build();
    }

    /** The builder {@link #spec()} builds, for commands that add settings of their own. */
    ExplanationSpec.Builder builder() {
        ExplanationSpec.Builder b = ExplanationSpec.builder();
        // Only options the user gave are set: the spec refuses a given option that has no effect with
        // the others, and fills the rest from the preset.
        if (given("--preset")) {
            b.preset(Preset.of(preset));
        }
        if (given("--units")) {
            b.units(UnitKind.of(units));
        }
        if (given("--operator")) {
            b.operator(OperatorKind.of(operator));
        }
        if (given("--mask-token")) {
            b.maskToken(maskToken);
        }
        if (sampler != null) {
            b.sampler(SamplerKind.of(sampler));
        }
        if (kernel != null) {
            b.kernel(KernelKind.of(kernel));
        }
        if (given("--surrogate")) {
            b.surrogate(SurrogateKind.of(surrogate));
        }
        if (given("--distance")) {
            b.distance(DistanceKind.of(distance));
        }
        if (reference != null) {
            b.method(reference(reference));
        }
        if (given("--top-k")) {
            b.topK(topK);
        }
        if (given("--keep")) {
            b.keep(keep);
        }
        if (given("--sigma")) {
            b.sigma(sigma);
        }
        if (given("--max-new-tokens")) {
            b.maxNewTokens(maxNewTokens);
        }
        if (given("--sign")) {
            b.sign(SignConvention.of(sign));
        }
        if (samplesOption != null) {
            String value = samplesOption.strip();
            if (value.equalsIgnoreCase("auto")) {
                b.budget(new SampleBudget.Auto(SampleBudget.DEFAULT_MAX));
            } else {
                b.samples(samples(value));
            }
        }
        if (given("--max-samples")) {
            if (maxSamples > MAX_SAMPLES) {
                throw new UserInputException("{maxSamples} " + maxSamples + " is too large: give a number from "
                        + SampleBudget.MIN_AUTO + " to " + MAX_SAMPLES + ", as in {maxSamples="
                        + SampleBudget.DEFAULT_MAX + "}");
            }
            b.maxSamples(maxSamples);
        }
        return b;
    }

    /** Whether the user gave the option on the command line (rather than picocli filling its default). */
    boolean given(String option) {
        return mixee.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The most samples one explanation may request: more than any analysis needs, and what memory can hold. */
    static final int MAX_SAMPLES = 100_000;

    /** A count for --samples, with the range in every refusal. */
    private static int samples(String given) {
        String range = "a number from 1 to " + MAX_SAMPLES + ", or auto";
        if (given.isEmpty()) {
            throw new UserInputException("{samples} is empty: give " + range + ", as in {samples="
                    + SampleBudget.DEFAULT_SAMPLES + "}");
        }
        if (!given.matches("[+-]?\\d+")) {
            throw new UserInputException("{samples} takes " + range + ", got '" + given + "': try {samples="
                    + SampleBudget.DEFAULT_SAMPLES + "}");
        }
        java.math.BigInteger n = new java.math.BigInteger(given);
        if (n.signum() < 1) {
            throw new UserInputException("{samples} must be at least 1, got " + n + ": give " + range);
        }
        if (n.compareTo(java.math.BigInteger.valueOf(MAX_SAMPLES)) > 0) {
            throw new UserInputException("{samples} " + n + " is too large: give " + range + " (auto stops when the"
                    + " top units are stable)");
        }
        return n.intValue();
    }

    /** --reference names only the references; the surrogate is what runs without it. */
    private static Method reference(String name) {
        Method m = Method.of(name);
        if (!m.isReference()) {
            throw new UserInputException("unknown {reference} '" + name + "': choose shapley or loo");
        }
        return m;
    }

    /**
     * How to call an openai: or ollama: model, from these options and the given environment.
     * Options that only a remote model reads are refused for any other model.
     */
    /** The model these options name, loaded (or connected to) with their client settings. */
    GenerativeModel openModel(Map<String, String> env, Path home) {
        return ModelResolver.fromEnvironment(env, home).resolve(model, remoteOptions(env, home));
    }

    RemoteOptions remoteOptions(Map<String, String> env, Path home) {
        String kind = model.strip().toLowerCase(java.util.Locale.ROOT);
        // Only a reference that names a model of another kind; a malformed one gets the resolver's own line.
        if (!RemoteModels.accepts(model) && (kind.startsWith("local:") || kind.startsWith("onnx:")
                || kind.startsWith("oracle:"))) {
            for (String option : List.of("--logprobs", "--api-key-env", "--cache", "--concurrency", "--max-retries",
                    "--timeout")) {
                if (given(option)) {
                    throw new UserInputException(option + " has no effect with --model " + model.strip() + ": it configures"
                            + " calls to a server (openai: and ollama: models); leave " + option + " out");
                }
            }
        }
        return RemoteOptions.fromSettings(env, home, apiKeyEnv, logprobs, cache, concurrency, maxRetries, timeoutSeconds,
                retryDelayMs, seed);
    }
}
