package org.gsmile.metrics.faithfulness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gsmile.api.Explainers;
import org.gsmile.api.OutputShifts;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Attribution;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.Seeds;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.Method;
import org.gsmile.core.spec.SignConvention;
import org.junit.jupiter.api.Test;

/**
 * Faithfulness on a hand-worked additive game ({@link GameModel}): "Tom fed the cat" with
 * g(Tom) = 0.4, g(fed) = -0.35, g(the) = 0.2, g(cat) = 0.3, so removing a set of words shifts the
 * output by the sum of their g, and Δ(every word removed) = 0.4 - 0.35 + 0.2 + 0.3 = 0.55. The
 * numbers are recomputed by tools/reference/stability_faithfulness.py.
 */
class FaithfulnessTest {
    static final String PROMPT = "Tom fed the cat";
    static final Map<String, Double> G = Map.of("tom", 0.4, "fed", -0.35, "the", 0.2, "cat", 0.3);
    static final double TOL = 1e-12;

    static Explanation exact(GameModel model, SignConvention sign) {
        ExplanationSpec spec = ExplanationSpec.builder().method(Method.EXACT_SHAPLEY).distance(DistanceKind.LOGPROB_SHIFT)
                .sign(sign).build();
        return Explainers.create(spec).explain(new ExplanationRequest(PROMPT, 42), model);
    }

    @Test
    void theExplanationsRankingOnTheHandWorkedGame() {
        GameModel model = new GameModel(G);
        Explanation e = exact(model, SignConvention.DISTANCE);
        // Exact Shapley values of an additive game, distance convention: -g.
        assertArrayEquals(new double[] {-0.4, 0.35, -0.2, -0.3}, e.attribution().scores(), TOL);
        OutputShifts shifts = OutputShifts.of(e, model);
        int before = model.calls();
        Faithfulness f = Faithfulness.measure(e, shifts, 2, 5, 7);

        // Importance ranking (g, largest first): Tom .4, cat .3, the .2, fed -.35.
        // deletion[k] = sum of g over the top k: 0, .4, .7, .9, .55 (k = 4 adds fed's -.35).
        // insertion[k] = sum of g over all but the top k: .55, .15 (fed+the+cat), -.15 (fed+the), -.35 (fed), 0.
        FaithfulnessScores x = f.explanation();
        assertArrayEquals(new double[] {0, 0.4, 0.7, 0.9, 0.55}, x.curve().deletion(), TOL);
        assertArrayEquals(new double[] {0.55, 0.15, -0.15, -0.35, 0}, x.curve().insertion(), TOL);
        assertEquals(0.7, x.comprehensiveness(), TOL);              // deletion[2]
        assertEquals(-0.15, x.sufficiency(), TOL);                  // insertion[2]
        assertEquals(0.6375, x.aopcComprehensiveness(), TOL);       // (.4 + .7 + .9 + .55) / 4
        assertEquals(-0.0875, x.aopcSufficiency(), TOL);            // (.15 - .15 - .35 + 0) / 4
        // Leave-one-out shifts are g itself, so it ranks as the exact explanation does.
        assertEquals(x, f.leaveOneOut());
        assertEquals(2, f.k());
        assertEquals(5, f.randomRankings());
        // Exact Shapley observed all 16 coalitions: every curve point is read from its samples.
        assertEquals(0, f.extraCalls());
        assertEquals(before, model.calls());
        // The ranking beats chance on both scores.
        assertTrue(x.aopcComprehensiveness() > f.random().aopcComprehensiveness());
        assertTrue(x.aopcSufficiency() < f.random().aopcSufficiency());
    }

    @Test
    void signedImportanceNotMagnitudeOrdersTheUnits() {
        // Ranked by |θ| the order would be Tom .4, fed .35, cat .3, the .2, and the deletion curve
        // 0, .4, .05, .35, .55 (AOPC 1.35 / 4 = 0.3375): removing fed, which pulls the output away,
        // brings it back. The signed ranking's 0.6375 is the higher, as it should be.
        GameModel model = new GameModel(G);
        Explanation e = exact(model, SignConvention.DISTANCE);
        Faithfulness f = Faithfulness.measure(e, OutputShifts.of(e, model), 2, 5, 7);
        assertEquals(0.6375, f.explanation().aopcComprehensiveness(), TOL);
        assertEquals(0.3375, curveAopc(new int[] {0, 1, 3, 2}), TOL);
    }

