package org.gsmile.metrics.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.gsmile.api.Explainers;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.PromptExplainer;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.Method;
import org.gsmile.core.spec.SignConvention;
import org.gsmile.metrics.faithfulness.GameModel;
import org.junit.jupiter.api.Test;

/**
 * Stability on a hand-worked additive game ({@link GameModel}): exact Shapley values of
 * "Tom fed the cat" with g(Tom) = 0.4, g(fed) = 0.3, g(the) = 0.2, g(cat) = 0.1, and the neutral
 * words g(please) = 0.35, g(could) = 0.05. An additive game gives each word the same score wherever
 * it stands, so every insertion scores alike: with "please", the top 2 {Tom .4, please .35} against
 * {Tom, fed} is 1/3 and Ruzicka (.4 + .3 + .2 + .1) / (1 + .35) = 1 / 1.35; with "could" (below the
 * top 2) 1 and 1 / 1.05. Means: (1/3 + 1) / 2 = 2/3 and (1/1.35 + 1/1.05) / 2 = 0.8465608465608465.
 * The full stop changes no word's normalised text: 1 and 1; another seed cannot move exact values: 1 and 1.
 */
class StabilityTest {
    static final Map<String, Double> G = Map.of("tom", 0.4, "fed", 0.3, "the", 0.2, "cat", 0.1, "please", 0.35,
            "could", 0.05);
    static final double TOL = 1e-12;

    static PromptExplainer exact(SignConvention sign) {
        return Explainers.create(ExplanationSpec.builder().method(Method.EXACT_SHAPLEY)
                .distance(DistanceKind.LOGPROB_SHIFT).sign(sign).build());
    }

    @Test
    void theHandWorkedGame() {
        GameModel model = new GameModel(G);
        PromptExplainer explainer = exact(SignConvention.DISTANCE);
        ExplanationRequest request = new ExplanationRequest("Tom fed the cat", 42);
        Explanation e = explainer.explain(request, model);
        StabilityOptions options = new StabilityOptions(2, List.of(PromptChange.values()), List.of("please", "could"), 2);
        int before = model.calls();
        Stability s = Stability.measure(e, request, explainer, model, options);

        for (PromptChange c : List.of(PromptChange.INSERT_START, PromptChange.INSERT_MIDDLE, PromptChange.INSERT_END)) {
            ChangeStability cs = s.change(c);
            assertEquals(2, cs.variants(), c.label());
            assertEquals(0.6666666666666666, cs.topKJaccard(), TOL, c.label());
            assertEquals(0.8465608465608465, cs.ruzicka(), TOL, c.label());
        }
        assertEquals(new ChangeStability(PromptChange.PUNCTUATION, 1, 1.0, 1.0), s.change(PromptChange.PUNCTUATION));
        assertEquals(List.of(PromptChange.values()), s.changes().stream().map(ChangeStability::change).toList());
        assertEquals(1.0, s.seedTopKJaccard(), 0.0);
        assertEquals(1.0, s.seedRuzicka(), 0.0);
        assertEquals(2, s.seeds());
        assertEquals(2, s.k());
        // Exact Shapley observes all 2^n coalitions (the full one is the prompt itself) after one
        // generation of y0: 6 insertion variants of 5 words at 32 + 1, the punctuation variant and
        // the 2 seeds of 4 words at 16 + 1: 198 + 51 = 249, every one of them a call the model saw.
        assertEquals(249, s.extraCalls());
        assertEquals(model.calls() - before, s.extraCalls());
    }

    @Test
    void eitherSignConventionGivesTheSameStability() {
        GameModel model = new GameModel(G);
        ExplanationRequest request = new ExplanationRequest("Tom fed the cat", 42);
        StabilityOptions options = new StabilityOptions(2, List.of(PromptChange.INSERT_START), List.of("please"), 1);
        PromptExplainer d = exact(SignConvention.DISTANCE);
        PromptExplainer i = exact(SignConvention.IMPORTANCE);
        assertEquals(Stability.measure(d.explain(request, model), request, d, model, options),
                Stability.measure(i.explain(request, model), request, i, model, options));
    }

