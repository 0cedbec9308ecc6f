package org.gsmile.core.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gsmile.core.model.TopLogprobs;
import org.gsmile.core.model.TopLogprobs.Candidate;
import org.gsmile.core.model.TopLogprobs.Step;
import org.junit.jupiter.api.Test;

class TopLogprobsWassersteinDistanceTest {
    static final Map<String, float[]> TOKENS = Map.of(
            "Once", new float[] {1, 0, 0},
            "The", new float[] {0.9f, 0.3f, 0},
            "One", new float[] {0.7f, 0, 0.7f},
            "upon", new float[] {0, 1, 0},
            "day", new float[] {0, 0.6f, 0.8f},
            "a", new float[] {0.2f, 0.2f, 0.9f});

    static Step step(String chosen, Object... top) {
        List<Candidate> c = new ArrayList<>();
        double lp = Double.NaN;
        for (int i = 0; i < top.length; i += 2) {
            c.add(new Candidate((String) top[i], (Double) top[i + 1]));
            if (top[i].equals(chosen)) {
                lp = (Double) top[i + 1];
            }
        }
        return new Step(chosen, lp, c);
    }

    static final TopLogprobs ORIGINAL = new TopLogprobs("Once upon a", List.of(
            step("Once", "Once", -0.1, "The", -2.5, "One", -3.0),
            step(" upon", " upon", -0.05, " day", -3.2),
            step(" a", " a", -0.2)));
    static final TopLogprobs PERTURBED = new TopLogprobs("The day", List.of(
            step("The", "The", -0.3, "Once", -1.5),
            step(" day", " day", -0.4, " upon", -1.2, " a", -2.0)));

    // Reference values: scipy.optimize.linprog per position, renormalised exp(logprob), unit embeddings
    // of the stripped token text; the third position of ORIGINAL meets an ended output (cost 1).
    // python3 tools/reference/embedding_distances.py recomputes them.
    @Test
    void matchesPerPositionLinearPrograms() {
        TopLogprobsWassersteinDistance d = new TopLogprobsWassersteinDistance(new FixedEmbedder(TOKENS));
        assertEquals(0.2444233337784622, d.positionDistance(
                TopLogprobsWassersteinDistance.distribution(ORIGINAL.steps().get(0)),
                TopLogprobsWassersteinDistance.distribution(PERTURBED.steps().get(0))), 1e-6);
        assertEquals(0.6342807423467679, d.distance(ORIGINAL, PERTURBED), 1e-6);
    }

    @Test
    void sameOutputIsAtDistanceZeroAndLongerOutputsAreComparedOnTheOriginalsPositions() {
        TopLogprobsWassersteinDistance d = new TopLogprobsWassersteinDistance(new FixedEmbedder(TOKENS));
        assertEquals(0.0, d.distance(ORIGINAL, ORIGINAL));
        List<Step> longer = new ArrayList<>(ORIGINAL.steps());
        longer.add(step(" day", " day", -0.1));
        assertEquals(0.0, d.distance(ORIGINAL, new TopLogprobs("Once upon a day", longer)));
        assertEquals(1.0, d.distance(ORIGINAL, new TopLogprobs("", List.of())));
    }

    @Test
    void chosenTokenMissingFromTheTopListStillCarriesMass() {
        Map<String, Double> p = TopLogprobsWassersteinDistance.distribution(
                new Step("a", Math.log(0.2), List.of(new Candidate("b", Math.log(0.6)))));
        assertEquals(0.75, p.get("b"), 1e-12);
        assertEquals(0.25, p.get("a"), 1e-12);
    }

    @Test
    void originalWithoutLogprobsIsRejected() {
        TopLogprobsWassersteinDistance d = new TopLogprobsWassersteinDistance(new FixedEmbedder(TOKENS));
        assertThrows(IllegalArgumentException.class,
                () -> d.distance(new TopLogprobs("x", List.of()), ORIGINAL));
    }
}