    @Test
    void anInvertedExplanationScoresBelowChanceAndBelowLeaveOneOut() {
        // The OpenXAI mistake, made on purpose: scores θ = +g (the importance sign written as if it
        // were the distance convention). Importance -θ = -g ranks fed .35, the -.2, cat -.3, Tom -.4:
        // deletion 0, -.35, -.15, .15, .55 (AOPC .2 / 4 = 0.05);
        // insertion .55, .9 (keep fed: Tom+the+cat), .7 (Tom+cat), .4 (Tom), 0 (AOPC 2 / 4 = 0.5).
        GameModel model = new GameModel(G);
        Explanation exact = exact(model, SignConvention.DISTANCE);
        Explanation inverted = exact.withAttribution(new Attribution(exact.units(), new double[] {0.4, -0.35, 0.2, 0.3},
                exact.attribution().intercept()));
        Faithfulness f = Faithfulness.measure(inverted, OutputShifts.of(inverted, model), 2, 5, 7);
        assertArrayEquals(new double[] {0, -0.35, -0.15, 0.15, 0.55}, f.explanation().curve().deletion(), TOL);
        assertArrayEquals(new double[] {0.55, 0.9, 0.7, 0.4, 0}, f.explanation().curve().insertion(), TOL);
        assertEquals(0.05, f.explanation().aopcComprehensiveness(), TOL);
        assertEquals(0.5, f.explanation().aopcSufficiency(), TOL);
        assertEquals(0.6375, f.leaveOneOut().aopcComprehensiveness(), TOL);
        assertTrue(f.explanation().aopcComprehensiveness() < f.random().aopcComprehensiveness());
        assertTrue(f.explanation().aopcSufficiency() > f.random().aopcSufficiency());
    }

    @Test
    void theSameExplanationInEitherSignConventionIsEquallyFaithful() {
        GameModel model = new GameModel(G);
        Explanation distance = exact(model, SignConvention.DISTANCE);
        Explanation importance = exact(model, SignConvention.IMPORTANCE);
        assertArrayEquals(Arrays.stream(distance.attribution().scores()).map(s -> -s).toArray(),
                importance.attribution().scores(), 0.0, "the two really are written in opposite signs");
        Faithfulness a = Faithfulness.measure(distance, OutputShifts.of(distance, model), 2, 5, 7);
        Faithfulness b = Faithfulness.measure(importance, OutputShifts.of(importance, model), 2, 5, 7);
        assertEquals(a, b);
    }

