package org.gsmile.core.spec;

import java.util.Objects;
import org.gsmile.core.UserInputException;

/**
 * Everything that defines how a prompt is explained, as one immutable, validated value: the
 * command line maps its options to it, the experiment runner its YAML, and an explanation records
 * it (JSON {@code config}) so it can be read back. The model and the seed are not part of it: the
 * same spec explains any prompt on any model ({@code PromptExplainer.explain(request, model)}).
 *
 * <p>Every rule about which settings go together is checked here, once; settings that depend on the
 * prompt (the number of units) are checked when a prompt is explained. Build one with
 * {@link #builder()}, which fills what is not given from the preset.
 *
 * @param preset       where the defaults of sampler, kernel and budget came from
 * @param units        what the explanation attributes to
 * @param operator     what a perturbation does to a removed unit
 * @param maskToken    the placeholder of {@link OperatorKind#MASK}
 * @param sampler      how masks are drawn
 * @param kernel       the sample weights
 * @param surrogate    the surrogate fit
 * @param distance     the output distance
 * @param method       the surrogate, or a reference computed by its definition
 * @param budget       samples besides the original prompt
 * @param topK         the top set whose stability is reported (and awaited by {@link SampleBudget.Auto})
 * @param keep         probability of keeping a unit (Bernoulli samplers; the fixed sampler drops round((1-keep)n))
 * @param sigma        width of the Gaussian kernel
 * @param maxNewTokens length of the greedy output that is explained
 * @param sign         which way the scores point: the distance convention, or important units positive
 */
