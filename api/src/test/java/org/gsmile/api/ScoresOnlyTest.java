package org.gsmile.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.Preset;
import org.gsmile.models.llama.TestModels;
import org.junit.jupiter.api.Test;

/** Skipping the bootstrap refits changes nothing but the intervals, on the real stories260K. */
class ScoresOnlyTest {

    @Test
    void theScoresAndSamplesAreTheSameWithoutTheRefits() {
        GenerativeModel model = TestModels.stories260KModel();
        ExplanationRequest request = new ExplanationRequest("Tom saw a big dog in the park", 9);
        for (ExplanationSpec spec : List.of(ExplanationSpec.defaults(), ExplanationSpec.of(Preset.THESIS))) {
            Explanation full = Explainers.create(spec).explain(request, model);
            Explanation scores = Explainers.scoresOnly(spec, null).explain(request, model);
            assertArrayEquals(full.attribution().scores(), scores.attribution().scores(), 0.0, spec.preset().label());
            assertEquals(full.samples(), scores.samples());
            assertEquals(full.fit(), scores.fit());
        }
    }
}
