package org.gsmile.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.Method;
import org.gsmile.core.spec.Preset;
import org.gsmile.core.unit.Unit;
import org.gsmile.models.oracle.KeywordOracle;
import org.gsmile.models.resolve.ModelResolver;
import org.junit.jupiter.api.Test;

/**
 * Explanations of the keyword oracles, whose Shapley values are known: the explainer's exact
 * Shapley values must be the oracle's, and the default surrogate must rank its keywords first.
 */
class OracleExplanationTest {
    static final double SQRT2 = Math.sqrt(2);
    /** The oracle's distributions are float32, each mass within 2^-25 of its value. */
    static final double FLOAT_TOLERANCE = 1e-6;

    static final String ADDITIVE = "oracle:keywords#rain=0.6,remove=0.4";
    static final String INTERACTION = "oracle:keywords#rain=0.6,remove=0.4,not+good=0.5";
    /** As INTERACTION with the AND term replaced by one of its words: same T and max w, so the same scale. */
    static final String ADDITIVE_3 = "oracle:keywords#rain=0.6,remove=0.4,not=0.5";
    static final String NEGATION_PROMPT = "The rain was not good, so remove it";

    static KeywordOracle oracle(String reference) {
        // Through the resolver, as the command line opens it.
        return (KeywordOracle) ModelResolver.fromEnvironment().resolve(reference);
    }

    static Explanation explain(ExplanationSpec spec, String prompt, KeywordOracle model) {
        return Explainers.create(spec).explain(new ExplanationRequest(prompt, 42), model);
    }

    static List<String> texts(Explanation e) {
        return e.units().stream().map(Unit::text).toList();
    }

    static final ExplanationSpec EXACT = ExplanationSpec.builder().method(Method.EXACT_SHAPLEY).build();

    @Test
    void exactShapleyOfAnAdditiveOracleIsItsKnownValues() {
        KeywordOracle o = oracle(ADDITIVE);
        Explanation e = explain(EXACT, "Remove the rain from the image", o);
        // The default distance is token-wasserstein, which the oracle is built for.
        assertEquals(DistanceKind.TOKEN_WASSERSTEIN, e.provenance().spec().distance());
        assertEquals(ADDITIVE, e.provenance().modelId());
        assertEquals(o.info().sha256(), e.provenance().modelSha256());
        assertEquals("rain remove", e.output());
        // s = 1/(√2 · 2 · 0.6): rain −0.6 s = −√2/4, Remove −0.4 s = −√2/6, the rest 0.
        double[] known = {-SQRT2 / 6, 0, -SQRT2 / 4, 0, 0, 0};
        assertArrayEquals(known, o.shapleyValues(texts(e)), 1e-15);
        assertArrayEquals(known, e.attribution().scores(), FLOAT_TOLERANCE);
    }

    @Test
    void exactShapleyOfAnInteractionSplitsItsWeightOverItsWords() {
        KeywordOracle o = oracle(INTERACTION);
        Explanation e = explain(EXACT, NEGATION_PROMPT, o);
        assertEquals(List.of("The", "rain", "was", "not", "good,", "so", "remove", "it"), texts(e));
        // s = 1/(√2 · 3 · 0.6); not+good (w 0.5) gives −0.25 s to each of its two words.
        double s = 1 / (SQRT2 * 3 * 0.6);
        double[] known = {0, -0.6 * s, 0, -0.25 * s, -0.25 * s, 0, -0.4 * s, 0};
        assertArrayEquals(known, o.shapleyValues(texts(e)), 1e-15);
        assertArrayEquals(known, e.attribution().scores(), FLOAT_TOLERANCE);
        // Efficiency: Σφ = −Δ(∅) = −s · (0.6 + 0.4 + 0.5).
        assertEquals(-1.5 * s, Arrays.stream(e.attribution().scores()).sum(), FLOAT_TOLERANCE);
    }

    @Test
    void theDefaultSpecRanksTheKeywordsFirst() {
        KeywordOracle o = oracle("oracle:keywords#rain=0.6,remove=0.5,image=0.4,heavy=0.3,old=0.2,please=0.1");
        // 9 units, 2^9 coalitions: the default 64 samples do not enumerate them.
        Explanation e = explain(ExplanationSpec.defaults(), "Please remove the heavy rain from this old image", o);
        double[] known = o.shapleyValues(texts(e));
        double[] scores = e.attribution().scores();
        int[] ranking = e.attribution().ranking();
        Set<String> top = Set.of(texts(e).get(ranking[0]), texts(e).get(ranking[1]), texts(e).get(ranking[2]),
                texts(e).get(ranking[3]), texts(e).get(ranking[4]), texts(e).get(ranking[5]));
        assertEquals(Set.of("Please", "remove", "heavy", "rain", "old", "image"), top);
        // The three words that are no keyword tie at 0 in the truth, so even a perfect estimate (which
        // orders them by rounding noise) reaches only √(58/60) = 0.983 here: 6 distinct ranks, 3 tied.
        double rho = new SpearmansCorrelation().correlation(known, scores);
        assertTrue(rho >= 0.95, "Spearman " + rho);
        // The shift is additive, so the linear surrogate fits it exactly and recovers the values.
        assertArrayEquals(known, scores, FLOAT_TOLERANCE);
        assertEquals(1.0, e.fit().fidelity().r2w(), 1e-9);
    }

    /**
     * The surrogate is linear: it fits the additive oracle exactly and the interaction worse, with
     * either preset. The numbers are printed for the record.
     */
    @Test
    void anInteractionFitsWorseThanAnAdditiveOracle() {
        for (ExplanationSpec spec : List.of(ExplanationSpec.defaults(), ExplanationSpec.of(Preset.THESIS))) {
            double additive = explain(spec, NEGATION_PROMPT, oracle(ADDITIVE_3)).fit().fidelity().r2w();
            double interaction = explain(spec, NEGATION_PROMPT, oracle(INTERACTION)).fit().fidelity().r2w();
            System.out.printf("preset %s: r2w additive %.6f, interaction %.6f%n", spec.preset().label(), additive,
                    interaction);
            assertEquals(1.0, additive, 1e-9, spec.preset().label());
            assertTrue(interaction < additive - 0.01, spec.preset().label() + ": " + interaction);
        }
    }
}
