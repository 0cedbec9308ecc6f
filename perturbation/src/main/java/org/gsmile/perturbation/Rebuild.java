package org.gsmile.perturbation;

import java.util.List;
import org.gsmile.core.unit.Unit;

/**
 * Writes a perturbed prompt from one piece per unit, so that every operator treats separators the
 * same way: each piece is preceded by the separator that preceded its unit in the prompt, and a
 * removed unit (null piece) takes no separator. The all-kept prompt is the original, trimmed.
 */
final class Rebuild {
    private Rebuild() {
    }

    static String join(String prompt, List<Unit> units, String[] pieces) {
        StringBuilder out = new StringBuilder(prompt.length());
        for (int i = 0; i < units.size(); i++) {
            if (pieces[i] == null) {
                continue;
            }
            if (out.length() > 0) {
                // Units never overlap, so this is the text between unit i−1 and unit i (possibly empty for tokens).
                out.append(prompt, units.get(i - 1).end(), units.get(i).start());
            }
            out.append(pieces[i]);
        }
        return out.toString();
    }

    static void checkSizes(List<Unit> units, org.gsmile.core.mask.Mask mask) {
        if (mask.size() != units.size()) {
            throw new IllegalArgumentException("mask over " + mask.size() + " units for a prompt of " + units.size());
        }
    }
}
