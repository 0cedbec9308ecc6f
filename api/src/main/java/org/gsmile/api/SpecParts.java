package org.gsmile.api;

import org.gsmile.core.UserInputException;
import org.gsmile.core.adaptive.AdaptiveBudget;
import org.gsmile.core.adaptive.Bootstrap;
import org.gsmile.core.adaptive.Budget;
import org.gsmile.core.adaptive.FixedBudget;
import org.gsmile.core.distance.ChannelWassersteinDistance;
import org.gsmile.core.distance.FeatureWassersteinDistance;
import org.gsmile.core.distance.LogProbShiftDistance;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.distance.SlicedWassersteinDistance;
import org.gsmile.core.distance.SsimDistance;
import org.gsmile.core.distance.SentenceEmbeddingDistance;
import org.gsmile.core.distance.TokenWassersteinDistance;
import org.gsmile.core.distance.TopLogprobsWassersteinDistance;
import org.gsmile.core.distance.WordMoversDistance;
import org.gsmile.core.explain.Design;
import org.gsmile.core.explain.ExplainerParts;
import org.gsmile.core.explain.Observation;
import org.gsmile.core.kernel.GaussianKernel;
import org.gsmile.core.kernel.PromptWmdWeighting;
import org.gsmile.core.mask.MaskSampler;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ImageGenerator;
import org.gsmile.core.model.TopLogprobsModel;
import org.gsmile.core.reference.ConstrainedLeastSquares;
import org.gsmile.core.reference.InverseProbabilityWeighting;
import org.gsmile.core.reference.SampleWeighting;
import org.gsmile.core.reference.ShapleyKernel;
import org.gsmile.core.reference.SizeProfileFit;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.SampleBudget;
import org.gsmile.core.spec.SamplerKind;
import org.gsmile.core.surrogate.Surrogate;
import org.gsmile.core.surrogate.TribuoSgdSurrogate;
import org.gsmile.core.unit.UnitSplitter;
import org.gsmile.models.embed.MiniLmEmbedder;
import org.gsmile.models.probe.ImageProbe;
import org.gsmile.models.probe.TextProbe;
import org.gsmile.models.probe.TokenScoresProbe;
import org.gsmile.models.probe.TopLogprobsProbe;
import org.gsmile.perturbation.DropOperator;
import org.gsmile.perturbation.MarkedSplitter;
import org.gsmile.perturbation.MaskOperator;
import org.gsmile.perturbation.MaskSamplers;
import org.gsmile.perturbation.PunctuationSplitter;
import org.gsmile.perturbation.SynonymOperator;
import org.gsmile.perturbation.TokenSplitter;
import org.gsmile.perturbation.WordNetThesaurus;
import org.gsmile.perturbation.WordSplitter;

/** The parts a spec names, built for the model and prompt at hand. */
final class SpecParts implements ExplainerParts {
    private final ExplanationSpec spec;
    private final PerturbationOperator operator;
    private final ObservationStore store;
    private final boolean intervals;

    SpecParts(ExplanationSpec spec) {
        this(spec, null);
    }

    /** @param store where observations are kept across explanations and runs; null for none */
    SpecParts(ExplanationSpec spec, ObservationStore store) {
        this(spec, store, true);
    }

    /**
     * @param intervals whether a fixed budget refits bootstrap resamples for intervals; an automatic
     *                  budget always does, since its stopping rule reads them
     */
    SpecParts(ExplanationSpec spec, ObservationStore store, boolean intervals) {
        this.spec = spec;
        this.store = store;
        this.intervals = intervals;
        this.operator = switch (spec.operator()) {
            case DROP -> new DropOperator();
            case MASK -> new MaskOperator(spec.maskToken());
            case SYNONYM -> new SynonymOperator(WordNetThesaurus.load());
        };
    }

    @Override
    public UnitSplitter splitter(GenerativeModel model) {
        return splitter((BlackBoxModel) model);
    }

    /** The unit kind's splitter; {@code [[marked]]} spans are one unit whatever the kind, and whatever the model returns. */
    @Override
    public UnitSplitter splitter(BlackBoxModel model) {
        UnitSplitter base = switch (spec.units()) {
            case WORDS, PHRASES_THEN_WORDS, SENTENCES_THEN_WORDS -> new WordSplitter();
            case PHRASES -> PunctuationSplitter.phrases();
            case SENTENCES -> PunctuationSplitter.sentences();
            case TOKENS -> new TokenSplitter(model.tokenPieces().orElseThrow(() -> new UserInputException(
                    "{units=tokens} needs the model's tokenizer, which " + model.info().id() + " does not expose:"
                            + " use {units=words}")));
        };
        return new MarkedSplitter(base);
    }

