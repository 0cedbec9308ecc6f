package org.gsmile.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gsmile.core.UserInputException;
import org.junit.jupiter.api.Test;

/** Each kernel with a width has its own default, and the width goes with the kernel it belongs to. */
class KernelWidthTest {

    @Test
    void eachKernelHasItsOwnDefaultWidth() {
        assertEquals(0.5, ExplanationSpec.builder().kernel(KernelKind.GAUSSIAN).build().sigma());
        assertEquals(0.25, ExplanationSpec.builder().kernel(KernelKind.WMD).build().sigma());
        assertEquals(0.3, ExplanationSpec.builder().kernel(KernelKind.WMD).sigma(0.3).build().sigma());
        assertTrue(ExplanationSpec.builder().kernel(KernelKind.WMD).build().usesSigma());
        assertFalse(ExplanationSpec.defaults().usesSigma());
    }

    @Test
    void aWidthAtItsDefaultFollowsTheKernelAndAGivenOneStays() {
        ExplanationSpec thesis = ExplanationSpec.of(Preset.THESIS);
        assertEquals(0.25, thesis.toBuilder().kernel(KernelKind.WMD).build().sigma());
        ExplanationSpec wide = ExplanationSpec.builder().kernel(KernelKind.WMD).sigma(0.4).build();
        assertEquals(0.4, wide.toBuilder().build().sigma());
        assertEquals(wide, wide.toBuilder().build());
    }

    @Test
    void aWidthWithoutAKernelThatHasOneIsRefused() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> ExplanationSpec.builder().kernel(KernelKind.SHAPLEY).sigma(0.3).build());
        assertTrue(e.template().startsWith("{sigma} has no effect with {kernel=shapley}"), e.template());
        assertEquals("wmd", KernelKind.of("wmd").label());
    }
}
