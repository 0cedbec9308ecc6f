package org.gsmile.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.gsmile.api.Explainers;
import org.gsmile.api.MemoryObservationStore;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.ImageGenerator;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.metrics.accuracy.Relevance;
import org.gsmile.metrics.stability.StabilityOptions;
import org.gsmile.models.testing.TinyEditor;
import org.junit.jupiter.api.Test;

/**
 * The five metrics on an image explanation: tinyeditor bound to a rainy scene, explaining "Remove
 * the rain from the image." against the thesis code's labels [1,0,1,0,0,0] (remove, rain).
 */
class ImageEvaluatorTest {
    static final String RAIN = "Remove the rain from the image.";

    @Test
    void everyMetricWorksOnATinyeditorExplanationAndReportsAttAuroc() {
        Image rainy = TinyEditor.scene(TinyEditor.sceneWith(java.util.Map.of("weather", "rainy", "time", "day",
                "quality", "sharp")));
        ImageGenerator model = TinyEditor.editor().bind(rainy);
        ExplanationRequest request = new ExplanationRequest(RAIN, 42);
        MemoryObservationStore store = new MemoryObservationStore();
        Explanation e = Explainers.create(ExplanationSpec.defaults(), store).explain(request, model);
        Relevance relevance = Relevance.ofLabels(e.units(), new int[] {1, 0, 1, 0, 0, 0});
        EvaluationPlan plan = new EvaluationPlan(new EvaluationPlan.FidelityPlan(16),
                new EvaluationPlan.AccuracyPlan(2, true), new EvaluationPlan.ConsistencyPlan(3),
                StabilityOptions.defaults().withSeeds(2), new EvaluationPlan.FaithfulnessPlan(2, 3));
        Evaluation v = new Evaluator(store).evaluate(e, request, model, relevance, plan);
        System.out.printf("tinyeditor, \"%s\" on %s: ATT-AUROC %.3f, precision@2 %.2f, Spearman with exact Shapley"
                        + " %.3f, R2 in/out of sample %.3f/%.3f, Kendall's W %.3f, extra calls %d%n", RAIN,
                rainy.describe(), v.accuracy().attAuroc(), v.accuracy().precisionAtK(), v.shapley().spearman(),
                v.inSample().r2w(), v.outOfSample().r2(), v.consistency().kendallW(), v.extraCalls());
        // remove and rain are told apart from the four function words and the object.
        assertEquals(1.0, v.accuracy().attAuroc(), 0.0);
        assertEquals(1.0, v.accuracy().precisionAtK(), 0.0);
        assertTrue(v.shapley().spearman() > 0.8, "" + v.shapley());
        // The edit needs both words (rain alone asks for the rain the scene has; remove alone, for nothing to
        // remove): an interaction, which a linear surrogate cannot fit, and the in-sample fidelity says so.
        assertTrue(v.inSample().r2w() > 0 && v.inSample().r2w() < 0.7, "" + v.inSample());
        assertTrue(v.consistency().kendallW() > 0.9, "" + v.consistency());
        JsonNode json = EvaluationJson.tree(v);
        for (String key : List.of("fidelity", "accuracy", "consistency", "stability", "faithfulness", "costs")) {
            assertTrue(json.has(key), key);
        }
        assertTrue(json.at("/faithfulness/explanation/aopcComprehensiveness").asDouble()
                > json.at("/faithfulness/random/aopcComprehensiveness").asDouble(), json.at("/faithfulness").toString());
        assertTrue(json.at("/stability/changes/0/ruzicka").isNumber());
        // Everything is now in the store: evaluating again asks the editor nothing.
        assertEquals(0, new Evaluator(store).evaluate(e, request, model, relevance, plan).extraCalls());
    }
}