    /** The groups a hierarchical explanation explains first: phrases or sentences of the text sent to the model. */
    UnitSplitter groups() {
        return spec.units().groups() == org.gsmile.core.spec.UnitKind.SENTENCES ? PunctuationSplitter.sentences()
                : PunctuationSplitter.phrases();
    }

    /**
     * With a store, shifts it holds are read from it (see {@link StoredObservation}).
     * Text distances compare greedy outputs, so they work with any model. Token distances
     * teacher-force where the model can score a fixed continuation; a model behind an API cannot, so
     * there token-wasserstein compares the top log-probabilities of the two generated outputs
     * instead, and logprob-shift is not available.
     */
    @Override
    public Observation<?> observation(GenerativeModel model) {
        Observation<?> live = liveObservation(model);
        return store == null ? live : StoredObservation.wrap(live, store, model,
                distance(model).label() + "/" + spec.maxNewTokens() + "/" + TokenWassersteinDistance.DEFAULT_TOP_K);
    }

    /**
     * A text model as {@link #observation(GenerativeModel)} says; a model whose output is an image by
     * its images and the spec's image distance. An editor must be bound to its input image first.
     */
    @Override
    public Observation<?> observation(BlackBoxModel model) {
        if (!(model instanceof ImageGenerator images)) {
            return ExplainerParts.super.observation(model);
        }
        Observation<Image> live = new Observation<>(new ImageProbe(images), imageDistance(images));
        DistanceKind d = imageDistanceKind(images);
        String observer = d.label() + (d == DistanceKind.FEATURE_WASSERSTEIN
                ? "/" + FeatureModels.shared(spec.featureModel()).sha256() : "");
        return store == null ? live : StoredObservation.wrap(live, store, model, observer);
    }

    /** The auto distance made concrete for this model, text or image. */
    @Override
    public ExplanationSpec specFor(ExplanationSpec asked, BlackBoxModel model) {
        if (!(model instanceof ImageGenerator images)) {
            return ExplainerParts.super.specFor(asked, model);
        }
        DistanceKind d = imageDistanceKind(images);
        return asked.distance() == DistanceKind.AUTO ? asked.toBuilder().distance(d).build() : asked;
    }

    /**
     * The spec's image distance; auto is channel-wasserstein. A text distance is refused: there is
     * no text to compare.
     */
    DistanceKind imageDistanceKind(BlackBoxModel model) {
        DistanceKind d = spec.distance();
        if (d == DistanceKind.AUTO) {
            return DistanceKind.CHANNEL_WASSERSTEIN;
        }
        if (!d.comparesImages()) {
            throw new UserInputException("{distance=" + d.label() + "} compares text, and " + model.info().id()
                    + " returns images: choose {distance} channel-wasserstein, sliced-wasserstein, ssim or"
                    + " feature-wasserstein (or leave it out)");
        }
        return d;
    }

    /** The image distance this spec names, for a model whose output is an image. */
    OutputDistance<Image> imageDistance(BlackBoxModel model) {
        return switch (imageDistanceKind(model)) {
            case SLICED_WASSERSTEIN -> new SlicedWassersteinDistance();
            case SSIM -> new SsimDistance();
            case FEATURE_WASSERSTEIN -> new FeatureWassersteinDistance(FeatureModels.shared(spec.featureModel()));
            default -> new ChannelWassersteinDistance();
        };
    }

    private Observation<?> liveObservation(GenerativeModel model) {
        int maxNewTokens = spec.maxNewTokens();
        DistanceKind d = distance(model);
        if (d == DistanceKind.EMBEDDING_WASSERSTEIN) {
            return new Observation<>(new TextProbe(model, maxNewTokens), new WordMoversDistance(MiniLmEmbedder.shared()));
        }
        if (d == DistanceKind.SENTENCE_EMBEDDING) {
            return new Observation<>(new TextProbe(model, maxNewTokens),
                    new SentenceEmbeddingDistance(MiniLmEmbedder.shared()));
        }
        if (model.tokenScorer().isEmpty() && model instanceof TopLogprobsModel) {
            if (d == DistanceKind.LOGPROB_SHIFT) {
                throw new UserInputException("logprob-shift scores the original output after each perturbed prompt,"
                        + " which a model behind an API cannot do: choose {distance=token-wasserstein} with {logprobs},"
                        + " {distance=embedding-wasserstein} or {distance=sentence-embedding}");
            }
            return new Observation<>(new TopLogprobsProbe(model, maxNewTokens),
                    new TopLogprobsWassersteinDistance(MiniLmEmbedder.shared()));
        }
        TokenScoresProbe probe = new TokenScoresProbe(model, maxNewTokens);
        return d == DistanceKind.TOKEN_WASSERSTEIN
                ? new Observation<>(probe, new TokenWassersteinDistance(probe.scorer().tokenEmbeddings(),
                        TokenWassersteinDistance.DEFAULT_TOP_K))
                : new Observation<>(probe, new LogProbShiftDistance());
    }

