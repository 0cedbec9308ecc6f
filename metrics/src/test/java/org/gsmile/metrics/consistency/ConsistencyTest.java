package org.gsmile.metrics.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.gsmile.api.Explainers;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.CallStats;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.PromptExplainer;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.SamplerKind;
import org.gsmile.core.spec.SignConvention;
import org.gsmile.core.unit.Unit;
import org.gsmile.metrics.stats.GameModel;
import org.gsmile.metrics.stats.HandExplanation;
import org.gsmile.metrics.stats.KendallW;
import org.gsmile.models.llama.TestModels;
import org.junit.jupiter.api.Test;

class ConsistencyTest {
    private static final Unit A = new Unit("a", 0, 1);

    @Test
    void spreadOfOneUnit() {
        // 0.1, 0.2, 0.3: mean 0.2, sd √((0.01 + 0 + 0.01)/2) = 0.1, CV 0.5; t₀.₉₇₅,₂ = √(2/(4·0.975·0.025) − 2)
        // = 4.302652729749462, half-width 4.3027·0.1/√3 = 0.24841. scipy t.ppf agrees (metrics.py).
        UnitSpread s = UnitSpread.of(A, new double[] {0.1, 0.2, 0.3});
        assertEquals(0.2, s.mean(), 1e-15);
        assertEquals(0.1, s.sd(), 1e-15);
        assertEquals(0.5, s.cv(), 1e-14);
        assertEquals(-0.048413771175032955, s.lower(), 1e-12);
        assertEquals(0.448413771175033, s.upper(), 1e-12);
        // −0.1, 0.1: mean 0, so CV is NaN; sd = √0.02, sd/√2 = 0.1, t₀.₉₇₅,₁ = tan(0.475π) = 12.7062.
        UnitSpread zero = UnitSpread.of(A, new double[] {-0.1, 0.1});
        assertEquals(Double.NaN, zero.cv());
        assertEquals(-1.2706204736174695, zero.lower(), 1e-12);
        assertEquals(1.2706204736174695, zero.upper(), 1e-12);
        // Identical runs: no spread, the interval is the point.
        UnitSpread same = UnitSpread.of(A, new double[] {0.3, 0.3, 0.3});
        assertEquals(0, same.sd(), 0.0);
        assertEquals(0, same.cv(), 0.0);
        assertEquals(0.3, same.lower(), 0.0);
        assertEquals(0.3, same.upper(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> UnitSpread.of(A, new double[] {0.1}));
    }

    private static List<Explanation> handRuns(SignConvention sign) {
        // The rankings of StatsTest.kendallWWithoutTies: W = 37/45.
        return List.of(
                HandExplanation.scored("a b c d", new double[] {0.4, 0.3, 0.2, 0.1}, sign, new CallStats(65, 64, 1, 1)),
                HandExplanation.scored("a b c d", new double[] {0.3, 0.4, 0.2, 0.1}, sign, new CallStats(65, 64, 1, 1)),
                HandExplanation.scored("a b c d", new double[] {-0.4, 0.3, 0.1, -0.2}, sign, new CallStats(60, 58, 2, 1)));
    }

    @Test
    void ofHandMadeRuns() {
        Consistency d = Consistency.of(handRuns(SignConvention.DISTANCE));
        assertEquals(37.0 / 45, d.kendallW(), 1e-15);
        assertEquals(3, d.runs());
        // Runs 2 and 3: 64 + 1 and 58 + 1 calls; run 1 is the explanation evaluated.
        assertEquals(124, d.extraCalls());
        assertEquals(4, d.units().size());
        // Unit a: 0.4, 0.3, −0.4: mean 0.1, sd √((0.09 + 0.04 + 0.25)/2) = √0.19, CV √0.19/0.1 (metrics.py).
        UnitSpread a = d.units().get(0);
        assertEquals("a", a.unit().text());
        assertEquals(0.1, a.mean(), 1e-15);
        assertEquals(Math.sqrt(0.19), a.sd(), 1e-15);
        assertEquals(0.43588989435406733, a.sd(), 1e-15);
        assertEquals(4.358898943540674, a.cv(), 1e-13);
        assertEquals(-0.982810524735806, a.lower(), 1e-12);
        assertEquals(1.1828105247358058, a.upper(), 1e-12);

        // In the importance convention the scores read as printed: every mean and interval flips, W stays.
        Consistency i = Consistency.of(handRuns(SignConvention.IMPORTANCE));
        assertEquals(d.kendallW(), i.kendallW(), 0.0);
        for (int u = 0; u < 4; u++) {
            assertEquals(-d.units().get(u).mean(), i.units().get(u).mean(), 1e-15);
            assertEquals(-d.units().get(u).upper(), i.units().get(u).lower(), 1e-15);
            assertEquals(d.units().get(u).sd(), i.units().get(u).sd(), 1e-15);
        }
    }

    @Test
    void refusesWhatCannotBeCompared() {
        List<Explanation> runs = handRuns(SignConvention.DISTANCE);
        UserInputException one = assertThrows(UserInputException.class, () -> Consistency.of(runs.subList(0, 1)));
        assertEquals("{runs} must be at least 2, got 1: consistency compares explanations of the same prompt made with"
                + " different seeds; try {runs=3}", one.template());
        List<Explanation> other = new ArrayList<>(runs);
        other.add(HandExplanation.scored("a b c e", new double[4], SignConvention.DISTANCE, new CallStats(1, 1, 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> Consistency.of(other));
        List<Explanation> mixed = new ArrayList<>(runs);
        mixed.add(HandExplanation.scored("a b c d", new double[4], SignConvention.IMPORTANCE, new CallStats(1, 1, 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> Consistency.of(mixed));
        assertThrows(UserInputException.class, () -> Consistency.measure(runs.get(0), null, null, null, 1));
    }

    @Test
    void measureRunsTheDerivedSeedsAndCountsTheirCalls() {
        double[] a = {0.3, -0.2, 0.15, 0.1, -0.25, 0.05};
        GameModel model = new GameModel("Lily saw a red ball today", s -> {
            double g = 0;
            for (int i = 0; i < a.length; i++) {
                g += s[i] ? a[i] : 0;
            }
            return g + (s[0] && s[2] ? 0.3 : 0);
        });
        // KernelSHAP's random coalitions, so the seed matters.
        PromptExplainer explainer = Explainers.create(ExplanationSpec.builder().distance(DistanceKind.LOGPROB_SHIFT)
                .sampler(SamplerKind.SHAPLEY).samples(16).build());
        ExplanationRequest request = new ExplanationRequest(model.sentence(), 42);
        Explanation first = explainer.explain(request, model);
        int before = model.calls();
        Consistency c = Consistency.measure(first, explainer, request, model, 4);
        assertEquals(model.calls() - before, c.extraCalls(), "every call the model served for runs 2..4");
        assertEquals(4, c.runs());

        // The same as explaining with the documented seeds by hand.
        List<Explanation> runs = new ArrayList<>(List.of(first));
        for (int r = 2; r <= 4; r++) {
            runs.add(explainer.explain(new ExplanationRequest(request.prompt(), Consistency.seed(42, r)), model));
        }
        assertEquals(Consistency.of(runs), c);
        double[][] scores = runs.stream().map(e -> e.attribution().scores()).toArray(double[][]::new);
        assertEquals(KendallW.of(scores), c.kendallW(), 0.0);
        assertTrue(c.units().stream().anyMatch(u -> u.sd() > 0), "the seeds drew different coalitions");
    }

    @Test
    void threeRunsOnStories260K() {
        CountingModel model = new CountingModel(TestModels.stories260KModel());
        PromptExplainer explainer = Explainers.create(ExplanationSpec.defaults());
        ExplanationRequest request = new ExplanationRequest("Lily wanted to play with her red ball in the park", 42);
        Explanation first = explainer.explain(request, model);
        int before = model.calls();
        Consistency c = Consistency.measure(first, explainer, request, model, 3);
        int calls = model.calls() - before;
        StringBuilder spread = new StringBuilder();
        for (UnitSpread u : c.units()) {
            spread.append(String.format(" %s %+.4f±%.4f", u.unit().text(), u.mean(), u.sd()));
        }
        System.out.printf("stories260K, %d words, default, 3 runs: Kendall W %.4f, %d extra calls;%s%n",
                c.units().size(), c.kendallW(), c.extraCalls(), spread);
        assertEquals(calls, c.extraCalls(), "the calls the model saw");
        assertEquals(2 * (first.calls().unique() + first.calls().preparation()), c.extraCalls(),
                "two more runs, each as costly as the first");
        assertTrue(c.kendallW() > 0.5 && c.kendallW() <= 1 + 1e-12, "W " + c.kendallW());
        assertEquals(first.units().size(), c.units().size());
    }
}
