package org.gsmile.perturbation;

import java.util.List;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.unit.Unit;

/**
 * Removes the dropped units and keeps the rest in their original order, each kept unit preceded by
 * the separator that preceded it in the prompt; so the all-kept mask gives back the prompt itself
 * (trimmed) and is answered from the cache.
 */
public final class DropOperator implements PerturbationOperator {

    @Override
    public String name() {
        return "drop";
    }

    @Override
    public String apply(String prompt, List<Unit> units, Mask mask) {
        if (mask.size() != units.size()) {
            throw new IllegalArgumentException("mask over " + mask.size() + " units for a prompt of " + units.size());
        }
        StringBuilder out = new StringBuilder(prompt.length());
        for (int i = 0; i < units.size(); i++) {
            if (!mask.isKept(i)) {
                continue;
            }
            Unit u = units.get(i);
            if (out.length() > 0) {
                // The whitespace that stood before this unit; units never touch, so it is never empty.
                out.append(prompt, units.get(i - 1).end(), u.start());
            }
            out.append(u.text());
        }
        return out.toString();
    }
}
