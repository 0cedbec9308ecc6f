package org.gsmile.experiments.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gsmile.core.UserInputException;
import org.gsmile.core.kernel.GaussianKernel;
import picocli.CommandLine.Option;

/** The options that define an explanation; shared by the commands that run one. */
public final class ExplainOptions {
    static final String DEFAULT_MODEL = "local:stories260K";

    @Option(names = "--model", paramLabel = "REF", defaultValue = DEFAULT_MODEL,
            description = "Model to explain: local:stories260K (default), local:/path/model.bin or local:/path/model.gguf.")
    String model;

    @Option(names = "--samples", paramLabel = "J", defaultValue = "128",
            description = "Perturbations to draw (model calls; repeats are answered from the cache). Default: ${DEFAULT-VALUE}.")
    int samples;

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
                    + "default) or logprob-shift (mean rise in negative log-likelihood of the output).")
    String distance;

    @Option(names = "--surrogate", paramLabel = "NAME", defaultValue = "wls",
            description = "Surrogate fit: wls (exact weighted least squares, default) or sgd (Tribuo LinearSGDTrainer).")
    String surrogate;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "32",
            description = "Length of the greedy output that is explained. Default: ${DEFAULT-VALUE}.")
    int maxNewTokens;

    /** Checks every option before any model is loaded, so a typo costs nothing. */
    void validate() {
        if (samples < 1) {
            throw new UserInputException("--samples must be at least 1, got " + samples + ": try --samples 128");
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
        c.put("units", "words");
        c.put("sampler", "bernoulli");
        c.put("operator", "drop");
        c.put("kernel", "gaussian");
        c.put("baseline", "greedy");
        return c;
    }
}
