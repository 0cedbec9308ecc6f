package org.gsmile.core.explain;

import org.gsmile.core.model.BlackBoxModel;

/**
 * Explains one prompt on one model: a text model, or one whose output is an image (an image
 * generator, or an editor bound to its input image, explained by its instruction). The surrogate
 * explainer and the references (exact Shapley values, leave-one-out) implement it.
 * Implementations are stateless between prompts and safe to call from several threads at once;
 * the provenance of what they return comes from their spec and the model's own information.
 */
public interface PromptExplainer {

    Explanation explain(ExplanationRequest request, BlackBoxModel model);
}
