package org.gsmile.core.spec;

import java.util.EnumSet;
import java.util.List;
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
 * @param sigma        width of the gaussian and wmd kernels (each has its own default)
 * @param maxNewTokens length of the greedy output that is explained
 * @param sign         which way the scores point: the distance convention, or important units positive
 * @param featureModel the ONNX image model whose feature vectors {@link DistanceKind#FEATURE_WASSERSTEIN}
 *                     compares (a path); null with any other distance
 */
public record ExplanationSpec(Preset preset, UnitKind units, OperatorKind operator, String maskToken,
                              SamplerKind sampler, KernelKind kernel, SurrogateKind surrogate, DistanceKind distance,
                              Method method, SampleBudget budget, int topK, double keep, double sigma,
                              int maxNewTokens, SignConvention sign, String featureModel) {
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
        // A setting that has no effect with the others is held at its default, so that two specs that
        // explain the same way are equal and the provenance claims nothing that did not matter.
        if (method.isReference()) {
            preset = Preset.DEFAULT;
            sampler = SamplerKind.PROFILE;
            kernel = KernelKind.SHAPLEY;
            surrogate = SurrogateKind.PROFILE;
            budget = new SampleBudget.AtLeast(SampleBudget.DEFAULT_SAMPLES);
            topK = DEFAULT_TOP_K;
        }
        if (surrogate == SurrogateKind.SGD) {
            topK = DEFAULT_TOP_K;
        }
        if (!usesKeep(sampler)) {
            keep = DEFAULT_KEEP;
        }
        if (!kernel.usesSigma()) {
            sigma = DEFAULT_SIGMA;
        }
        if (operator != OperatorKind.MASK) {
            maskToken = DEFAULT_MASK_TOKEN;
        }
        if (distance != DistanceKind.FEATURE_WASSERSTEIN) {
            featureModel = null;
        } else if (featureModel == null || featureModel.isBlank()) {
            throw new UserInputException("{distance=feature-wasserstein} compares the feature vectors of an image model:"
                    + " name its ONNX file with {featureModel}");
        }
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
        if (surrogate == SurrogateKind.PROFILE && kernel != KernelKind.SHAPLEY) {
            throw new UserInputException("{surrogate} profile estimates Shapley values and needs the Shapley kernel's"
                    + " empty and full prompt: use {kernel=shapley}, or {surrogate=wls}");
        }
        if (units.isHierarchical() && method.isReference()) {
            throw new UserInputException("{units} " + units.label() + " estimates the words of a long prompt in two"
                    + " steps; a reference computes every word's value by its definition: use {units=words}");
        }
        if (units.isHierarchical() && (surrogate != SurrogateKind.PROFILE || budget instanceof SampleBudget.Auto)) {
            throw new UserInputException("{units} " + units.label() + " runs the size-profile fit with the Shapley"
                    + " kernel on a fixed budget: leave {surrogate} and {kernel} at their defaults and give a number of"
                    + " {samples}, or use {units=words}");
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

    /**
     * A builder holding this spec's values, none of them counted as given: settings changed on it
     * are checked against the rest as a user's would be.
     */
    public Builder toBuilder() {
        Builder b = new Builder().preset(preset).units(units).operator(operator).maskToken(maskToken).sampler(sampler)
                .kernel(kernel).surrogate(surrogate).distance(distance).method(method).budget(budget).topK(topK)
                .keep(keep).maxNewTokens(maxNewTokens).sign(sign);
        b.featureModel = featureModel;
        // A width at its kernel's default stays unset, so that changing the kernel gives the new one's default.
        b.sigma = usesSigma() && sigma != kernel.defaultSigma() ? sigma : null;
        b.given.clear();
        return b;
    }

    /** Whether the sampler draws with the keep probability (the Bernoulli samplers and the fixed one). */
    public static boolean usesKeep(SamplerKind sampler) {
        return sampler == SamplerKind.BERNOULLI || sampler == SamplerKind.PAIRED_BERNOULLI || sampler == SamplerKind.FIXED;
    }

    /** Whether this spec's {@code keep} has an effect. */
    public boolean usesKeep() {
        return !method.isReference() && usesKeep(sampler);
    }

    /** Whether this spec's {@code sigma} has an effect. */
    public boolean usesSigma() {
        return !method.isReference() && kernel.usesSigma();
    }

    /** Whether the surrogate is fitted with bootstrap intervals (wls and profile; sgd is too slow to refit 200 times). */
    public boolean bootstraps() {
        return surrogate != SurrogateKind.SGD;
    }

    /**
     * Fills a spec; what is not given comes from the preset (sampler, kernel, budget) or the
     * documented default. Nothing is checked before {@link #build()}, which also refuses a setting
     * given explicitly that has no effect with the others (a silently ignored option misleads).
     */
    public static final class Builder {
        private Preset preset = Preset.DEFAULT;
        private UnitKind units = UnitKind.WORDS;
        private OperatorKind operator = OperatorKind.DROP;
        private String maskToken = DEFAULT_MASK_TOKEN;
        private SamplerKind sampler;
        private KernelKind kernel;
        /** null: the preset's (profile with the Shapley kernel under the default preset, else wls). */
        private SurrogateKind surrogate;
        private DistanceKind distance = DistanceKind.AUTO;
        private Method method = Method.SURROGATE;
        private SampleBudget budget;
        private int topK = DEFAULT_TOP_K;
        private double keep = DEFAULT_KEEP;
        /** Null until set: each kernel has its own default width. */
        private Double sigma;
        private int maxNewTokens = DEFAULT_MAX_NEW_TOKENS;
        private SignConvention sign = SignConvention.DISTANCE;
        private String featureModel;
        private Integer maxSamples;
        /** The settings given explicitly: only they can be refused as having no effect. */
        private final EnumSet<Setting> given = EnumSet.noneOf(Setting.class);

        private Builder() {
        }

        public Builder preset(Preset v) {
            preset = v;
            given.add(Setting.PRESET);
            return this;
        }

        public Builder units(UnitKind v) {
            units = v;
            given.add(Setting.UNITS);
            return this;
        }

        public Builder operator(OperatorKind v) {
            operator = v;
            given.add(Setting.OPERATOR);
            return this;
        }

        public Builder maskToken(String v) {
            maskToken = v;
            given.add(Setting.MASK_TOKEN);
            return this;
        }

        /** null: the preset's. */
        public Builder sampler(SamplerKind v) {
            sampler = v;
            mark(Setting.SAMPLER, v != null);
            return this;
        }

        /** null: the preset's (gaussian with sgd, which cannot hold the Shapley kernel). */
        public Builder kernel(KernelKind v) {
            kernel = v;
            mark(Setting.KERNEL, v != null);
            return this;
        }

        /**
         * null: the preset's. A surrogate held but not given (one {@link ExplanationSpec#toBuilder} copied)
         * follows the kernel: the default profile fit becomes wls when the kernel is not the Shapley kernel.
         */
        public Builder surrogate(SurrogateKind v) {
            surrogate = v;
            mark(Setting.SURROGATE, v != null);
            return this;
        }

        public Builder distance(DistanceKind v) {
            distance = v;
            given.add(Setting.DISTANCE);
            return this;
        }

        public Builder method(Method v) {
            method = v;
            given.add(Setting.REFERENCE);
            return this;
        }

        /** null: the preset's. */
        public Builder budget(SampleBudget v) {
            budget = v;
            mark(Setting.SAMPLES, v != null);
            return this;
        }

        public Builder samples(int v) {
            return budget(new SampleBudget.Fixed(v));
        }

        public Builder autoSamples(int max) {
            return budget(new SampleBudget.Auto(max));
        }

        /** The cap of an automatic budget ({@link SampleBudget.Auto}); refused with any other budget. */
        public Builder maxSamples(int max) {
            maxSamples = max;
            given.add(Setting.MAX_SAMPLES);
            return this;
        }

        private void mark(Setting setting, boolean isGiven) {
            if (isGiven) {
                given.add(setting);
            } else {
                given.remove(setting);
            }
        }

        public Builder topK(int v) {
            topK = v;
            given.add(Setting.TOP_K);
            return this;
        }

        public Builder keep(double v) {
            keep = v;
            given.add(Setting.KEEP);
            return this;
        }

        public Builder sigma(double v) {
            sigma = v;
            given.add(Setting.SIGMA);
            return this;
        }

        public Builder maxNewTokens(int v) {
            maxNewTokens = v;
            given.add(Setting.MAX_NEW_TOKENS);
            return this;
        }

        public Builder sign(SignConvention v) {
            sign = v;
            given.add(Setting.SIGN);
            return this;
        }

        /** The ONNX image model of {@link DistanceKind#FEATURE_WASSERSTEIN}, as a path; refused with any other distance. */
        public Builder featureModel(String v) {
            featureModel = v;
            mark(Setting.FEATURE_MODEL, v != null);
            return this;
        }

        private void refuseWithoutEffect(SamplerKind s, KernelKind k, SampleBudget b) {
            if (method.isReference()) {
                for (Setting x : List.of(Setting.PRESET, Setting.SAMPLER, Setting.KERNEL, Setting.SAMPLES,
                        Setting.MAX_SAMPLES, Setting.KEEP, Setting.SIGMA, Setting.SURROGATE, Setting.TOP_K)) {
                    if (given.contains(x)) {
                        throw new UserInputException("{" + x.key() + "} has no effect with {reference=" + method.label()
                                + "}: a reference observes the coalitions it needs and computes the values by their"
                                + " definition; leave {" + x.key() + "} out");
                    }
                }
                return;
            }
            String from = given.contains(Setting.SAMPLER) ? "" : " (the " + preset.label() + " preset's sampler)";
            if (given.contains(Setting.KEEP) && !usesKeep(s)) {
                throw new UserInputException("{keep} has no effect with {sampler=" + s.label() + "}" + from + ": it is the"
                        + " keep probability of the bernoulli, paired-bernoulli and fixed samplers; leave {keep} out, or"
                        + " choose one of those with {sampler}");
            }
            if (given.contains(Setting.SIGMA) && !k.usesSigma()) {
                throw new UserInputException("{sigma} has no effect with {kernel=" + k.label() + "}"
                        + (given.contains(Setting.KERNEL) ? "" : " (the " + preset.label() + " preset's kernel)")
                        + ": it is the width of the gaussian and wmd kernels; leave {sigma} out, or give"
                        + " {kernel=gaussian}");
            }
            if (given.contains(Setting.MASK_TOKEN) && operator != OperatorKind.MASK) {
                throw new UserInputException("{maskToken} has no effect with {operator=" + operator.label() + "}: it is"
                        + " what {operator=mask} puts in place of a removed unit; leave {maskToken} out, or give"
                        + " {operator=mask}");
            }
            if (given.contains(Setting.FEATURE_MODEL) && distance != DistanceKind.FEATURE_WASSERSTEIN) {
                throw new UserInputException("{featureModel} has no effect with {distance=" + distance.label() + "}: it is"
                        + " the image model whose features {distance=feature-wasserstein} compares; leave {featureModel}"
                        + " out, or give {distance=feature-wasserstein}");
            }
            if (given.contains(Setting.TOP_K) && surrogate == SurrogateKind.SGD) {
                throw new UserInputException("{topK} has no effect with {surrogate=sgd}: without bootstrap refits there is"
                        + " no top-k stability to report; leave {topK} out, or use {surrogate=wls}");
            }
        }

        public ExplanationSpec build() {
            boolean thesis = preset == Preset.THESIS;
            SamplerKind s = sampler != null ? sampler : thesis ? SamplerKind.BERNOULLI : SamplerKind.PROFILE;
            // sgd cannot hold the Shapley kernel's constraints, so it keeps the thesis's kernel unless told otherwise.
            KernelKind k = kernel != null ? kernel
                    : thesis || surrogate == SurrogateKind.SGD ? KernelKind.GAUSSIAN : KernelKind.SHAPLEY;
            // The size-profile fit estimates Shapley values: the default's fit with the Shapley kernel, wls otherwise.
            SurrogateKind f = surrogate;
            if (f == null || f == SurrogateKind.PROFILE && !given.contains(Setting.SURROGATE) && k != KernelKind.SHAPLEY) {
                f = !thesis && k == KernelKind.SHAPLEY ? SurrogateKind.PROFILE : SurrogateKind.WLS;
            }
            // Not given: 64 samples, or enough to identify every unit of a longer prompt.
            SampleBudget b = budget != null ? budget : new SampleBudget.AtLeast(SampleBudget.DEFAULT_SAMPLES);
            if (maxSamples != null) {
                if (!(b instanceof SampleBudget.Auto)) {
                    throw new UserInputException("{maxSamples} has no effect without {samples=auto}: it caps the automatic"
                            + " budget; leave {maxSamples} out, or give {samples=auto}");
                }
                b = new SampleBudget.Auto(maxSamples);
            }
            refuseWithoutEffect(s, k, b);
            return new ExplanationSpec(preset, units, operator, maskToken, s, k, f, distance, method, b, topK,
                    keep, sigma != null ? sigma : k.usesSigma() ? k.defaultSigma() : DEFAULT_SIGMA, maxNewTokens, sign,
                    featureModel);
        }
    }
}
