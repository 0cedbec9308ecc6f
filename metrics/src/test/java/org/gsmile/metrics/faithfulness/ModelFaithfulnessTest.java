package org.gsmile.metrics.faithfulness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gsmile.core.UserInputException;
import org.junit.jupiter.api.Test;

class ModelFaithfulnessTest {

    private static Map<String, Double> map(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    @Test
    void pearsonOverTheModelsInTheirOrder() {
        // x = AttAUROC 0.6, 0.7, 0.9; y = accuracy 0.5, 0.8, 0.9. Means 11/15 and 11/15; deviations
        // x: -2/15, -0.5/15, 2.5/15 and y: -3.5/15, 1/15, 2.5/15 (times 1/15 each). Σdxdy = (7 - 0.5 + 6.25)
        // = 12.75, Σdx² = 4 + 0.25 + 6.25 = 10.5, Σdy² = 12.25 + 1 + 6.25 = 19.5 (all /225):
        // r = 12.75 / √(10.5 · 19.5) = 0.89104211121363 (scipy.stats.pearsonr agrees: stability_faithfulness.py).
        ModelFaithfulness m = ModelFaithfulness.of(map("c", 0.6, "a", 0.7, "b", 0.9), map("a", 0.8, "b", 0.9, "c", 0.5));
        assertEquals(List.of("c", "a", "b"), m.models());
        assertEquals(List.of(0.6, 0.7, 0.9), m.meanAttAuroc());
        assertEquals(List.of(0.5, 0.8, 0.9), m.externalAccuracy());
        assertEquals(0.8910421112136305, m.correlation(), 1e-12);
    }

    @Test
    void aPerfectlyOrderedSetCorrelatesFullyAndAConstantOneIsNaN() {
        assertEquals(1.0, ModelFaithfulness.of(map("a", 0.1, "b", 0.2, "c", 0.3), map("a", 1, "b", 3, "c", 5))
                .correlation(), 1e-12);
        assertEquals(-1.0, ModelFaithfulness.of(map("a", 0.1, "b", 0.2, "c", 0.3), map("a", 5, "b", 3, "c", 1))
                .correlation(), 1e-12);
        assertTrue(Double.isNaN(ModelFaithfulness.of(map("a", 0.5, "b", 0.5, "c", 0.5), map("a", 1, "b", 3, "c", 5))
                .correlation()));
    }

    @Test
    void mistakesAreOneLineNamingTheModels() {
        assertEquals("no external accuracy for 2 models: b, c: give one for every model whose explanations were scored",
                assertThrows(UserInputException.class, () -> ModelFaithfulness.of(map("a", 0.1, "b", 0.2, "c", 0.3),
                        map("a", 1))).getMessage());
        assertEquals("external accuracies for model z, which has no AttAUROC: score their explanations too, or leave"
                        + " them out",
                assertThrows(UserInputException.class, () -> ModelFaithfulness.of(map("a", 0.1, "b", 0.2, "c", 0.3),
                        map("a", 1, "b", 2, "c", 3, "z", 4))).getMessage());
        assertEquals("model-level faithfulness needs at least 3 models, got 2: a correlation over 2 points is always"
                        + " +1 or -1",
                assertThrows(UserInputException.class, () -> ModelFaithfulness.of(map("a", 0.1, "b", 0.2),
                        map("a", 1, "b", 2))).getMessage());
        assertEquals("the mean AttAUROC of model b is NaN: give a finite number",
                assertThrows(UserInputException.class, () -> ModelFaithfulness.of(map("a", 0.1, "b", Double.NaN, "c", 0.3),
                        map("a", 1, "b", 2, "c", 3))).getMessage());
    }
}
