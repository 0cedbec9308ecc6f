package org.gsmile.perturbation;

import java.util.Arrays;
import java.util.List;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.unit.Unit;

/**
 * Replaces each removed unit with a placeholder, so the prompt keeps its length and word positions
 * and only the content is hidden: the model sees that something stood there.
 */
public final class MaskOperator implements PerturbationOperator {
    public static final String DEFAULT_PLACEHOLDER = org.gsmile.core.spec.ExplanationSpec.DEFAULT_MASK_TOKEN;

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
    public Perturbation bind(String prompt, List<Unit> units, long seed) {
        String[] r = new String[units.size()];
        Arrays.fill(r, placeholder);
        return new Replacements(prompt, units, r, List.of());
    }
}