    @Test
    void theRandomBaselineIsTheMeanOfItsSeededPermutations() {
        GameModel model = new GameModel(G);
        Explanation e = exact(model, SignConvention.DISTANCE);
        Faithfulness f = Faithfulness.measure(e, OutputShifts.of(e, model), 3, 4, 11);
        SplittableRandom random = Seeds.random(11, "faithfulness-random");
        double[] d = new double[5];
        double[] in = new double[5];
        List<int[]> seen = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            int[] p = Rankings.random(4, random);
            assertArrayEquals(new int[] {0, 1, 2, 3}, Arrays.stream(p).sorted().toArray(), "a permutation");
            seen.add(p);
            double[][] c = additiveCurves(p);
            for (int k = 0; k <= 4; k++) {
                d[k] += c[0][k] / 4;
                in[k] += c[1][k] / 4;
            }
        }
        assertTrue(seen.stream().map(Arrays::toString).distinct().count() > 1, "the draws differ");
        assertArrayEquals(d, f.random().curve().deletion(), TOL);
        assertArrayEquals(in, f.random().curve().insertion(), TOL);
        assertEquals(d[3], f.random().comprehensiveness(), TOL);
        assertEquals((d[1] + d[2] + d[3] + d[4]) / 4, f.random().aopcComprehensiveness(), TOL);
        assertEquals((in[1] + in[2] + in[3] + in[4]) / 4, f.random().aopcSufficiency(), TOL);
        // Same seed, same baseline; another seed, other permutations.
        assertEquals(f, Faithfulness.measure(e, OutputShifts.of(e, model), 3, 4, 11));
        assertNotEquals(f.random(), Faithfulness.measure(e, OutputShifts.of(e, model), 3, 4, 12).random());
    }

    @Test
    void newPromptsAreCountedAsTheCallsTheyCost() {
        // Six words explained from 16 samples leave most of the 64 coalitions unobserved, so the
        // curves ask the model for new prompts: extraCalls is what the model saw during the measurement.
        GameModel model = new GameModel(Map.of("tom", 0.4, "fed", -0.35, "the", 0.2, "cat", 0.3, "big", 0.1, "fish", 0.25));
        Explanation e = Explainers.create(ExplanationSpec.builder().distance(DistanceKind.LOGPROB_SHIFT).samples(16).build())
                .explain(new ExplanationRequest("Tom fed the big cat fish", 3), model);
        OutputShifts shifts = OutputShifts.of(e, model);
        int before = model.calls();
        int shiftsBefore = shifts.calls();
        Faithfulness f = Faithfulness.measure(e, shifts, 2, 5, 7);
        assertTrue(f.extraCalls() > 1, "new prompts besides the original: " + f.extraCalls());
        assertEquals(model.calls() - before, f.extraCalls());
        assertEquals(shifts.calls() - shiftsBefore, f.extraCalls());
        // A second measurement on the same OutputShifts costs nothing new.
        assertEquals(0, Faithfulness.measure(e, shifts, 2, 5, 7).extraCalls());
    }

    @Test
    void aRationaleLargerThanThePromptOrNoRandomRankingIsOneLineNamingTheSetting() {
        GameModel model = new GameModel(G);
        Explanation e = exact(model, SignConvention.DISTANCE);
        OutputShifts shifts = OutputShifts.of(e, model);
        assertEquals("{k} is 5 but the prompt has 4 units: choose {k} at most 4",
                assertThrows(UserInputException.class, () -> Faithfulness.measure(e, shifts, 5, 5, 7)).template());
        assertEquals("{k} must be at least 1, got 0",
                assertThrows(UserInputException.class, () -> Faithfulness.measure(e, shifts, 0, 5, 7)).template());
        assertEquals("{randomRankings} must be at least 1, got 0",
                assertThrows(UserInputException.class, () -> Faithfulness.measure(e, shifts, 2, 0, 7)).template());
    }

    @Test
    void curvesAndScoresCheckTheirShape() {
        assertThrows(IllegalArgumentException.class, () -> new Curve(new double[] {0}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Curve(new double[] {0, 1}, new double[] {1, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new Curve(new double[] {0.1, 1}, new double[] {1, 0}));
        assertEquals(0.1, new Curve(new double[] {0.1, 1}, new double[] {1, 0.1}).deletion()[0], 0.0);
        assertThrows(IllegalArgumentException.class, () -> new Curve(new double[] {0, 1}, new double[] {2, 0}));
        Curve c = new Curve(new double[] {0, 0.5, 1}, new double[] {1, 0.25, 0});
        assertEquals(0.5, FaithfulnessScores.of(c, 1).comprehensiveness(), TOL);
        // AOPC over k = 1, 2: (0.5 + 1) / 2 and (0.25 + 0) / 2.
        assertEquals(0.75, FaithfulnessScores.of(c, 1).aopcComprehensiveness(), TOL);
        assertEquals(0.125, FaithfulnessScores.of(c, 2).aopcSufficiency(), TOL);
        assertThrows(IllegalArgumentException.class, () -> FaithfulnessScores.of(c, 3));
        assertEquals(new Curve(new double[] {0, 0.25, 0.5}, new double[] {0.5, 0.125, 0}),
                Curve.mean(List.of(c, new Curve(new double[] {0, 0, 0}, new double[] {0, 0, 0}))));
    }

    /** AOPC comprehensiveness of a ranking on the game, by the additive formula. */
    private static double curveAopc(int[] ranking) {
        double[] d = additiveCurves(ranking)[0];
        return (d[1] + d[2] + d[3] + d[4]) / 4;
    }

    /** The game's deletion and insertion curves of a ranking: sums of g over the removed words. */
    private static double[][] additiveCurves(int[] ranking) {
        double[] g = {0.4, -0.35, 0.2, 0.3};
        double total = 0.4 - 0.35 + 0.2 + 0.3;
        double[] d = new double[5];
        double[] in = new double[5];
        for (int k = 1; k <= 4; k++) {
            d[k] = d[k - 1] + g[ranking[k - 1]];
        }
        for (int k = 0; k <= 4; k++) {
            in[k] = total - d[k];
        }
        return new double[][] {d, in};
    }
}
