package org.gsmile.experiments.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gsmile.core.UserInputException;
import org.gsmile.core.adaptive.AdaptiveBudget;
import org.gsmile.core.adaptive.Bootstrap;
import org.gsmile.core.adaptive.Budget;
import org.gsmile.core.adaptive.FixedBudget;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.explain.Explainer;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.OutputProbe;
import org.gsmile.core.kernel.GaussianKernel;
import org.gsmile.core.mask.MaskSampler;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.reference.ReferenceExplainer;
import org.gsmile.core.reference.SampleWeighting;
import org.gsmile.core.reference.ShapleyKernel;
import org.gsmile.core.unit.UnitSplitter;
import org.gsmile.models.llama.Llama2cTokenizer;
import org.gsmile.models.llama.LocalLlamaModel;
import org.gsmile.perturbation.DropOperator;
import org.gsmile.perturbation.MarkedPrompt;
import org.gsmile.perturbation.MarkedSplitter;
import org.gsmile.perturbation.MaskOperator;
import org.gsmile.perturbation.MaskSamplers;
import org.gsmile.perturbation.PunctuationSplitter;
import org.gsmile.perturbation.SynonymOperator;
import org.gsmile.perturbation.TokenSplitter;
import org.gsmile.perturbation.WordNetThesaurus;
import org.gsmile.perturbation.WordSplitter;

/**
 * How one prompt is explained, built from the options: the text the model sees (unit markers
 * removed), its units, the perturbation operator, and either the surrogate pipeline (sampler,
 * weighting, surrogate, budget) or a reference explainer.
 */
final class ExplainMethod {
    private final String prompt;
    private final UnitSplitter splitter;
    private final PerturbationOperator operator;
    private final ExplainOptions options;
    private final GenerativeModel model;

    private ExplainMethod(String prompt, UnitSplitter splitter, PerturbationOperator operator, ExplainOptions options,
                          GenerativeModel model) {
        this.prompt = prompt;
        this.splitter = splitter;
        this.operator = operator;
        this.options = options;
        this.model = model;
    }

    static ExplainMethod of(ExplainOptions options, GenerativeModel model, String text) {
        UnitSplitter base = splitter(options.units, model);
        String prompt = text;
        UnitSplitter splitter = base;
        if (MarkedPrompt.hasMarkers(text)) {
            MarkedPrompt marked = MarkedPrompt.parse(text);
            if (marked.text().isBlank()) {
                throw new UserInputException("the unit markers leave no text to send to the model: write the prompt"
                        + " around the [[units]]");
            }
            prompt = marked.text();
            splitter = new MarkedSplitter(marked, base);
        }
        return new ExplainMethod(prompt, splitter, operator(options), options, model);
    }

    /** The text sent to the model: the prompt with its unit markers removed. */
    String prompt() {
        return prompt;
    }

    <O> Explanation explain(OutputProbe<O> probe, OutputDistance<O> distance, Map<String, Object> config) {
        String id = model.info().id();
        String sha = model.info().sha256();
        Explanation e;
        if (options.reference != null) {
            ReferenceExplainer.Kind kind = options.reference.equals("shapley") ? ReferenceExplainer.Kind.SHAPLEY
                    : ReferenceExplainer.Kind.LOO;
            e = new ReferenceExplainer(kind, splitter, operator).explain(prompt, probe, distance, options.seed, id, sha,
                    config);
        } else {
            int units = splitter.split(prompt).size();
            SampleWeighting weighting = weighting(options);
            Explainer explainer = new Explainer(splitter, sampler(options, units), operator, weighting,
                    Choices.surrogate(options.surrogate, options.seed), budget(options, units, weighting));
            e = explainer.explain(prompt, probe, distance, options.seed, id, sha, config);
        }
        if (operator instanceof SynonymOperator synonyms) {
            e = e.withSampling(e.sampling().withUnreplacedUnits(synonyms.unreplaced(prompt, e.units())));
        }
        return e;
    }

    static UnitSplitter splitter(String units, GenerativeModel model) {
        return switch (units) {
            case "words" -> new WordSplitter();
            case "phrases" -> PunctuationSplitter.phrases();
            case "sentences" -> PunctuationSplitter.sentences();
            case "tokens" -> {
                if (!(model instanceof LocalLlamaModel local)) {
                    throw new UserInputException("--units tokens needs the model's tokenizer, which only local: models"
                            + " expose: use --units words with " + model.info().id());
                }
                yield new TokenSplitter(text -> pieces(local.tokenizer(), text));
            }
            default -> throw new UserInputException("unknown --units '" + units
                    + "': choose words, tokens, phrases or sentences");
        };
    }

    /** The bytes of each token of the text as the model encodes it, BOS left out. */
    private static List<byte[]> pieces(Llama2cTokenizer tokenizer, String text) {
        int[] ids = tokenizer.encode(text);
        List<byte[]> pieces = new ArrayList<>(ids.length);
        for (int i = 1; i < ids.length; i++) {
            pieces.add(tokenizer.decodeBytes(ids[i - 1], ids[i]));
        }
        return pieces;
    }

    static PerturbationOperator operator(ExplainOptions options) {
        return switch (options.operator) {
            case "drop" -> new DropOperator();
            case "mask" -> new MaskOperator(options.maskToken);
            case "synonym" -> new SynonymOperator(WordNetThesaurus.load(), options.seed);
            default -> throw new UserInputException("unknown --operator '" + options.operator
                    + "': choose drop, mask or synonym");
        };
    }

    static SampleWeighting weighting(ExplainOptions options) {
        return switch (options.kernel) {
            case "gaussian" -> SampleWeighting.of(new GaussianKernel(options.sigma));
            case "shapley" -> new ShapleyKernel();
            case "uniform" -> SampleWeighting.uniform();
            default -> throw new UserInputException("unknown --kernel '" + options.kernel
                    + "': choose shapley, gaussian or uniform");
        };
    }

    static MaskSampler sampler(ExplainOptions options, int units) {
        if (options.sampler.equals("exhaustive") && units > MaskSamplers.MAX_EXHAUSTIVE_UNITS) {
            throw new UserInputException("--sampler exhaustive enumerates all 2^n coalitions, and this prompt has " + units
                    + " units (at most " + MaskSamplers.MAX_EXHAUSTIVE_UNITS + "): use --sampler strata, or mark phrases"
                    + " as [[units]]");
        }
        return MaskSamplers.byName(options.sampler, options.keep);
    }

    /** The exhaustive sampler's budget is every coalition; otherwise the one the options give. */
    static Budget budget(ExplainOptions options, int units, SampleWeighting weighting) {
        int reps = options.surrogate.equals("wls") ? Bootstrap.DEFAULT_REPS : 0;
        if (options.sampler.equals("exhaustive")) {
            int all = (int) Math.max(1, (1L << units) - 2 + weighting.anchors(units).size());
            return new FixedBudget(all, reps, Bootstrap.DEFAULT_LEVEL, options.topK);
        }
        if (options.auto) {
            return new AdaptiveBudget(options.maxSamples, options.topK, AdaptiveBudget.DEFAULT_STABILITY,
                    Bootstrap.DEFAULT_REPS, Bootstrap.DEFAULT_LEVEL);
        }
        return new FixedBudget(options.samples, reps, Bootstrap.DEFAULT_LEVEL, options.topK);
    }
}
