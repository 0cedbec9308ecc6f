package org.gsmile.metrics.accuracy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.gsmile.api.Explainers;
import org.gsmile.core.explain.CallStats;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.KernelKind;
import org.gsmile.core.spec.Method;
import org.gsmile.core.spec.OperatorKind;
import org.gsmile.core.spec.Preset;
import org.gsmile.core.spec.SamplerKind;
import org.gsmile.core.spec.SignConvention;
import org.gsmile.core.spec.SurrogateKind;
import org.gsmile.metrics.Scores;
import org.gsmile.metrics.stats.GameModel;
import org.gsmile.metrics.stats.HandExplanation;
import org.gsmile.models.llama.TestModels;
import org.junit.jupiter.api.Test;

class ShapleyAgreementTest {
    private static final ExplanationSpec EXACT = ExplanationSpec.builder().distance(DistanceKind.LOGPROB_SHIFT)
            .method(Method.EXACT_SHAPLEY).build();

    @Test
    void handWorked() {
        // θ = (0.5, 0.1, −0.3, 0.2) ranks 4 2 1 3, φ = (0.4, 0.2, −0.5, 0.1) ranks 4 3 1 2: d = (0, −1, 0, 1),
        // ρ = 1 − 6·2/(4·15) = 0.8. Pairs: only (1, 3) is discordant (θ 0.1 < 0.2, φ 0.2 > 0.1), τ = (5 − 1)/6.
        // scipy spearmanr and kendalltau agree (metrics.py).
        double[] theta = {0.5, 0.1, -0.3, 0.2};
        double[] phi = {0.4, 0.2, -0.5, 0.1};
        for (SignConvention sign : SignConvention.values()) {
            Explanation e = HandExplanation.scored("a b c d", theta, 0, sign);
            Explanation exact = HandExplanation.scored("a b c d", phi, EXACT.toBuilder().sign(sign).build(),
                    new CallStats(17, 16, 1, 1));
            ShapleyAgreement a = ShapleyAgreement.of(e, exact);
            assertEquals(0.8, a.spearman(), 1e-15, sign.label());
            assertEquals(0.6666666666666666, a.kendall(), 1e-15);
            assertEquals(new SpearmansCorrelation().correlation(theta, phi), a.spearman(), 1e-15);
            assertEquals(new KendallsCorrelation().correlation(theta, phi), a.kendall(), 1e-15);
            assertEquals(4, a.units());
            assertEquals(17, a.extraCalls(), "16 distinct prompts and the re-generated y0");
            // The exact values in the explanation's own convention, as it prints its scores.
            assertArrayEquals(sign == SignConvention.IMPORTANCE ? new double[] {-0.4, -0.2, 0.5, -0.1} : phi,
                    a.exact(), 0.0);
        }
        // Mixed conventions are compared on the same sign.
        Explanation importance = HandExplanation.scored("a b c d", theta, 0, SignConvention.IMPORTANCE);
        Explanation distance = HandExplanation.scored("a b c d", phi, EXACT, new CallStats(17, 16, 1, 1));
        assertEquals(0.8, ShapleyAgreement.of(importance, distance).spearman(), 1e-15);
        // Answers read from a response cache or observation store cost the model nothing (ModelCalls): 17 − 5.
        Explanation stored = HandExplanation.scored("a b c d", phi, EXACT, new CallStats(17, 16, 1, 1, 0, 0, 5));
        assertEquals(12, ShapleyAgreement.of(importance, stored).extraCalls());
        assertThrows(IllegalArgumentException.class, () -> ShapleyAgreement.of(importance, importance),
                "the reference must be exact Shapley values");
    }

    @Test
    void theReferenceSpecKeepsTheGameAndDropsTheSurrogatesSettings() {
        // toBuilder() counts nothing as given, so a reference built from any surrogate spec is not refused for
        // settings it ignores, and the spec holds those at their defaults.
        ExplanationSpec thesis = ExplanationSpec.builder().preset(Preset.THESIS).sigma(0.3).keep(0.7).samples(20)
                .topK(5).operator(OperatorKind.MASK).maskToken("<x>").distance(DistanceKind.LOGPROB_SHIFT)
                .maxNewTokens(12).sign(SignConvention.IMPORTANCE).build();
        ExplanationSpec sgd = ExplanationSpec.builder().surrogate(SurrogateKind.SGD).build();
        for (ExplanationSpec s : new ExplanationSpec[] {thesis, sgd, ExplanationSpec.defaults()}) {
            ExplanationSpec ref = s.toBuilder().method(Method.EXACT_SHAPLEY).build();
            assertEquals(Method.EXACT_SHAPLEY, ref.method());
            // Held at the default preset's, which a reference does not use.
            assertEquals(ExplanationSpec.defaults().sampler(), ref.sampler());
            assertEquals(KernelKind.SHAPLEY, ref.kernel());
            assertEquals(ExplanationSpec.defaults().surrogate(), ref.surrogate());
            assertEquals(Preset.DEFAULT, ref.preset());
            assertEquals(s.units(), ref.units());
            assertEquals(s.operator(), ref.operator());
            assertEquals(s.maskToken(), ref.maskToken());
            assertEquals(s.distance(), ref.distance());
            assertEquals(s.maxNewTokens(), ref.maxNewTokens());
            assertEquals(s.sign(), ref.sign());
        }
    }

