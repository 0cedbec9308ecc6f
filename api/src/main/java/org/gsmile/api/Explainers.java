package org.gsmile.api;

import org.gsmile.core.explain.Design;
import org.gsmile.core.explain.HierarchicalExplainer;
import org.gsmile.core.explain.PromptExplainer;
import org.gsmile.core.explain.SurrogateExplainer;
import org.gsmile.core.reference.ReferenceExplainer;
import org.gsmile.core.spec.ExplanationSpec;

/**
 * The one way from a spec to a ready explainer. The command line, the experiment runner and the
 * metrics all come through here, so a spec means the same explanation wherever it is run.
 *
 * <pre>{@code
 * PromptExplainer explainer = Explainers.create(ExplanationSpec.defaults());
 * Explanation e = explainer.explain(ExplanationRequest.of("Lily wanted to play"), model);
 * }</pre>
 *
 * The explainer is stateless and safe across threads: one explainer serves any number of prompts
 * and models at once.
 */
public final class Explainers {
    private Explainers() {
    }

    /**
     * The sampler, weighting, fit and budget a spec gives a prompt of {@code units} units, as
     * {@link #create} uses them: for benchmarks that answer an explainer from recorded observations
     * and must run exactly what the spec runs.
     */
    public static Design design(ExplanationSpec spec, int units) {
        return new SpecParts(spec).design(units, 0);
    }

    public static PromptExplainer create(ExplanationSpec spec) {
        return create(spec, null);
    }

    /**
     * An explainer whose observations go through {@code store}: those it holds cost no model call,
     * and what the model answers is added to it. An experiment run passes its folder's store.
     */
    public static PromptExplainer create(ExplanationSpec spec, ObservationStore store) {
        return create(new SpecParts(spec, store), spec);
    }

    /**
     * As {@link #create(ExplanationSpec, ObservationStore)}, but a fixed budget skips the bootstrap
     * refits: the same scores (the refits change only the intervals and the top-k stability), for
     * metrics that re-explain a prompt many times and read nothing but the scores. An automatic
     * budget keeps them, since when it stops depends on them.
     */
    public static PromptExplainer scoresOnly(ExplanationSpec spec, ObservationStore store) {
        return create(new SpecParts(spec, store, false), spec);
    }

    private static PromptExplainer create(SpecParts parts, ExplanationSpec spec) {
        if (spec.units().isHierarchical()) {
            return new HierarchicalExplainer(spec, parts, parts.groups());
        }
        return spec.method().isReference() ? new ReferenceExplainer(spec, parts) : new SurrogateExplainer(spec, parts);
    }
}
