package org.gsmile.core.explain;

import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.unit.UnitSplitter;

/**
 * The parts an explainer is built from, made for the model and the prompt at hand: a spec names
 * them, the factory outside core ({@code org.gsmile.api.Explainers}) builds them, and tests give
 * their own. Every method may be called for several prompts at once.
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

    PerturbationOperator operator();

    /**
     * Sampler, weighting, surrogate and budget for a prompt of {@code units} units.
     *
     * @param surrogateSeed the surrogate's stream of the explanation seed (for a stochastic fit)
     */
    Design design(int units, long surrogateSeed);
}
