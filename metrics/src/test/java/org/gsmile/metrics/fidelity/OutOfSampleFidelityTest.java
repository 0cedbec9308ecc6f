package org.gsmile.metrics.fidelity;

import static org.gsmile.metrics.stats.HandExplanation.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.gsmile.api.Explainers;
import org.gsmile.api.OutputShifts;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.Sample;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.SignConvention;
import org.gsmile.metrics.stats.GameModel;
import org.gsmile.metrics.stats.HandExplanation;
import org.gsmile.models.llama.TestModels;
import org.junit.jupiter.api.Test;

class OutOfSampleFidelityTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void handWorkedComparison() {
        // θ = (0.25, −0.5, 0.75), θ₀ = 0.125 (binary fractions, so equal predictions are equal doubles):
        // ŷ(100) = 0.375, ŷ(011) = 0.375, ŷ(110) = −0.125, ŷ(001) = 0.875 against y = 0.5, 0.25, 0, 0.75.
        // Residuals ±0.125: SSE = 4/64, MSE = 1/64; ȳ = 0.375, SST = 2·0.125² + 2·0.375² = 0.3125,
        // R² = 1 − 0.0625/0.3125 = 0.8. Ranks of ŷ 2.5 2.5 1 4, of y 3 2 1 4: deviations from 2.5
        // (0, 0, −1.5, 1.5) and (0.5, −0.5, −1.5, 1.5), ρ = 4.5/√(4.5·5) = √0.9.
        // The fifth mask's shift could not be observed: left out and counted.
        for (SignConvention sign : SignConvention.values()) {
            Explanation e = HandExplanation.scored("a b c", new double[] {0.25, -0.5, 0.75}, 0.125, sign);
            List<Mask> masks = List.of(Mask.parse("100"), Mask.parse("011"), Mask.parse("110"), Mask.parse("001"),
                    Mask.parse("010"));
            OutOfSampleFidelity f = OutOfSampleFidelity.of(e, masks, new double[] {0.5, 0.25, 0, 0.75, Double.NaN}, 6);
            assertEquals(0.8, f.r2(), 1e-15, sign.label());
            assertEquals(0.015625, f.mse(), 1e-15);   // 1/64
            assertEquals(0.9486832980505138, f.spearman(), 1e-15);   // √0.9; scipy spearmanr (metrics.py)
            assertEquals(new SpearmansCorrelation().correlation(new double[] {0.375, 0.375, -0.125, 0.875},
                    new double[] {0.5, 0.25, 0, 0.75}), f.spearman(), 1e-15);
            assertEquals(5, f.fresh());
            assertEquals(1, f.failed());
            assertEquals(6, f.extraCalls());
        }
    }

    @Test
    void freshMasksAreUnseenProperDistinctAndSeeded() {
        List<HandExplanation.Row> rows = List.of(row("0000", INF, 0.3), row("1111", INF, 0), row("1000", 1, 0.1),
                row("0111", 1, 0.2), row("1100", 1, 0.1));
        Explanation e = HandExplanation.fitted("a b c d", rows, SignConvention.DISTANCE);
        List<Mask> masks = OutOfSampleFidelity.freshMasks(e, 8, 7);
        assertEquals(8, masks.size());
        assertEquals(8, new HashSet<>(masks).size(), "distinct");
        Set<Mask> seen = new HashSet<>();
        e.samples().forEach(s -> seen.add(s.mask()));
        for (Mask m : masks) {
            assertTrue(m.keptCount() > 0 && m.keptCount() < 4, "neither empty nor full: " + m);
            assertTrue(!seen.contains(m), "not among the samples: " + m);
        }
        assertEquals(masks, OutOfSampleFidelity.freshMasks(e, 8, 7), "the same seed draws the same masks");
        assertNotEquals(masks, OutOfSampleFidelity.freshMasks(e, 8, 8));
        // 2⁴ − 2 = 14 proper coalitions, 3 of them seen: 11 exist, and asking for more gives all 11.
        List<Mask> all = OutOfSampleFidelity.freshMasks(e, 50, 7);
        assertEquals(11, all.size());
        assertEquals(11, new HashSet<>(all).size());
        assertEquals(masks, all.subList(0, 8), "a smaller request is a prefix of a larger one");
        UserInputException bad = assertThrows(UserInputException.class, () -> OutOfSampleFidelity.freshMasks(e, 0, 7));
        assertTrue(bad.template().startsWith("{fresh} must be at least 1, got 0"), bad.template());
    }

    @Test
    void longPromptsDrawUniformCoalitionsByRejection() {
        // 30 units, past the enumeration: each unit is kept with probability ½, so the kept fraction of 2000
        // masks has mean ½ and standard error √(¼ / 60000) ≈ 0.002; 0.01 is five of them.
        String prompt = String.join(" ", java.util.Collections.nCopies(30, "w"));
        Explanation e = HandExplanation.scored(prompt, new double[30], 0, SignConvention.DISTANCE);
        List<Mask> masks = OutOfSampleFidelity.freshMasks(e, 2000, 11);
        assertEquals(2000, new HashSet<>(masks).size());
        double kept = masks.stream().mapToInt(Mask::keptCount).sum() / (30.0 * 2000);
        assertEquals(0.5, kept, 0.01);
        assertTrue(masks.stream().allMatch(m -> m.keptCount() > 0 && m.keptCount() < 30));
    }

    /**
     * Δ additive on the coalition sizes a 2n + 2 strata design observes (1 and n − 1, and the anchors),
     * plus ±λ by whether units 0 and 1 are kept or removed together on every size in between: a linear
     * model fits the samples exactly and cannot predict the rest.
     */
    static GameModel middleInteraction(double lambda) {
        double[] a = {0.3, -0.2, 0.15, 0.1, -0.25, 0.05, 0.2, -0.1};
        return new GameModel("Tom saw a big dog in the park", s -> {
            double g = 0;
            int size = 0;
            for (int i = 0; i < a.length; i++) {
                g += s[i] ? a[i] : 0;
                size += s[i] ? 1 : 0;
            }
            boolean middle = size >= 2 && size <= a.length - 2;
            return g + (middle ? (s[0] == s[1] ? lambda : -lambda) : 0);
        });
    }

    @Test
    void aSurrogateThatFitsItsSamplesButNotTheGameShowsItOutOfSample() {
        GameModel model = middleInteraction(0.5);
        // 18 = 2·8 + 2: the anchors and the complete strata of 1 and 7 units kept.
        ExplanationSpec spec = ExplanationSpec.builder().distance(DistanceKind.LOGPROB_SHIFT).samples(18).build();
        Explanation e = Explainers.create(spec).explain(new ExplanationRequest(model.sentence(), 42), model);
        assertTrue(e.samples().stream().mapToInt(s -> s.mask().keptCount()).allMatch(k -> k <= 1 || k >= 7));
        InSampleFidelity in = InSampleFidelity.of(e);
        assertTrue(in.r2w() > 0.999, "in sample: " + in);

        OutputShifts shifts = OutputShifts.of(e, model);
        int before = model.scored();
        OutOfSampleFidelity out = OutOfSampleFidelity.measure(e, shifts, 64, 42);
        System.out.printf("non-additive game: in-sample R²w %.4f; out-of-sample R² %.4f, Spearman %.4f, MSE %.4g%n",
                in.r2w(), out.r2(), out.spearman(), out.mse());
        assertTrue(out.r2() < 0.5, "out of sample: " + out);
        assertTrue(out.spearman() < 0.7, "out of sample: " + out);
        assertEquals(64, out.fresh());
        assertEquals(0, out.failed());
        // The original prompt (observed once per OutputShifts, with the first new prompt) and the 64 masks.
        assertEquals(65, out.extraCalls());
        assertEquals(65, model.scored() - before, "extraCalls are the calls the model saw");

        // Control: the same design on the additive game predicts every fresh coalition.
        GameModel additive = middleInteraction(0);
        Explanation ea = Explainers.create(spec).explain(new ExplanationRequest(additive.sentence(), 42), additive);
        OutOfSampleFidelity control = OutOfSampleFidelity.measure(ea, OutputShifts.of(ea, additive), 64, 42);
        assertEquals(1.0, control.r2(), 1e-9, control.toString());
        assertTrue(control.spearman() > 0.99, control.toString());
    }

    @Test
    void theSignConventionDoesNotChangeIt() {
        GameModel model = middleInteraction(0.5);
        ExplanationSpec spec = ExplanationSpec.builder().distance(DistanceKind.LOGPROB_SHIFT).samples(24).build();
        ExplanationRequest request = new ExplanationRequest(model.sentence(), 3);
        Explanation d = Explainers.create(spec).explain(request, model);
        Explanation i = Explainers.create(spec.toBuilder().sign(SignConvention.IMPORTANCE).build()).explain(request, model);
        OutOfSampleFidelity fd = OutOfSampleFidelity.measure(d, OutputShifts.of(d, model), 40, 9);
        OutOfSampleFidelity fi = OutOfSampleFidelity.measure(i, OutputShifts.of(i, model), 40, 9);
        assertEquals(fd, fi);
    }

    @Test
    void onStories260K() {
        GenerativeModel model = TestModels.stories260KModel();
        Explanation e = Explainers.create(ExplanationSpec.defaults())
                .explain(new ExplanationRequest("Lily wanted to play with her red ball", 42), model);
        OutputShifts shifts = OutputShifts.of(e, model);
        OutOfSampleFidelity f = OutOfSampleFidelity.measure(e, shifts, 32, 42);
        InSampleFidelity in = InSampleFidelity.of(e);
        System.out.printf("stories260K, 8 words, default: in-sample R²w %.4f; out-of-sample R² %.4f, Spearman %.4f,"
                + " MSE %.3g over %d fresh masks, %d calls%n", in.r2w(), f.r2(), f.spearman(), f.mse(), f.fresh(),
                f.extraCalls());
        assertEquals(32, f.fresh());
        assertEquals(33, f.extraCalls(), "the original prompt and the 32 new ones");
        assertTrue(Double.isFinite(f.r2()) && f.r2() <= 1, f.toString());
        assertTrue(f.spearman() > 0, "the surrogate orders unseen coalitions better than chance: " + f);
        // The same masks measured again cost nothing: OutputShifts remembers them.
        List<Mask> masks = OutOfSampleFidelity.freshMasks(e, 32, 42);
        double[] again = shifts.shifts(masks);
        assertEquals(f, OutOfSampleFidelity.of(e, masks, again, f.extraCalls()));
        for (Sample s : e.samples()) {
            assertTrue(!masks.contains(s.mask()));
        }
    }
}
