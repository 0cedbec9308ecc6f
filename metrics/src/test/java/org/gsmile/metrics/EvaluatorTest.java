package org.gsmile.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.gsmile.api.Explainers;
import org.gsmile.api.JsonlObservationStore;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.Preset;
import org.gsmile.metrics.accuracy.Relevance;
import org.gsmile.metrics.stability.StabilityOptions;
import org.gsmile.models.llama.TestModels;
import org.gsmile.models.oracle.KeywordOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every metric at once, on the real stories260K and on the keyword oracles whose ground truth is computed. */
class EvaluatorTest {
    static final EvaluationPlan SMALL = new EvaluationPlan(new EvaluationPlan.FidelityPlan(16),
            new EvaluationPlan.AccuracyPlan(2, true), new EvaluationPlan.ConsistencyPlan(3),
            StabilityOptions.defaults().withSeeds(2), new EvaluationPlan.FaithfulnessPlan(2, 3));

    @TempDir
    Path temp;

    @Test
    void everyMetricOnStories260KAndTheStoreMakesARepeatFree() {
        GenerativeModel model = TestModels.stories260KModel();
        ExplanationRequest request = new ExplanationRequest("Tom saw a big dog in the park", 11);
        try (JsonlObservationStore store = JsonlObservationStore.open(temp.resolve("o.jsonl"))) {
            Explanation e = Explainers.create(ExplanationSpec.defaults(), store).explain(request, model);
            Relevance relevance = Relevance.ofWords(e.units(), List.of("dog", "park"));
            Evaluation first = new Evaluator(store).evaluate(e, request, model, relevance, SMALL);
            assertTrue(first.extraCalls() > 0);
            JsonNode json = EvaluationJson.tree(first);
            for (String key : List.of("fidelity", "accuracy", "consistency", "stability", "faithfulness", "costs")) {
                assertTrue(json.has(key), key);
            }
            assertEquals(16, json.at("/fidelity/outOfSample/actual").size());
            assertEquals(3, json.at("/consistency/scores").size());
            assertEquals("start", json.at("/stability/changes/0/change").asText(), "options by their user names");
            assertTrue(json.at("/accuracy/shapley/spearman").isNumber());
            // The same evaluation again: every observation is in the store, so no metric calls the model.
            Evaluation again = new Evaluator(store).evaluate(e, request, model, relevance, SMALL);
            assertEquals(0, again.extraCalls(), again.costs().toString());
            JsonNode repeat = EvaluationJson.tree(again);
            for (String path : List.of("/fidelity/outOfSample/r2", "/accuracy/shapley/spearman", "/consistency/kendallW",
                    "/stability/changes/0/ruzicka", "/faithfulness/explanation/aopcComprehensiveness")) {
                assertEquals(json.at(path).asDouble(), repeat.at(path).asDouble(), 0.0, path);
            }
        }
    }

    @Test
    void theAdditiveOracleIsRecoveredByTheDefaultExplanation() {
        // Six keywords of nine words: the three others tie at 0, so Spearman can reach √(58/60) = 0.983 at most.
        GenerativeModel oracle = KeywordOracle.fromReference(
                "oracle:keywords#rain=0.6,remove=0.5,image=0.4,heavy=0.3,old=0.2,please=0.1");
        ExplanationRequest request = ExplanationRequest.of("Please remove the heavy rain from this old image");
        Explanation e = Explainers.create(ExplanationSpec.defaults()).explain(request, oracle);
        Evaluation v = new Evaluator(null).evaluate(e, request, oracle, Relevance.ofWords(e.units(),
                List.of("rain", "remove", "image", "heavy", "old", "please")), ORACLE_PLAN);
        assertEquals(1.0, v.accuracy().attAuroc(), 0.0);
        assertTrue(v.shapley().spearman() >= 0.95, "" + v.shapley());
        assertEquals(1.0, v.inSample().r2w(), 1e-9);
        assertEquals(1.0, v.outOfSample().r2(), 1e-9);
    }

    @Test
    void anInteractionFitsWorseThanTheAdditiveOracleInAndOutOfSample() {
        GenerativeModel additive = KeywordOracle.fromReference("oracle:keywords#rain=0.6,remove=0.4,not=0.5");
        GenerativeModel interaction = KeywordOracle.fromReference("oracle:keywords#rain=0.6,remove=0.4,not+good=0.5");
        ExplanationRequest request = ExplanationRequest.of("The rain was not good, so remove it");
        for (ExplanationSpec spec : List.of(ExplanationSpec.defaults(), ExplanationSpec.of(Preset.THESIS))) {
            Explanation a = Explainers.create(spec).explain(request, additive);
            Explanation b = Explainers.create(spec).explain(request, interaction);
            Evaluation va = new Evaluator(null).evaluate(a, request, additive,
                    Relevance.ofWords(a.units(), List.of("rain", "remove", "not")), ORACLE_PLAN);
            Evaluation vb = new Evaluator(null).evaluate(b, request, interaction,
                    Relevance.ofWords(b.units(), List.of("rain", "remove", "not", "good")), ORACLE_PLAN);
            assertEquals(1.0, va.inSample().r2w(), 1e-9);
            assertTrue(vb.inSample().r2w() < 0.95, spec.preset() + ": " + vb.inSample());
            assertTrue(vb.outOfSample().r2() < va.outOfSample().r2() - 0.05, spec.preset() + ": " + vb.outOfSample());
        }
    }

    static final EvaluationPlan ORACLE_PLAN = new EvaluationPlan(new EvaluationPlan.FidelityPlan(32),
            new EvaluationPlan.AccuracyPlan(3, true), null, null, null);

    @Test
    void aKLargerThanThePromptIsRefusedBeforeAnyMetricRuns() {
        GenerativeModel model = TestModels.stories260KModel();
        ExplanationRequest request = ExplanationRequest.of("Tom ran fast");
        Explanation e = Explainers.create(ExplanationSpec.defaults()).explain(request, model);
        EvaluationPlan plan = new EvaluationPlan(new EvaluationPlan.FidelityPlan(4), null, null, null,
                new EvaluationPlan.FaithfulnessPlan(5, 2));
        UserInputException x = assertThrows(UserInputException.class,
                () -> new Evaluator(null).evaluate(e, request, model, null, plan));
        assertEquals("k is 5 but the prompt has 3 units: choose k at most 3", x.getMessage());
        assertThrows(UserInputException.class, () -> new EvaluationPlan.ConsistencyPlan(1));
        assertFalse(new EvaluationPlan.ConsistencyPlan(2).toString().isEmpty());
        assertNotNull(EvaluationPlan.all());
    }
}
