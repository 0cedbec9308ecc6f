package org.gsmile.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gsmile.core.UserInputException;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.unit.Unit;
import org.gsmile.core.unit.UnitSplitter;
import org.junit.jupiter.api.Test;

class MarkedPromptTest {

    @Test
    void bracketsAreRemovedAndTheMarkedSpanIsOneUnit() {
        MarkedPrompt m = MarkedPrompt.parse("The [[stone bridge]] fell into the [[ river ]].");
        assertEquals("The stone bridge fell into the  river .", m.text());
        assertEquals(List.of(new Unit("stone bridge", 4, 16), new Unit("river", 32, 37)), m.marked());
    }

    @Test
    void markedUnitsAndWordsTogether() {
        UnitSplitter.Segmented s = new MarkedSplitter(new WordSplitter()).segment("The [[stone bridge]]s fell");
        assertEquals("The stone bridges fell", s.text());
        List<Unit> units = s.units();
        assertEquals(List.of(new Unit("The", 0, 3), new Unit("stone bridge", 4, 16), new Unit("s", 16, 17),
                new Unit("fell", 18, 22)), units);
        assertEquals("The fell", new DropOperator().bind(s.text(), units, 0).apply(Mask.of(true, false, false, true)));
    }

    @Test
    void badMarkersAreUserErrors() {
        for (String bad : List.of("a [[b c", "a b]] c", "[[a [[b]] c]]", "a [[ ]] b", "[[]]")) {
            UserInputException e = assertThrows(UserInputException.class, () -> MarkedPrompt.parse(bad), bad);
            assertFalse(e.getMessage().contains("\n"));
            // The splitter reports them the same way, rather than sending the markers to the model.
            assertThrows(UserInputException.class, () -> new MarkedSplitter(new WordSplitter()).segment(bad), bad);
        }
    }

    @Test
    void escapedMarkersAreLiteralBrackets() {
        MarkedPrompt m = MarkedPrompt.parse("see \\[[1\\]] and [[the x \\]] y]] here");
        assertEquals("see [[1]] and the x ]] y here", m.text());
        assertEquals(List.of(new Unit("the x ]] y", 14, 24)), m.marked());
        // Only a marker is escaped: any other backslash is text.
        assertEquals("C:\\dir [a] b", MarkedPrompt.parse("C:\\dir [a] [[b]]").text());
        UnitSplitter.Segmented s = new MarkedSplitter(new WordSplitter()).segment("a \\[[b c\\]] d");
        assertEquals("a [[b c]] d", s.text());
        assertEquals(List.of("a", "[[b", "c]]", "d"), s.units().stream().map(Unit::text).toList());
        // The hint names the escape.
        UserInputException e = assertThrows(UserInputException.class, () -> MarkedPrompt.parse("a [[b"));
        assertTrue(e.getMessage().contains("\\[["), e.getMessage());
    }

    @Test
    void detectsMarkers() {
        assertTrue(MarkedPrompt.hasMarkers("a ]] b"));
        assertFalse(MarkedPrompt.hasMarkers("a [b] c"));
    }

    @Test
    void oneSplitterServesEveryPrompt() {
        // Stateless: one splitter segments any prompt, marked or not, in any order.
        MarkedSplitter splitter = new MarkedSplitter(new WordSplitter());
        assertEquals(new WordSplitter().name(), splitter.name());
        UnitSplitter.Segmented first = splitter.segment("[[a b]] c");
        UnitSplitter.Segmented plain = splitter.segment("a b c d");
        assertEquals(new UnitSplitter.Segmented("a b c", List.of(new Unit("a b", 0, 3), new Unit("c", 4, 5))), first);
        // Without markers the text is the prompt and the units are the other splitter's.
        assertEquals(new UnitSplitter.Segmented("a b c d", new WordSplitter().split("a b c d")), plain);
        assertEquals(first, splitter.segment("[[a b]] c"));
        assertEquals(first.units(), splitter.split("[[a b]] c"));
    }
}