    /** The auto distance made concrete for this model. */
    @Override
    public ExplanationSpec specFor(ExplanationSpec asked, GenerativeModel model) {
        return asked.distance() == DistanceKind.AUTO ? asked.toBuilder().distance(distance(model)).build() : asked;
    }

    /** token-wasserstein where the model gives token probabilities, else the text distance embedding-wasserstein. */
    private DistanceKind distance(GenerativeModel model) {
        if (spec.distance().comparesImages()) {
            throw new UserInputException("{distance=" + spec.distance().label() + "} compares images, and "
                    + model.info().id() + " returns text: choose {distance} token-wasserstein, logprob-shift,"
                    + " embedding-wasserstein or sentence-embedding (or leave it out)");
        }
        if (spec.distance() != DistanceKind.AUTO) {
            return spec.distance();
        }
        boolean tokens = model.tokenScorer().isPresent()
                || model instanceof TopLogprobsModel remote && remote.topLogprobs() > 0;
        return tokens ? DistanceKind.TOKEN_WASSERSTEIN : DistanceKind.EMBEDDING_WASSERSTEIN;
    }

    @Override
    public PerturbationOperator operator() {
        return operator;
    }

    @Override
    public Design design(int units, long surrogateSeed) {
        SampleWeighting weighting = switch (spec.kernel()) {
            case GAUSSIAN -> SampleWeighting.of(new GaussianKernel(spec.sigma()));
            case WMD -> new PromptWmdWeighting(spec.sigma(), MiniLmEmbedder.shared());
            case SHAPLEY -> shapleyWeighting();
            case UNIFORM -> SampleWeighting.uniform();
        };
        // wls holds rows of infinite weight (the Shapley kernel's anchors) exactly, and is plain WLS without them.
        Surrogate surrogate = switch (spec.surrogate()) {
            case WLS -> new ConstrainedLeastSquares();
            case PROFILE -> new SizeProfileFit();
            case SGD -> new TribuoSgdSurrogate(surrogateSeed);
        };
        return new Design(sampler(units), weighting, surrogate, budget(units));
    }

    /**
     * The Shapley kernel's weights: post-stratified, except that the samplers of Leverage SHAP and of the
     * unified framework are reweighted by their inverse inclusion probability, as their papers do.
     */
    private SampleWeighting shapleyWeighting() {
        return switch (spec.sampler()) {
            case LEVERAGE -> InverseProbabilityWeighting.leverage();
            case MODIFIED_L2 -> InverseProbabilityWeighting.modifiedL2();
            default -> new ShapleyKernel();
        };
    }

    private MaskSampler sampler(int units) {
        if (spec.sampler() == SamplerKind.EXHAUSTIVE && units > MaskSamplers.MAX_EXHAUSTIVE_UNITS) {
            throw new UserInputException("{sampler=exhaustive} enumerates all 2^n coalitions, and this prompt has "
                    + units + " units (at most " + MaskSamplers.MAX_EXHAUSTIVE_UNITS + "): use {sampler=strata}, or mark"
                    + " phrases as [[units]]");
        }
        return MaskSamplers.of(spec.sampler(), spec.keep());
    }

    /** The exhaustive sampler's budget is every coalition; otherwise the one the spec gives. */
    private Budget budget(int units) {
        int reps = spec.bootstraps() && intervals ? Bootstrap.DEFAULT_REPS : 0;
        if (spec.sampler() == SamplerKind.EXHAUSTIVE) {
            return FixedBudget.everyCoalition(reps, Bootstrap.DEFAULT_LEVEL, spec.topK());
        }
        if (spec.budget() instanceof SampleBudget.Auto auto) {
            return new AdaptiveBudget(auto.maxSamples(), spec.topK(), AdaptiveBudget.DEFAULT_STABILITY,
                    Bootstrap.DEFAULT_REPS, Bootstrap.DEFAULT_LEVEL);
        }
        return new FixedBudget(spec.budget().samplesFor(units), reps, Bootstrap.DEFAULT_LEVEL, spec.topK());
    }
}
