package org.gsmile.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.unit.Unit;
import org.junit.jupiter.api.Test;

class DropOperatorTest {
    private final DropOperator drop = new DropOperator();
    private final String prompt = "Once upon  a time,\nthere was";
    private final List<Unit> units = new WordSplitter().split(prompt);

    @Test
    void keepsOrderAndOriginalSeparators() {
        assertEquals("upon  a\nthere", drop.apply(prompt, units, Mask.of(false, true, true, false, true, false)));
        assertEquals("Once time,\nthere", drop.apply(prompt, units, Mask.of(true, false, false, true, true, false)));
        assertEquals("was", drop.apply(prompt, units, Mask.of(false, false, false, false, false, true)));
    }

    @Test
    void allKeptGivesThePromptBack() {
        assertEquals(prompt, drop.apply(prompt, units, Mask.allKept(units.size())));
    }

    @Test
    void rejectsMaskOfWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> drop.apply(prompt, units, Mask.of(true)));
    }
}
