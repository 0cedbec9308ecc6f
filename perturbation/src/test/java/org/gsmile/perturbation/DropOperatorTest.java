package org.gsmile.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.unit.Unit;
import org.junit.jupiter.api.Test;

class DropOperatorTest {
    private final DropOperator drop = new DropOperator();
    private final String prompt = "Once upon  a time,\nthere was";
    private final List<Unit> units = new WordSplitter().split(prompt);
    private final PerturbationOperator.Perturbation bound = drop.bind(prompt, units, 1);

    @Test
    void keepsOrderAndOriginalSeparators() {
        assertEquals("upon  a\nthere", bound.apply(Mask.of(false, true, true, false, true, false)));
        assertEquals("Once time,\nthere", bound.apply(Mask.of(true, false, false, true, true, false)));
        assertEquals("was", bound.apply(Mask.of(false, false, false, false, false, true)));
        assertEquals("", bound.apply(Mask.of(new boolean[6])));
    }

    @Test
    void allKeptGivesThePromptBack() {
        assertEquals(prompt, bound.apply(Mask.allKept(units.size())));
    }

    @Test
    void rejectsMaskOfWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> bound.apply(Mask.of(true)));
    }

    @Test
    void replacesNothingSoNothingIsUnreplaced() {
        assertEquals(List.of(), bound.unreplacedUnits());
        // The seed changes nothing: dropping is not random.
        Mask m = Mask.of(true, false, true, false, true, false);
        assertEquals(bound.apply(m), drop.bind(prompt, units, 99).apply(m));
    }
}
