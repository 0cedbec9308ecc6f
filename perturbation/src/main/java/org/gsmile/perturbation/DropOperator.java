package org.gsmile.perturbation;

import java.util.List;
import org.gsmile.core.unit.Unit;

/**
 * Removes the dropped units and keeps the rest in their original order with their separators (see
 * {@link Replacements}). Dropping every unit gives the empty prompt, which a local model reads as
 * BOS alone.
 */
public final class DropOperator implements org.gsmile.core.mask.PerturbationOperator {

    @Override
    public String name() {
        return "drop";
    }

    @Override
    public Perturbation bind(String prompt, List<Unit> units, long seed) {
        return new Replacements(prompt, units, new String[units.size()], List.of());
    }
}
