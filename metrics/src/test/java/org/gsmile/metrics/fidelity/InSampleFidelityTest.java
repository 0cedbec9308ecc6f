package org.gsmile.metrics.fidelity;

import static org.gsmile.metrics.stats.HandExplanation.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gsmile.api.Explainers;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.Method;
import org.gsmile.core.spec.Preset;
import org.gsmile.core.spec.SignConvention;
import org.gsmile.core.spec.SurrogateKind;
import org.gsmile.core.surrogate.Fidelity;
import org.gsmile.metrics.stats.GameModel;
import org.gsmile.metrics.stats.HandExplanation;
import org.gsmile.models.llama.TestModels;
import org.junit.jupiter.api.Test;

class InSampleFidelityTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void handWorkedConstrainedFitWithAnchorsLeftOut() {
        // Two units, anchors Δ(00) = 0.5 and Δ(11) = 0 held exactly: θ₀ = 0.5, θ₁ + θ₂ = −0.5. With θ₁ = t the
        // free rows 10 (w 1, Δ 0.3) and 01 (w 2, Δ 0.1) have residuals −0.2 − t and 0.1 + t; minimising
        // (0.2 + t)² + 2(0.1 + t)² gives t = −0.8/6 = −2/15, residuals −1/15 and −1/30.
        // SSE = 1/225 + 2/900 = 1/150; ȳ_w = (0.3 + 0.2)/3 = 1/6; SST = (0.3 − 1/6)² + 2(0.1 − 1/6)² = 2/75;
        // R²w = 1 − (1/150)/(2/75) = 0.75; MSEw = (1/150)/3 = 1/450; MAEw = (1/15 + 2/30)/3 = 2/45;
        // n = 2 ≤ p + 1 = 3: adjusted NaN.
        List<HandExplanation.Row> rows = List.of(row("00", INF, 0.5), row("11", INF, 0.0), row("10", 1, 0.3),
                row("01", 2, 0.1));
        for (SignConvention sign : SignConvention.values()) {
            Explanation e = HandExplanation.fitted("a b", rows, sign);
            InSampleFidelity f = InSampleFidelity.of(e);
            assertEquals(0.75, f.r2w(), 1e-12, sign.label());
            assertEquals(Double.NaN, f.r2wAdjusted());
            assertEquals(1.0 / 450, f.mseW(), 1e-15);
            assertEquals(2.0 / 45, f.maeW(), 1e-15);
            assertEquals(2, f.samples());
            assertEquals(2, f.anchors());
            assertTrue(f.anchorError() < 1e-15, "anchors are held exactly: " + f.anchorError());
            agrees(e.fit().fidelity(), f);
        }
    }

    @Test
    void givenScoresMatchNumpy() {
        // Scores not fitted to these samples (a JSON explanation edited, or a reference): every sum uses them
        // as given. Recomputed with numpy in tools/reference/metrics.py (in_sample_given_scores).
        double[] theta = {0.12, -0.31, 0.05};
        List<HandExplanation.Row> rows = List.of(row("000", INF, 0.4), row("111", INF, 0.26),
                row("100", 0.8, 0.55), row("010", 0.5, 0.02), row("001", 0.3, 0.41), row("110", 1.2, 0.30),
                row("101", 0.7, 0.50), row("011", 0.9, 0.20));
        Explanation e = HandExplanation.scored("a b c", theta, 0.4, rows, new Fidelity(0, 0, 0),
                SignConvention.IMPORTANCE);
        InSampleFidelity f = InSampleFidelity.of(e);
        assertEquals(0.8399137259600983, f.r2w(), 1e-12);
        assertEquals(0.5997843149002458, f.r2wAdjusted(), 1e-12);
        assertEquals(0.004554545454545454, f.mseW(), 1e-12);
        assertEquals(0.06409090909090909, f.maeW(), 1e-12);
        assertEquals(6, f.samples());
        assertEquals(2, f.anchors());
        assertTrue(f.anchorError() < 1e-15);
    }

    @Test
    void withoutSamplesOfFiniteWeightEverythingIsNan() {
        Explanation e = HandExplanation.fitted("a", List.of(row("0", INF, 0.2), row("1", INF, 0.0)),
                SignConvention.DISTANCE);
        InSampleFidelity f = InSampleFidelity.of(e);
        assertEquals(Double.NaN, f.r2w());
        assertEquals(Double.NaN, f.mseW());
        assertEquals(0, f.samples());
        assertEquals(2, f.anchors());
    }

    /** A game with interactions, so that the fit is imperfect and agreement is not 1 = 1. */
    static GameModel interactingGame() {
        double[] a = {0.3, -0.2, 0.15, 0.1, -0.25, 0.05};
        return new GameModel("Lily saw a red ball today", s -> {
            double g = 0;
            for (int i = 0; i < a.length; i++) {
                g += s[i] ? a[i] : 0;
            }
            return g + (s[0] && s[1] ? 0.2 : 0) + (s[2] && s[3] && s[4] ? -0.3 : 0);
        });
    }

    @Test
    void agreesWithTheExplainersOwnFitWhereverItIsDefinedAlike() {
        GameModel model = interactingGame();
        ExplanationRequest request = new ExplanationRequest(model.sentence(), 5);
        // The linear fits rate θ·z + θ₀ itself; the size-profile fit (the default) rates its own per-size
        // model, a different one, so it is compared with the wls fit of the same design.
        ExplanationSpec shapley = ExplanationSpec.builder().distance(DistanceKind.LOGPROB_SHIFT).surrogate(
                SurrogateKind.WLS).sampler(org.gsmile.core.spec.SamplerKind.STRATA).samples(24).build();
        List<ExplanationSpec> specs = List.of(shapley,
                shapley.toBuilder().sign(SignConvention.IMPORTANCE).build(),
                // The thesis recipe: Bernoulli masks, Gaussian kernel, no anchors.
                ExplanationSpec.builder().preset(Preset.THESIS).distance(DistanceKind.LOGPROB_SHIFT).samples(40).build(),
                ExplanationSpec.builder().distance(DistanceKind.LOGPROB_SHIFT).kernel(
                        org.gsmile.core.spec.KernelKind.UNIFORM).samples(30).build(),
                // Exact Shapley values: computed by the enumeration formula, rated by the constrained fit.
                shapley.toBuilder().method(Method.EXACT_SHAPLEY).build());
        for (ExplanationSpec spec : specs) {
            Explanation e = Explainers.create(spec).explain(request, model);
            InSampleFidelity f = InSampleFidelity.of(e);
            assertTrue(f.r2w() < 0.999, "the game interacts: " + f.r2w());
            agrees(e.fit().fidelity(), f);
        }
    }

    @Test
    void agreesWithTheFitOnStories260K() {
        GenerativeModel model = TestModels.stories260KModel();
        Explanation e = Explainers.create(ExplanationSpec.builder().surrogate(SurrogateKind.WLS)
                        .sampler(org.gsmile.core.spec.SamplerKind.STRATA).build())
                .explain(new ExplanationRequest("Lily wanted to play with her red ball", 42), model);
        InSampleFidelity f = InSampleFidelity.of(e);
        agrees(e.fit().fidelity(), f);
        assertEquals(2, f.anchors());
        assertEquals(e.samples().size() - 2, f.samples());
        assertTrue(f.anchorError() < 1e-12, "anchor error " + f.anchorError());
        assertTrue(f.maeW() > 0 && f.maeW() * f.maeW() <= f.mseW() + 1e-18, "MAE² ≤ MSE (Jensen)");
    }

    private static void agrees(Fidelity fit, InSampleFidelity f) {
        assertEquals(fit.r2w(), f.r2w(), 1e-10, "R²w");
        assertEquals(fit.r2wAdjusted(), f.r2wAdjusted(), 1e-10, "adjusted R²w");
        assertEquals(fit.mseW(), f.mseW(), 1e-12 * Math.max(1, fit.mseW()), "MSEw");
    }
}
