package org.gsmile.core.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.explain.EchoProbe;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.TestParts;
import org.gsmile.core.reference.ConstrainedLeastSquares;
import org.gsmile.core.reference.ShapleyKernel;
import org.junit.jupiter.api.Test;

/** The second stopping rule of {@link AdaptiveBudget}: converged, or tied, judged by how far the fits moved. */
class AdaptiveStoppingTest {
    static final String PROMPT = "a b c d e f g h i j";

    /** Deterministic noise of a coalition: the same coalition always gives the same Δ, as teacher forcing does. */
    static double noise(int set, double scale) {
        return scale * new SplittableRandom(set * 2654435761L + 17).nextGaussian();
    }

    /**
     * "a" and "b" lead; "c" and "d" tie exactly for third place (the game, noise included, is the
     * same with c and d swapped, so their Shapley values are equal); the rest matter a little.
     */
    static final OutputDistance<String> TIE = Games.game(set -> set == (1 << 10) - 1 ? 0.0
            : 0.95 - 0.5 * (set & 1) - 0.3 * ((set >> 1) & 1) - 0.1 * ((set >> 2) & 1) - 0.1 * ((set >> 3) & 1)
                    - 0.01 * Integer.bitCount(set >> 4) + noise(swapCD(set) < set ? swapCD(set) : set, 0.05));

    static int swapCD(int set) {
        int c = (set >> 2) & 1;
        int d = (set >> 3) & 1;
        return (set & ~0b1100) | (c << 3) | (d << 2);
    }

    /** "a", "b", "c" lead well apart from the rest, with the same noise. */
    static final OutputDistance<String> SEPARATED = Games.game(set -> set == (1 << 10) - 1 ? 0.0
            : 0.95 - 0.5 * (set & 1) - 0.3 * ((set >> 1) & 1) - 0.2 * ((set >> 2) & 1)
                    - 0.01 * Integer.bitCount(set >> 3) + noise(set, 0.05));

    /** Pure noise: no unit matters. */
    static final OutputDistance<String> NOISE = Games.game(set -> set == (1 << 10) - 1 ? 0.0 : noise(set, 1.0));

    /** Letters, the strata order, the Shapley kernel and its constrained fit, an adaptive budget up to {@code cap}. */
    static Explanation explain(int cap, OutputDistance<String> game, String prompt, long seed) {
        return TestParts.of(Games.LETTERS, Games.strata(), Games.DROP, new ShapleyKernel(),
                new ConstrainedLeastSquares(), AdaptiveBudget.upTo(cap), new EchoProbe(), game).explain(prompt, seed);
    }

    @Test
    void aNearTieAtTheBoundaryStopsTiedBeforeTheCap() {
        for (long seed = 1; seed <= 5; seed++) {
            Explanation e = explain(256, TIE, PROMPT, seed);
            SamplingReport s = e.sampling();
            assertEquals(StopReason.TIED, s.stopReason(), "seed " + seed + ": " + s);
            assertTrue(s.samples() < 256, "seed " + seed + " used " + s.samples());
            // The two leaders are found; third place is c or d, which the stop reason says is undecided.
            int[] top = Bootstrap.topK(e.attribution().scores(), 3);
            assertEquals(0, top[0]);
            assertEquals(1, top[1]);
            assertTrue(top[2] == 2 || top[2] == 3, "third " + top[2]);
            assertTrue(s.topKStability() < AdaptiveBudget.DEFAULT_STABILITY);
        }
    }

    @Test
    void aSeparatedTopConvergesBeforeTheCapWithTheRightSet() {
        for (long seed = 1; seed <= 5; seed++) {
            Explanation e = explain(256, SEPARATED, PROMPT, seed);
            SamplingReport s = e.sampling();
            // The bootstrap, cautious by design, does not call it stable; the fits stopped moving.
            assertEquals(StopReason.CONVERGED, s.stopReason(), "seed " + seed + ": " + s);
            assertTrue(s.topKStability() < AdaptiveBudget.DEFAULT_STABILITY);
            assertTrue(s.samples() < 256, "seed " + seed + " used " + s.samples());
            assertEquals(List.of(0, 1, 2), sorted(Bootstrap.topK(e.attribution().scores(), 3)));
        }
    }

