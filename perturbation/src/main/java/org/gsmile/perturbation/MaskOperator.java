package org.gsmile.perturbation;

import java.util.List;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.unit.Unit;

/**
 * Replaces each removed unit with a placeholder, so the prompt keeps its length and word positions
 * and only the content is hidden: the model sees that something stood there.
 */
public final class MaskOperator implements PerturbationOperator {
    public static final String DEFAULT_PLACEHOLDER = "[MASK]";

    private final String placeholder;

    public MaskOperator(String placeholder) {
        if (placeholder == null || placeholder.isEmpty()) {
            throw new IllegalArgumentException("the mask placeholder must not be empty: to remove units, drop them");
        }
        this.placeholder = placeholder;
    }

    public String placeholder() {
        return placeholder;
    }

    @Override
    public String name() {
        return "mask";
    }

    @Override
    public String apply(String prompt, List<Unit> units, Mask mask) {
        Rebuild.checkSizes(units, mask);
        String[] pieces = new String[units.size()];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = mask.isKept(i) ? units.get(i).text() : placeholder;
        }
        return Rebuild.join(prompt, units, pieces);
    }
}