    /** g = Σ aᵢzᵢ + b·z₀z₁: the pair splits b, so φ = (a₀ + b/2, a₁ + b/2, a₂, a₃, a₄). */
    private static GameModel pairGame() {
        double[] a = {0.3, -0.2, 0.15, 0.1, -0.25};
        return new GameModel("Sam found a shiny stone", s -> {
            double g = 0;
            for (int i = 0; i < a.length; i++) {
                g += s[i] ? a[i] : 0;
            }
            return g + (s[0] && s[1] ? 0.2 : 0);
        });
    }

    @Test
    void measuresAgainstTheExactValuesOfTheSameGame() {
        GameModel model = pairGame();
        ExplanationRequest request = new ExplanationRequest(model.sentence(), 8);
        // 12 samples of 30 proper coalitions: an estimate, not the values themselves.
        Explanation e = Explainers.create(ExplanationSpec.builder().distance(DistanceKind.LOGPROB_SHIFT).samples(12)
                .build()).explain(request, model);
        int before = model.scored();
        ShapleyAgreement a = ShapleyAgreement.measure(e, request, model).orElseThrow();
        assertArrayEquals(new double[] {0.4, -0.1, 0.15, 0.1, -0.25}, a.exact(), 1e-12);
        // 2⁵ distinct prompts (the full one is the original) and the re-generated y₀.
        assertEquals(33, a.extraCalls());
        assertEquals(32, model.scored() - before);
        assertEquals(new SpearmansCorrelation().correlation(Scores.distanceConvention(e), a.exact()), a.spearman(), 1e-15);
        assertEquals(new KendallsCorrelation().correlation(Scores.distanceConvention(e), a.exact()), a.kendall(), 1e-15);

        // An explanation that is exact Shapley values agrees with itself, for free.
        Explanation exact = Explainers.create(ExplanationSpec.builder().distance(DistanceKind.LOGPROB_SHIFT)
                .method(Method.EXACT_SHAPLEY).build()).explain(request, model);
        ShapleyAgreement self = ShapleyAgreement.measure(exact, request, model).orElseThrow();
        assertEquals(1.0, self.spearman(), 1e-15);
        assertEquals(1.0, self.kendall(), 1e-15);
        assertEquals(0, self.extraCalls());
        assertEquals(self, ShapleyAgreement.of(exact, exact), "the same, also computed without measure");
        assertThrows(IllegalArgumentException.class,
                () -> ShapleyAgreement.measure(e, new ExplanationRequest(model.sentence(), 9), model));
    }

    @Test
    void promptsPastTheEnumerationAreSkippedWithAReason() {
        Explanation fourteen = HandExplanation.scored("a b c d e f g h i j k l m n", new double[14], 0,
                SignConvention.DISTANCE);
        assertEquals(Optional.empty(), ShapleyAgreement.skipReason(fourteen));
        Explanation e = HandExplanation.scored("a b c d e f g h i j k l m n o", new double[15], 0,
                SignConvention.DISTANCE);
        // No model is touched: the reason is known from the units alone.
        assertEquals(Optional.empty(), ShapleyAgreement.measure(e, new ExplanationRequest(e.prompt(), 42), null));
        assertEquals("not computed: exact Shapley values of 15 units need 2^15 model calls, and at most 14 units are"
                + " enumerated; shorten the prompt or mark phrases as [[units]]", ShapleyAgreement.skipReason(e).orElseThrow());
    }

    @Test
    void theDefaultExplanationOfASevenWordPromptFollowsTheExactValuesOnStories260K() {
        GenerativeModel model = TestModels.stories260KModel();
        ExplanationRequest request = new ExplanationRequest("Lily wanted to play with her ball", 42);
        Explanation e = Explainers.create(ExplanationSpec.defaults()).explain(request, model);
        assertEquals(7, e.units().size());
        ShapleyAgreement a = ShapleyAgreement.measure(e, request, model).orElseThrow();
        System.out.printf("stories260K, 7 words, default (%d samples) against exact Shapley: Spearman %.4f, Kendall %.4f,"
                + " %d extra calls%n", e.samples().size(), a.spearman(), a.kendall(), a.extraCalls());
        assertTrue(a.spearman() >= 0.8, a.toString());
        assertEquals(129, a.extraCalls(), "2^7 distinct prompts and y0");
    }
}
