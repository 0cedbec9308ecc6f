package org.gsmile.metrics.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gsmile.api.Explainers;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.PromptExplainer;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.metrics.consistency.CountingModel;
import org.gsmile.models.llama.TestModels;
import org.junit.jupiter.api.Test;

/** Stability end to end on the real stories260K with the default spec and options, its calls counted at the model. */
class StabilityStories260KTest {

    /** stories260K with every prompt it generates for or scores counted. */
    @Test
    void defaultOptionsOnARealPrompt() {
        CountingModel model = new CountingModel(TestModels.stories260KModel());
        PromptExplainer explainer = Explainers.create(ExplanationSpec.defaults());
        ExplanationRequest request = new ExplanationRequest("Lily wanted to play with her red ball", 42);
        Explanation e = explainer.explain(request, model);
        int before = model.calls();
        long start = System.nanoTime();
        Stability s = Stability.measure(e, request, explainer, model, StabilityOptions.defaults());
        long ms = (System.nanoTime() - start) / 1_000_000;
        StringBuilder report = new StringBuilder();
        for (ChangeStability c : s.changes()) {
            report.append(String.format("%-12s %d variants  top-3 Jaccard %.3f  Ruzicka %.3f%n", c.change().label(),
                    c.variants(), c.topKJaccard(), c.ruzicka()));
        }
        report.append(String.format("seeds        %d          top-3 Jaccard %.3f  Ruzicka %.3f%nextra calls %d in %d ms",
                s.seeds(), s.seedTopKJaccard(), s.seedRuzicka(), s.extraCalls(), ms));
        System.out.println(report);

        assertEquals(List.of(5, 5, 5, 1), s.changes().stream().map(ChangeStability::variants).toList());
        assertEquals(3, s.seeds());
        // Every call the 19 explanations made reached the model, and only those.
        assertEquals(model.calls() - before, s.extraCalls());
        // 8 words (9 with a neutral one): the default 64 samples each, about 65 distinct prompts and one generation.
        assertTrue(s.extraCalls() > 19 * 40 && s.extraCalls() <= 19 * 66, report.toString());
        for (ChangeStability c : s.changes()) {
            assertTrue(c.topKJaccard() >= 0 && c.topKJaccard() <= 1 && c.ruzicka() > 0 && c.ruzicka() <= 1,
                    report.toString());
        }
    }
}