public record ExplanationSpec(Preset preset, UnitKind units, OperatorKind operator, String maskToken,
                              SamplerKind sampler, KernelKind kernel, SurrogateKind surrogate, DistanceKind distance,
                              Method method, SampleBudget budget, int topK, double keep, double sigma,
                              int maxNewTokens, SignConvention sign) {
    public static final String DEFAULT_MASK_TOKEN = "[MASK]";
    public static final double DEFAULT_KEEP = 0.5;
    public static final double DEFAULT_SIGMA = 0.5;
    public static final int DEFAULT_TOP_K = 3;
    public static final int DEFAULT_MAX_NEW_TOKENS = 32;

    public ExplanationSpec {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(surrogate, "surrogate");
        Objects.requireNonNull(distance, "distance");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(sign, "sign");
        if (maskToken == null || maskToken.isBlank()) {
            throw new UserInputException("{maskToken} is empty: give a placeholder such as {maskToken="
                    + DEFAULT_MASK_TOKEN + "}, or use {operator=drop}");
        }
        if (topK < 1) {
            throw new UserInputException("{topK} must be at least 1, got " + topK + ": try {topK=" + DEFAULT_TOP_K + "}");
        }
        if (!(keep > 0 && keep < 1)) {
            throw new UserInputException("{keep} must be strictly between 0 and 1, got " + keep + ": try {keep="
                    + DEFAULT_KEEP + "}");
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new UserInputException("{sigma} must be a positive number, got " + sigma + ": try {sigma="
                    + DEFAULT_SIGMA + "}");
        }
        if (maxNewTokens < 1) {
            throw new UserInputException("{maxNewTokens} must be at least 1, got " + maxNewTokens + ": try {maxNewTokens="
                    + DEFAULT_MAX_NEW_TOKENS + "}");
        }
        if (surrogate == SurrogateKind.SGD && kernel == KernelKind.SHAPLEY) {
            throw new UserInputException("{surrogate} sgd cannot hold the Shapley kernel's efficiency constraint exactly:"
                    + " use {surrogate=wls}, or {kernel=gaussian} (as {preset=thesis} does)");
        }
        if (surrogate == SurrogateKind.SGD && budget instanceof SampleBudget.Auto) {
            throw new UserInputException("{samples} auto refits the surrogate hundreds of times per round: use"
                    + " {surrogate=wls}, or a number of {samples}");
        }
    }

    /** The default preset with every default. */
    public static ExplanationSpec defaults() {
        return builder().build();
    }

    /** A preset with every default. */
    public static ExplanationSpec of(Preset preset) {
        return builder().preset(preset).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values, each as if given explicitly. */
    public Builder toBuilder() {
        return new Builder().preset(preset).units(units).operator(operator).maskToken(maskToken).sampler(sampler)
                .kernel(kernel).surrogate(surrogate).distance(distance).method(method).budget(budget).topK(topK)
                .keep(keep).sigma(sigma).maxNewTokens(maxNewTokens).sign(sign);
    }

    /** Whether the surrogate is fitted with bootstrap intervals (wls; sgd is too slow to refit 200 times). */
    public boolean bootstraps() {
        return surrogate == SurrogateKind.WLS;
    }

    /**
     * Fills a spec; what is not given comes from the preset (sampler, kernel, budget) or the
     * documented default. Nothing is checked before {@link #build()}.
     */
    public static final class Builder {
        private Preset preset = Preset.DEFAULT;
        private UnitKind units = UnitKind.WORDS;
        private OperatorKind operator = OperatorKind.DROP;
        private String maskToken = DEFAULT_MASK_TOKEN;
        private SamplerKind sampler;
        private KernelKind kernel;
        private SurrogateKind surrogate = SurrogateKind.WLS;
        private DistanceKind distance = DistanceKind.TOKEN_WASSERSTEIN;
        private Method method = Method.SURROGATE;
        private SampleBudget budget;
        private int topK = DEFAULT_TOP_K;
        private double keep = DEFAULT_KEEP;
        private double sigma = DEFAULT_SIGMA;
        private int maxNewTokens = DEFAULT_MAX_NEW_TOKENS;
        private SignConvention sign = SignConvention.DISTANCE;

        private Builder() {
        }

        public Builder preset(Preset v) {
            preset = v;
            return this;
        }

        public Builder units(UnitKind v) {
            units = v;
            return this;
        }

        public Builder operator(OperatorKind v) {
            operator = v;
            return this;
        }

        public Builder maskToken(String v) {
            maskToken = v;
            return this;
        }

        /** null: the preset's. */
        public Builder sampler(SamplerKind v) {
            sampler = v;
            return this;
        }

        /** null: the preset's (gaussian with sgd, which cannot hold the Shapley kernel). */
        public Builder kernel(KernelKind v) {
            kernel = v;
            return this;
        }

        public Builder surrogate(SurrogateKind v) {
            surrogate = v;
            return this;
        }

        public Builder distance(DistanceKind v) {
            distance = v;
            return this;
        }

        public Builder method(Method v) {
            method = v;
            return this;
        }

        /** null: the preset's. */
        public Builder budget(SampleBudget v) {
            budget = v;
            return this;
        }

        public Builder samples(int v) {
            return budget(new SampleBudget.Fixed(v));
        }

        public Builder autoSamples(int max) {
            return budget(new SampleBudget.Auto(max));
        }

        public Builder topK(int v) {
            topK = v;
            return this;
        }

        public Builder keep(double v) {
            keep = v;
            return this;
        }

        public Builder sigma(double v) {
            sigma = v;
            return this;
        }

        public Builder maxNewTokens(int v) {
            maxNewTokens = v;
            return this;
        }

        public Builder sign(SignConvention v) {
            sign = v;
            return this;
        }

        public ExplanationSpec build() {
            boolean thesis = preset == Preset.THESIS;
            SamplerKind s = sampler != null ? sampler : thesis ? SamplerKind.BERNOULLI : SamplerKind.STRATA;
            // sgd cannot hold the Shapley kernel's constraints, so it keeps the thesis's kernel unless told otherwise.
            KernelKind k = kernel != null ? kernel
                    : thesis || surrogate == SurrogateKind.SGD ? KernelKind.GAUSSIAN : KernelKind.SHAPLEY;
            // Not given: 64 samples, or enough to identify every unit of a longer prompt.
            SampleBudget b = budget != null ? budget : new SampleBudget.AtLeast(SampleBudget.DEFAULT_SAMPLES);
            return new ExplanationSpec(preset, units, operator, maskToken, s, k, surrogate, distance, method, b, topK,
                    keep, sigma, maxNewTokens, sign);
        }
    }
}
