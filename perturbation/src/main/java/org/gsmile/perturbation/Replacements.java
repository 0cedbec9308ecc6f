package org.gsmile.perturbation;

import java.util.List;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.unit.Unit;

/**
 * The body every operator shares: one prompt's units, each with the text that stands in for it when
 * a mask removes it (null: nothing stands in, the unit is dropped). A perturbed prompt keeps the
 * kept units in their order, each preceded by the separator that preceded it in the prompt; a
 * dropped unit takes no separator, so the all-kept prompt is the original, trimmed, and is answered
 * from the cache.
 */
final class Replacements implements PerturbationOperator.Perturbation {
    private final String prompt;
    private final List<Unit> units;
    private final String[] replacements;
    private final List<Integer> unreplaced;

    /**
     * @param replacements per unit, the text that replaces it when removed, or null to drop it
     * @param unreplaced   units the operator meant to replace but could not, and drops instead
     */
    Replacements(String prompt, List<Unit> units, String[] replacements, List<Integer> unreplaced) {
        if (replacements.length != units.size()) {
            throw new IllegalArgumentException(replacements.length + " replacements for " + units.size() + " units");
        }
        this.prompt = prompt;
        this.units = List.copyOf(units);
        this.replacements = replacements.clone();
        this.unreplaced = List.copyOf(unreplaced);
    }

    @Override
    public String apply(Mask mask) {
        if (mask.size() != units.size()) {
            throw new IllegalArgumentException("mask over " + mask.size() + " units for a prompt of " + units.size());
        }
        StringBuilder out = new StringBuilder(prompt.length());
        for (int i = 0; i < units.size(); i++) {
            String piece = mask.isKept(i) ? units.get(i).text() : replacements[i];
            if (piece == null) {
                continue;
            }
            if (out.length() > 0) {
                // Units never overlap, so this is the text between unit i−1 and unit i (possibly empty for tokens).
                out.append(prompt, units.get(i - 1).end(), units.get(i).start());
            }
            out.append(piece);
        }
        return out.toString();
    }

    @Override
    public List<Integer> unreplacedUnits() {
        return unreplaced;
    }
}
