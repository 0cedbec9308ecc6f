package org.gsmile.core.adaptive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gsmile.core.UserInputException;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.explain.EchoProbe;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.TestParts;
import org.gsmile.core.reference.ConstrainedLeastSquares;
import org.gsmile.core.reference.ShapleyKernel;
import org.junit.jupiter.api.Test;

/** The explainer drawing in rounds under an adaptive budget, on fake games. */
class AdaptiveExplainerTest {
    static final String PROMPT = "a b c d e f g h i j";

    /** A clear game: "c" matters most, "f" next, "a" a little, small pairwise noise-like interactions. */
    static final OutputDistance<String> CLEAR = Games.game(set -> {
        if (set == (1 << 10) - 1) {
            return 0.0;
        }
        double v = 0.95 - 0.6 * ((set >> 2) & 1) - 0.3 * ((set >> 5) & 1) - 0.15 * (set & 1);
        return v + 0.02 * (((set >> 1) & 1) * ((set >> 7) & 1)) - 0.01 * ((set >> 9) & 1);
    });

    /** Pure noise: no unit matters, any top-3 is arbitrary. */
    static final OutputDistance<String> NOISE = Games.game(set -> set == (1 << 10) - 1 ? 0.0
            : new SplittableRandom(set * 31L + 5).nextGaussian());

    /** Letters, uniform distinct masks, the Shapley kernel and its constrained fit under {@code budget}. */
    static TestParts parts(Budget budget, OutputDistance<String> game, EchoProbe probe) {
        return TestParts.of(Games.LETTERS, Games.uniformDistinct(), Games.DROP, new ShapleyKernel(),
                new ConstrainedLeastSquares(), budget, probe, game);
    }

    static Explanation explain(Budget budget, OutputDistance<String> game, String prompt, long seed) {
        return parts(budget, game, new EchoProbe()).explain(prompt, seed);
    }

    @Test
    void aClearGameStopsStableLongBeforeTheCap() {
        EchoProbe probe = new EchoProbe();
        Explanation e = parts(AdaptiveBudget.upTo(256), CLEAR, probe).explain(PROMPT, 3);
        SamplingReport s = e.sampling();
        double[] theta = e.attribution().scores();
        assertEquals(StopReason.STABLE, s.stopReason());
        assertEquals("auto", s.budget());
        assertTrue(s.samples() < 256, "used " + s.samples());
        assertArrayEquals(new int[] {2, 5, 0}, Bootstrap.topK(theta, 3));
        for (int u : new int[] {2, 5, 0}) {
            assertTrue(s.lower()[u] <= theta[u] && theta[u] <= s.upper()[u]);
            assertTrue(s.upper()[u] < 0, "interval of unit " + u + " must exclude 0");
        }
        // One model batch per round, and the empty prompt observed once as the anchor.
        assertEquals(s.rounds(), probe.batches());
        assertEquals(1, probe.seen().stream().filter(String::isEmpty).count());
        // The budget counts the anchors: the empty prompt is a distinct call, the full one is the original.
        assertEquals(s.samples(), e.calls().unique());
        assertEquals(s.samples() + 1, e.calls().requested());
    }

    @Test
    void noiseRunsToTheCapAndIsTiedThere() {
        // Rounds of 22, 34 and 40 samples: the third fit is the first the tie rule may judge, at the cap.
        Explanation e = explain(AdaptiveBudget.upTo(40), NOISE, PROMPT, 3);
        assertEquals(StopReason.TIED, e.sampling().stopReason());
        assertEquals(40, e.sampling().samples());
    }

    @Test
    void whereAnAdaptiveRunStopsAFixedRunOfThatSizeGivesTheSameAnswer() {
        Explanation auto = explain(AdaptiveBudget.upTo(256), CLEAR, PROMPT, 9);
        Explanation fixed = explain(new FixedBudget(auto.sampling().samples(), 0, 0.95, 3), CLEAR, PROMPT, 9);
        assertArrayEquals(fixed.attribution().scores(), auto.attribution().scores(), 0.0);
        assertEquals(fixed.samples(), auto.samples());
    }

    @Test
    void sameSeedSameExplanation() {
        Explanation a = explain(AdaptiveBudget.upTo(256), CLEAR, PROMPT, 4);
        Explanation b = explain(AdaptiveBudget.upTo(256), CLEAR, PROMPT, 4);
        assertEquals(TestParts.withoutTimings(a), TestParts.withoutTimings(b));
        assertArrayEquals(a.attribution().scores(), b.attribution().scores(), 0.0);
        assertArrayEquals(a.sampling().lower(), b.sampling().lower(), 0.0);
        assertEquals(a.sampling().samples(), b.sampling().samples());
    }

    @Test
    void aSmallGameIsExhaustedAndThenExact() {
        // 4 units: 14 proper coalitions and 2 anchors, all within the first round of 16.
        Explanation e = explain(AdaptiveBudget.upTo(64),
                Games.game(set -> org.gsmile.core.reference.ShapleyValuesTestGame.GAME[set]), "a b c d", 1);
        assertEquals(16, e.sampling().samples());
        assertTrue(e.sampling().stopReason() == StopReason.EXHAUSTED || e.sampling().stopReason() == StopReason.STABLE);
        assertArrayEquals(org.gsmile.core.reference.ShapleyValuesTestGame.PHI, e.attribution().scores(), 1e-12);
    }

    @Test
    void everyCoalitionStopsWhenTheSamplerRunsOut() {
        // The exhaustive sampler's budget: whatever the sampler lists, then exhausted; exact on a small game.
        Explanation e = explain(FixedBudget.everyCoalition(50, 0.95, 3),
                Games.game(set -> org.gsmile.core.reference.ShapleyValuesTestGame.GAME[set]), "a b c d", 1);
        assertEquals(StopReason.EXHAUSTED, e.sampling().stopReason());
        assertEquals(16, e.sampling().samples());
        assertEquals(17, e.calls().requested());
        assertArrayEquals(org.gsmile.core.reference.ShapleyValuesTestGame.PHI, e.attribution().scores(), 1e-12);
        // Every coalition observed: nothing left to resample, the intervals close on the values.
        assertArrayEquals(e.attribution().scores(), e.sampling().lower(), 1e-12);
        assertArrayEquals(e.attribution().scores(), e.sampling().upper(), 1e-12);
        assertEquals(Integer.MAX_VALUE, FixedBudget.everyCoalition(0, 0.95, 3).maxSamples());
    }

    @Test
    void anUnreachableBoundIsAUserError() {
        UserInputException low = assertThrows(UserInputException.class, () -> AdaptiveBudget.upTo(8));
        assertTrue(low.getMessage().contains("maxSamples must be at least 16, got 8"), low.getMessage());
        // 30 units need a first round of 62 samples; 7 units need the minimum of 16.
        UserInputException far = assertThrows(UserInputException.class, () -> AdaptiveBudget.upTo(40).firstRound(30));
        assertTrue(far.getMessage().contains("raise it to at least maxSamples=62"), far.getMessage());
        assertEquals(16, AdaptiveBudget.upTo(20).firstRound(7));
        assertEquals(40, AdaptiveBudget.upTo(256).firstRound(19));
    }
}
