package org.gsmile.core.mask;

import java.util.List;
import org.gsmile.core.unit.Unit;

/** Turns masks into perturbed prompts (drop, mask, replace the removed units). */
public interface PerturbationOperator {
    String name();

    /**
     * Fixes how each unit of this prompt is perturbed, for every mask of one explanation.
     *
     * @param seed the operator's own seed (its stream of the explanation seed), for random replacements
     */
    Perturbation bind(String prompt, List<Unit> units, long seed);

    /** One prompt's perturbations. Immutable. */
    interface Perturbation {

        /** The prompt with the units the mask removes perturbed. */
        String apply(Mask mask);

        /** Units the operator could not perturb as named and removed instead (e.g. no synonym), ascending. */
        default List<Integer> unreplacedUnits() {
            return List.of();
        }
    }
}
