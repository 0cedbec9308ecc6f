package org.gsmile.perturbation;

import java.util.List;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.unit.Unit;

/**
 * Removes the dropped units and keeps the rest in their original order, each kept unit preceded by
 * the separator that preceded it in the prompt; so the all-kept mask gives back the prompt itself
 * (trimmed) and is answered from the cache. Dropping every unit gives the empty prompt, which a
 * local model reads as BOS alone.
 */
public final class DropOperator implements PerturbationOperator {

    @Override
    public String name() {
        return "drop";
    }

    @Override
    public String apply(String prompt, List<Unit> units, Mask mask) {
        Rebuild.checkSizes(units, mask);
        String[] pieces = new String[units.size()];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = mask.isKept(i) ? units.get(i).text() : null;
        }
        return Rebuild.join(prompt, units, pieces);
    }
}
