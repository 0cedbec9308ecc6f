package org.gsmile.core.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gsmile.core.UserInputException;
import org.gsmile.core.adaptive.Games;
import org.gsmile.core.explain.Explanation;
import org.junit.jupiter.api.Test;

class ReferenceExplainerTest {

    @Test
    void exactShapleyObservesEveryCoalitionOnce() {
        Games.EchoProbe probe = new Games.EchoProbe();
        Explanation e = new ReferenceExplainer(ReferenceExplainer.Kind.SHAPLEY, Games.LETTERS, Games.DROP)
                .explain("a b c d", probe, Games.game(s -> ShapleyValuesTest.GAME[s]), 1, "fake", "", Games.config());
        assertArrayEquals(ShapleyValuesTest.PHI, e.attribution(), 1e-12);
        assertEquals(0.8, e.intercept(), 1e-12);
        assertEquals(16, e.calls().unique());
        assertEquals(16, probe.seen.size());
    }

    @Test
    void leaveOneOutObservesTheFullPromptAndEachUnitRemoved() {
        Games.EchoProbe probe = new Games.EchoProbe();
        Explanation e = new ReferenceExplainer(ReferenceExplainer.Kind.LOO, Games.LETTERS, Games.DROP)
                .explain("a b c d", probe, Games.game(s -> ShapleyValuesTest.GAME[s]), 1, "fake", "", Games.config());
        assertArrayEquals(new double[] {1.055, 0.668, 0.353, 0.232}, e.attribution(), 1e-12);
        assertEquals(5, e.calls().unique());
    }

    @Test
    void tooManyUnitsForEnumerationIsAUserError() {
        String fifteen = "a b c d e f g h i j k l m n o";
        assertThrows(UserInputException.class, () -> new ReferenceExplainer(ReferenceExplainer.Kind.SHAPLEY,
                Games.LETTERS, Games.DROP).explain(fifteen, new Games.EchoProbe(), Games.game(s -> 0.0), 1, "f", "",
                Games.config()));
    }
}
