package org.gsmile.metrics.faithfulness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gsmile.api.Explainers;
import org.gsmile.api.OutputShifts;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.PromptExplainer;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.models.llama.TestModels;
import org.junit.jupiter.api.Test;

/**
 * On the real stories260K with the default spec, the explanations' rankings are more faithful than
 * chance: averaged over four TinyStories prompts, removing their top units moves the output more
 * (AOPC comprehensiveness) and keeping only them leaves it closer (AOPC sufficiency) than random
 * rankings do.
 */
class FaithfulnessStories260KTest {
    static final List<String> PROMPTS = List.of(
            "Lily wanted to play with her red ball",
            "Tom saw a big dog in the park",
            "Once upon a time there was a little girl named Lily",
            "The cat sat on the mat and looked at the bird");

    @Test
    void theExplanationBeatsRandomRankingsOnAverage() {
        GenerativeModel model = TestModels.stories260KModel();
        PromptExplainer explainer = Explainers.create(ExplanationSpec.defaults());
        double[] sum = new double[4];
        StringBuilder report = new StringBuilder();
        for (String prompt : PROMPTS) {
            Explanation e = explainer.explain(new ExplanationRequest(prompt, 42), model);
            Faithfulness f = Faithfulness.measure(e, OutputShifts.of(e, model), 3, Faithfulness.DEFAULT_RANDOM_RANKINGS, 42);
            sum[0] += f.explanation().aopcComprehensiveness() / PROMPTS.size();
            sum[1] += f.random().aopcComprehensiveness() / PROMPTS.size();
            sum[2] += f.explanation().aopcSufficiency() / PROMPTS.size();
            sum[3] += f.random().aopcSufficiency() / PROMPTS.size();
            report.append(String.format("%-55s comp %.4f (random %.4f, loo %.4f)  suff %.4f (random %.4f, loo %.4f)"
                            + "  top-3 comp %.4f suff %.4f  extra calls %d%n", prompt,
                    f.explanation().aopcComprehensiveness(), f.random().aopcComprehensiveness(),
                    f.leaveOneOut().aopcComprehensiveness(), f.explanation().aopcSufficiency(),
                    f.random().aopcSufficiency(), f.leaveOneOut().aopcSufficiency(),
                    f.explanation().comprehensiveness(), f.explanation().sufficiency(), f.extraCalls()));
        }
        report.append(String.format("mean AOPC comprehensiveness %.4f (random %.4f), sufficiency %.4f (random %.4f)",
                sum[0], sum[1], sum[2], sum[3]));
        System.out.println(report);
        assertTrue(sum[0] > sum[1], report.toString());
        assertTrue(sum[2] < sum[3], report.toString());
    }
}