    @Test
    void theJsonWritesTheLabelAndReadsItBack() {
        Explanation e = explain(256, TIE, PROMPT, 1);
        String json = org.gsmile.core.json.ExplanationJson.write(e);
        assertTrue(json.matches("(?s).*\"stopReason\"\\s*:\\s*\"tied\".*"), json);
        assertEquals(StopReason.TIED, org.gsmile.core.json.ExplanationJson.read(json).sampling().stopReason());
        Explanation c = explain(256, SEPARATED, PROMPT, 1);
        assertEquals(StopReason.CONVERGED,
                org.gsmile.core.json.ExplanationJson.read(org.gsmile.core.json.ExplanationJson.write(c)).sampling()
                        .stopReason());
    }

    @Test
    void noiseIsTiedNotStable() {
        Explanation e = explain(256, NOISE, PROMPT, 3);
        assertEquals(StopReason.TIED, e.sampling().stopReason());
        assertTrue(e.sampling().samples() < 256, "used " + e.sampling().samples());
    }

    @Test
    void nothingIsTiedWhenTheCapObservesEveryCoalition() {
        // 6 units: 64 coalitions, all within a cap of 64: the cap decides exactly, so even noise is
        // drawn to the end instead of being called tied.
        Explanation e = explain(64, Games.game(set -> set == 63 ? 0.0 : noise(set, 1.0)), "a b c d e f", 3);
        assertEquals(64, e.sampling().samples());
        assertTrue(e.sampling().stopReason() == StopReason.EXHAUSTED
                || e.sampling().stopReason() == StopReason.STABLE, e.sampling().stopReason().label());
    }

    @Test
    void theRuleWaitsForThreeFits() {
        AdaptiveBudget b = AdaptiveBudget.upTo(256);
        double[] clear = {-0.5, -0.3, -0.2, -0.01, -0.01, 0.0, 0.0, 0.0, 0.0, 0.0};
        List<Budget.RoundFit> fits = new ArrayList<>(List.of(new Budget.RoundFit(22, clear),
                new Budget.RoundFit(34, clear)));
        assertNull(b.margin(new Budget.Round(10, 34, 256, null, fits)));
        assertFalse(b.next(new Budget.Round(10, 34, 256, null, fits)).stops());
        fits.add(new Budget.RoundFit(52, clear));
        // Estimates that did not move at all: converged.
        assertEquals(StopReason.CONVERGED, b.next(new Budget.Round(10, 52, 256, null, fits)).stop());
        // Without the fits' history the budget stops only as it always did.
        assertFalse(b.next(new Budget.Round(10, 52, 256, null)).stops());
    }

    @Test
    void theScaleComesFromHowFarTheFitsMoved() {
        AdaptiveBudget b = AdaptiveBudget.upTo(256);
        // Third and fourth place 0.002 apart; between rounds every score moves by 0.05 or 0.
        List<Budget.RoundFit> fits = List.of(
                new Budget.RoundFit(22, new double[] {-0.5, -0.3, -0.10, -0.098, 0, 0, 0, 0, 0, 0}),
                new Budget.RoundFit(34, new double[] {-0.55, -0.25, -0.15, -0.048, 0, 0, 0, 0, 0, 0}),
                new Budget.RoundFit(52, new double[] {-0.5, -0.3, -0.10, -0.098, 0.05, 0, 0, 0, 0, 0}));
        AdaptiveBudget.Margin m = b.margin(new Budget.Round(10, 52, 256, null, fits));
        assertEquals(0.002, m.gap(), 1e-12);
        assertEquals(0.1, m.kth(), 1e-12);
        // σ² = Σ moves² / Σ 10·(1/m₁ − 1/m₂) = 9·0.05² / (10·(1/22 − 1/52)); SEs √(1/m − 1/2¹⁰) of it.
        double sigma = Math.sqrt(9 * 0.05 * 0.05 / (10 * (1.0 / 22 - 1.0 / 52)));
        assertEquals(sigma * Math.sqrt(1.0 / 52 - 1.0 / 1024), m.unitNow(), 1e-12);
        assertEquals(Math.sqrt(2) * m.unitNow(), m.seNow(), 1e-12);
        assertEquals(Math.sqrt(2) * sigma * Math.sqrt(1.0 / 256 - 1.0 / 1024), m.seCap(), 1e-12);
        assertTrue(m.sameSet());
        // So early the margin's own noise could still carry it past what the cap separates: go on.
        assertFalse(m.tied(), m.toString());
        Budget.Decision d = b.next(new Budget.Round(10, 52, 256, null, fits));
        assertFalse(d.stops());
        assertEquals(78, d.nextSamples());
    }

