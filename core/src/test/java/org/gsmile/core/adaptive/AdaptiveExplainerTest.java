package org.gsmile.core.adaptive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gsmile.core.UserInputException;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.explain.Explainer;
import org.gsmile.core.explain.Explanation;
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

    static Explainer explainer(Budget budget) {
        return new Explainer(Games.LETTERS, Games.uniformDistinct(), Games.DROP, new ShapleyKernel(),
                new ConstrainedLeastSquares(), budget);
    }

    @Test
    void aClearGameStopsStableLongBeforeTheCap() {
        Games.EchoProbe probe = new Games.EchoProbe();
        Explanation e = explainer(AdaptiveBudget.upTo(256)).explain(PROMPT, probe, CLEAR, 3, "fake", "", Games.config());
        SamplingReport s = e.sampling();
        assertEquals(StopReason.STABLE, s.stopReason());
        assertEquals("auto", s.budget());
        assertTrue(s.samples() < 256, "used " + s.samples());
        assertArrayEquals(new int[] {2, 5, 0}, Bootstrap.topK(e.attribution(), 3));
        for (int u : new int[] {2, 5, 0}) {
            assertTrue(s.lower()[u] <= e.attribution()[u] && e.attribution()[u] <= s.upper()[u]);
            assertTrue(s.upper()[u] < 0, "interval of unit " + u + " must exclude 0");
        }
        // One model batch per round, and the empty prompt observed once as the anchor.
        assertEquals(s.rounds(), probe.batches);
        assertEquals(1, probe.seen.stream().filter(String::isEmpty).count());
        // The budget counts the anchors: the empty prompt is a distinct call, the full one is the original.
        assertEquals(s.samples(), e.calls().unique());
        assertEquals(s.samples() + 1, e.calls().requested());
    }

    @Test
    void noiseRunsToTheCap() {
        Explanation e = explainer(AdaptiveBudget.upTo(40)).explain(PROMPT, new Games.EchoProbe(), NOISE, 3, "fake", "",
                Games.config());
        assertEquals(StopReason.MAX_SAMPLES, e.sampling().stopReason());
        assertEquals(40, e.sampling().samples());
    }

    @Test
    void whereAnAdaptiveRunStopsAFixedRunOfThatSizeGivesTheSameAnswer() {
        Explanation auto = explainer(AdaptiveBudget.upTo(256)).explain(PROMPT, new Games.EchoProbe(), CLEAR, 9, "fake",
                "", Games.config());
        Explanation fixed = explainer(new FixedBudget(auto.sampling().samples(), 0, 0.95, 3)).explain(PROMPT,
                new Games.EchoProbe(), CLEAR, 9, "fake", "", Games.config());
        assertArrayEquals(fixed.attribution(), auto.attribution(), 0.0);
        assertEquals(fixed.samples(), auto.samples());
    }

    @Test
    void sameSeedSameExplanation() {
        Explanation a = explainer(AdaptiveBudget.upTo(256)).explain(PROMPT, new Games.EchoProbe(), CLEAR, 4, "f", "",
                Games.config());
        Explanation b = explainer(AdaptiveBudget.upTo(256)).explain(PROMPT, new Games.EchoProbe(), CLEAR, 4, "f", "",
                Games.config());
        assertArrayEquals(a.attribution(), b.attribution(), 0.0);
        assertArrayEquals(a.sampling().lower(), b.sampling().lower(), 0.0);
        assertEquals(a.sampling().samples(), b.sampling().samples());
    }

    @Test
    void aSmallGameIsExhaustedAndThenExact() {
        // 4 units: 14 proper coalitions and 2 anchors, all within the first round of 16.
        Explanation e = explainer(AdaptiveBudget.upTo(64)).explain("a b c d", new Games.EchoProbe(),
                Games.game(set -> org.gsmile.core.reference.ShapleyValuesTestGame.GAME[set]), 1, "f", "", Games.config());
        assertEquals(16, e.sampling().samples());
        assertTrue(e.sampling().stopReason() == StopReason.EXHAUSTED || e.sampling().stopReason() == StopReason.STABLE);
        assertArrayEquals(org.gsmile.core.reference.ShapleyValuesTestGame.PHI, e.attribution(), 1e-12);
    }

    @Test
    void anUnreachableBoundIsAUserError() {
        assertThrows(UserInputException.class, () -> AdaptiveBudget.upTo(8));
        // 30 units need a first round of 62 samples; 7 units need the minimum of 16.
        assertThrows(UserInputException.class, () -> AdaptiveBudget.upTo(40).firstRound(30));
        assertEquals(16, AdaptiveBudget.upTo(20).firstRound(7));
        assertEquals(40, AdaptiveBudget.upTo(256).firstRound(19));
    }
}
