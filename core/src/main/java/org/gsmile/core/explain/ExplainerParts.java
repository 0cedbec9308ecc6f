package org.gsmile.core.explain;

import org.gsmile.core.UserInputException;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.unit.UnitSplitter;

/**
 * The parts an explainer is built from, made for the model and the prompt at hand: a spec names
 * them, the factory outside core ({@code org.gsmile.api.Explainers}) builds them, and tests give
 * their own. Every method may be called for several prompts at once.
 *
 * <p>The explainer asks through the methods on {@link BlackBoxModel}, which serve a model of any
 * output; by default they hand a text model ({@link GenerativeModel}) to the text methods and
 * refuse any other, so parts that only know text need implement only those. Parts that observe
 * images (an {@link org.gsmile.core.model.ImageGenerator}, or an editor bound to its input image)
 * override the general methods.
 */
public interface ExplainerParts {

    /**
     * The spec as it runs on this model: settings left to the model (the {@code auto} distance) made
     * concrete, so the explanation records what ran.
     */
    default ExplanationSpec specFor(ExplanationSpec spec, GenerativeModel model) {
        return spec;
    }

    /** Splits the prompt into units; may use the model's tokenizer. */
    UnitSplitter splitter(GenerativeModel model);

    /** How the model is observed and two observations compared. */
    Observation<?> observation(GenerativeModel model);

    /** {@link #specFor(ExplanationSpec, GenerativeModel)} for a model of any output. */
    default ExplanationSpec specFor(ExplanationSpec spec, BlackBoxModel model) {
        return specFor(spec, text(model));
    }

    /** {@link #splitter(GenerativeModel)} for a model of any output. */
    default UnitSplitter splitter(BlackBoxModel model) {
        return splitter(text(model));
    }

    /** {@link #observation(GenerativeModel)} for a model of any output. */
    default Observation<?> observation(BlackBoxModel model) {
        return observation(text(model));
    }

    PerturbationOperator operator();

    /**
     * Sampler, weighting, surrogate and budget for a prompt of {@code units} units.
     *
     * @param surrogateSeed the surrogate's stream of the explanation seed (for a stochastic fit)
     */
    Design design(int units, long surrogateSeed);

    /** The model as a text model, or one line saying these parts observe nothing else. */
    private static GenerativeModel text(BlackBoxModel model) {
        if (model instanceof GenerativeModel g) {
            return g;
        }
        if (model instanceof org.gsmile.core.model.ImageEditor) {
            throw new UserInputException(model.info().id() + " is an image editor: explain it bound to its input"
                    + " image (ImageEditor.bind), whose prompt is the instruction");
        }
        throw new UserInputException(model.info().id() + " does not produce text, and these explainer parts observe"
                + " only text models");
    }
}