    @Test
    void theTieVerdictIsCautiousWhileTheMarginIsNoisyAndFirmNearTheCap() {
        // The same margin 0.002 and the same cap standard error 0.022, seen early and late.
        assertFalse(new AdaptiveBudget.Margin(0.002, 0.1, 0.056, 0.022, 0.04, true).tied());
        assertTrue(new AdaptiveBudget.Margin(0.002, 0.1, 0.028, 0.022, 0.02, true).tied());
        // A margin of 0.06 could be separated by the cap even late: not tied.
        assertFalse(new AdaptiveBudget.Margin(0.06, 0.1, 0.028, 0.022, 0.02, true).tied());
        // At the cap there is nothing left to project: tied exactly when the margin is within 2 SE.
        assertTrue(new AdaptiveBudget.Margin(0.04, 0.1, 0.022, 0.022, 0.015, true).tied());
        assertFalse(new AdaptiveBudget.Margin(0.05, 0.1, 0.022, 0.022, 0.015, true).tied());
        // A cap that observes every coalition has no error left: nothing but an exact tie is tied.
        assertFalse(new AdaptiveBudget.Margin(0.001, 0.1, 0.02, 0, 0.015, true).tied());
        // Converged needs the same set, the margin and the k-th score's distance from 0 beyond 2 SE.
        assertTrue(new AdaptiveBudget.Margin(0.06, 0.1, 0.028, 0.022, 0.02, true).converged());
        assertFalse(new AdaptiveBudget.Margin(0.06, 0.1, 0.028, 0.022, 0.02, false).converged());
        assertFalse(new AdaptiveBudget.Margin(0.05, 0.1, 0.028, 0.022, 0.02, true).converged());
        assertFalse(new AdaptiveBudget.Margin(0.06, 0.03, 0.028, 0.022, 0.02, true).converged());
    }

    @Test
    void atTheCapAClearMarginWhoseSetJustChangedIsMaxSamples() {
        AdaptiveBudget b = AdaptiveBudget.upTo(64);
        List<Budget.RoundFit> fits = List.of(
                new Budget.RoundFit(22, new double[] {-0.5, -0.3, -0.2, -0.21, 0, 0, 0, 0, 0, 0}),
                new Budget.RoundFit(34, new double[] {-0.5, -0.3, -0.19, -0.2, 0, 0, 0, 0, 0, 0}),
                new Budget.RoundFit(64, new double[] {-0.5, -0.3, -0.3, -0.2, 0, 0, 0, 0, 0, 0}));
        AdaptiveBudget.Margin m = b.margin(new Budget.Round(10, 64, 64, null, fits));
        assertFalse(m.sameSet());
        assertFalse(m.tied(), m.toString());
        assertEquals(StopReason.MAX_SAMPLES, b.next(new Budget.Round(10, 64, 64, null, fits)).stop());
    }

    @Test
    void labelsAreWhatTheJsonWrites() {
        assertEquals("converged", StopReason.CONVERGED.label());
        assertEquals("tied", StopReason.TIED.label());
        assertEquals(0.5, AdaptiveBudget.upperTail(0), 1e-15);
        assertEquals(0.022750131948179195, AdaptiveBudget.upperTail(2), 1e-12);   // scipy.stats.norm.sf(2)
    }

    private static List<Integer> sorted(int[] top) {
        return java.util.Arrays.stream(top).sorted().boxed().toList();
    }
}