    @Test
    void aChangeThePromptDoesNotAdmitIsNaNWithNoVariantAndZeroSeedsSkipSeedStability() {
        GameModel model = new GameModel(G);
        PromptExplainer explainer = exact(SignConvention.DISTANCE);
        ExplanationRequest request = new ExplanationRequest("Tom", 1);
        Stability s = Stability.measure(explainer.explain(request, model), request, explainer, model,
                new StabilityOptions(1, List.of(PromptChange.INSERT_MIDDLE, PromptChange.INSERT_END), List.of("please"), 0));
        assertEquals(0, s.change(PromptChange.INSERT_MIDDLE).variants());
        assertTrue(Double.isNaN(s.change(PromptChange.INSERT_MIDDLE).topKJaccard()));
        // "Tom please": top 1 is Tom (.4 > .35): 1; Ruzicka .4 / (.4 + .35) = 0.5333333333333333.
        assertEquals(1.0, s.change(PromptChange.INSERT_END).topKJaccard(), 0.0);
        assertEquals(0.5333333333333333, s.change(PromptChange.INSERT_END).ruzicka(), TOL);
        assertTrue(Double.isNaN(s.seedTopKJaccard()) && Double.isNaN(s.seedRuzicka()));
        assertEquals(0, s.seeds());
        // "Tom please" has 2 words: 4 coalitions + 1 generation.
        assertEquals(5, s.extraCalls());
    }

    @Test
    void markedUnitsSurviveTheChanges() {
        GameModel model = new GameModel(G);
        PromptExplainer explainer = exact(SignConvention.DISTANCE);
        ExplanationRequest request = new ExplanationRequest("[[Tom fed]] the cat", 42);
        Explanation e = explainer.explain(request, model);
        assertEquals(3, e.units().size());
        Stability s = Stability.measure(e, request, explainer, model,
                new StabilityOptions(1, List.of(PromptChange.values()), List.of("could"), 0));
        // "could" (.05) never rises above "Tom fed" (.7): every top 1 agrees.
        for (ChangeStability c : s.changes()) {
            assertEquals(1.0, c.topKJaccard(), 0.0, c.change().label());
        }
    }

    @Test
    void kBeyondThePromptIsOneLineAndAMismatchedRequestIsRefused() {
        GameModel model = new GameModel(G);
        PromptExplainer explainer = exact(SignConvention.DISTANCE);
        ExplanationRequest request = new ExplanationRequest("Tom fed the cat", 42);
        Explanation e = explainer.explain(request, model);
        assertEquals("{k} is 5 but the prompt has 4 units: choose {k} at most 4",
                assertThrows(UserInputException.class, () -> Stability.measure(e, request, explainer, model,
                        StabilityOptions.defaults().withK(5))).template());
        assertThrows(IllegalArgumentException.class, () -> Stability.measure(e,
                new ExplanationRequest("Tom fed the dog", 42), explainer, model, StabilityOptions.defaults()));
    }

    @Test
    void optionsAreValidated() {
        StabilityOptions d = StabilityOptions.defaults();
        assertEquals(3, d.k());
        assertEquals(List.of(PromptChange.values()), d.changes());
        assertEquals(List.of("please", "could", "would", "should", "###"), d.neutralWords());
        assertEquals(3, d.seeds());
        assertEquals("{k} must be at least 1, got 0",
                assertThrows(UserInputException.class, () -> d.withK(0)).template());
        assertEquals("{seeds} must be 0 (no seed stability) or more, got -1",
                assertThrows(UserInputException.class, () -> d.withSeeds(-1)).template());
        assertEquals("a neutral word in {neutralWords} is blank: give words such as please",
                assertThrows(UserInputException.class, () -> d.withNeutralWords(List.of("please", " "))).template());
        assertEquals("the neutral word 'thank you' in {neutralWords} has whitespace in it: give single words, since"
                        + " each must be one unit",
                assertThrows(UserInputException.class, () -> d.withNeutralWords(List.of("thank you"))).template());
        assertThrows(UserInputException.class, () -> d.withNeutralWords(List.of("[[x")));
        assertThrows(UserInputException.class, () -> d.withNeutralWords(List.of("so", "so")));
        assertThrows(UserInputException.class, () -> d.withChanges(List.of(PromptChange.PUNCTUATION,
                PromptChange.PUNCTUATION)));
        assertThrows(UserInputException.class, () -> d.withNeutralWords(List.of()));
        assertEquals(List.of(), d.withChanges(List.of(PromptChange.PUNCTUATION)).withNeutralWords(List.of())
                .neutralWords(), "no words needed without insertions");
    }
}
