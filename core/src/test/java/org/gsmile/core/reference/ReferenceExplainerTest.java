package org.gsmile.core.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gsmile.core.UserInputException;
import org.gsmile.core.adaptive.Games;
import org.gsmile.core.explain.EchoProbe;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.TestParts;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.Method;
import org.junit.jupiter.api.Test;

class ReferenceExplainerTest {

    static ReferenceExplainer reference(Method method, EchoProbe probe) {
        ExplanationSpec spec = ExplanationSpec.builder().method(method).build();
        return new ReferenceExplainer(spec, TestParts.of(Games.LETTERS, Games.DROP, probe,
                Games.game(s -> ShapleyValuesTest.GAME[s])));
    }

    @Test
    void exactShapleyObservesEveryCoalitionOnce() {
        EchoProbe probe = new EchoProbe();
        Explanation e = reference(Method.EXACT_SHAPLEY, probe).explain(new ExplanationRequest("a b c d", 1),
                TestParts.MODEL);
        assertArrayEquals(ShapleyValuesTest.PHI, e.attribution().scores(), 1e-12);
        assertEquals(0.8, e.attribution().intercept(), 1e-12);
        assertEquals(16, e.calls().unique());
        assertEquals(16, probe.seen().size());
        assertEquals(Method.EXACT_SHAPLEY, e.provenance().spec().method());
        assertEquals("shapley", e.provenance().config().get("reference"));
    }

    @Test
    void leaveOneOutObservesTheFullPromptAndEachUnitRemoved() {
        EchoProbe probe = new EchoProbe();
        Explanation e = reference(Method.LEAVE_ONE_OUT, probe).explain(new ExplanationRequest("a b c d", 1),
                TestParts.MODEL);
        assertArrayEquals(new double[] {1.055, 0.668, 0.353, 0.232}, e.attribution().scores(), 1e-12);
        assertEquals(5, e.calls().unique());
        assertEquals(Method.LEAVE_ONE_OUT, e.provenance().spec().method());
        assertEquals("loo", e.provenance().config().get("reference"));
    }

    @Test
    void tooManyUnitsForEnumerationIsAUserError() {
        String fifteen = "a b c d e f g h i j k l m n o";
        UserInputException ex = assertThrows(UserInputException.class, () -> reference(Method.EXACT_SHAPLEY,
                new EchoProbe()).explain(new ExplanationRequest(fifteen, 1), TestParts.MODEL));
        assertTrue(ex.getMessage().contains("exact Shapley values of 15 units"), ex.getMessage());
        assertTrue(ex.getMessage().endsWith("use reference=loo"), ex.getMessage());
    }

    @Test
    void theSurrogateIsNotAReference() {
        assertThrows(IllegalArgumentException.class, () -> new ReferenceExplainer(ExplanationSpec.defaults(),
                TestParts.of(Games.LETTERS, Games.DROP, new EchoProbe(), Games.game(s -> 0.0))));
    }
}
