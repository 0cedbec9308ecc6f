package org.gsmile.core.mask;

import java.util.List;
import org.gsmile.core.unit.Unit;

/** Turns a mask into a perturbed prompt (drop, mask, replace the removed units). */
public interface PerturbationOperator {
    String name();

    String apply(String prompt, List<Unit> units, Mask mask);
}
