package org.gsmile.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.Sample;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.OperatorKind;
import org.gsmile.models.llama.TestModels;
import org.junit.jupiter.api.Test;

/** Re-measured shifts equal the explanation's own, on the real stories260K, and new prompts cost one call each. */
class OutputShiftsTest {

    @Test
    void remeasuresTheExplanationsOwnSamplesWithoutCallingTheModel() {
        GenerativeModel model = TestModels.stories260KModel();
        Explanation e = Explainers.create(ExplanationSpec.builder().operator(OperatorKind.MASK).build())
                .explain(new ExplanationRequest("Tom saw a big dog in the park", 3), model);
        OutputShifts shifts = OutputShifts.of(e, model);
        List<Mask> masks = new ArrayList<>();
        for (Sample s : e.samples()) {
            masks.add(s.mask());
        }
        double[] again = shifts.shifts(masks);
        for (int i = 0; i < masks.size(); i++) {
            assertEquals(e.samples().get(i).outputDistance(), again[i], 0.0);
        }
        assertEquals(1, shifts.calls(), "only the re-generated y0");
        assertEquals(masks.size(), shifts.reused());
    }

    @Test
    void aNewMaskCostsOneCallAndMeasuresAsAFreshExplanationWould() {
        GenerativeModel model = TestModels.stories260KModel();
        ExplanationSpec spec = ExplanationSpec.builder().samples(16).build();
        Explanation e = Explainers.create(spec).explain(new ExplanationRequest("Tom saw a big dog in the park", 3), model);
        OutputShifts shifts = OutputShifts.of(e, model);
        Mask fresh = null;
        List<Mask> seen = e.samples().stream().map(Sample::mask).toList();
        for (int bits = 1; fresh == null; bits++) {
            Mask m = org.gsmile.core.mask.Coalitions.fromBits(bits, e.units().size());
            if (!seen.contains(m)) {
                fresh = m;
            }
        }
        double d = shifts.shift(fresh);
        assertEquals(3, shifts.calls(), "y0, the original prompt and the new one");
        assertEquals(d, shifts.shift(fresh), 0.0);
        assertEquals(3, shifts.calls(), "asked again: remembered");
        // The same mask, measured by an exact-Shapley explanation of the same prompt, has the same shift.
        Explanation exact = Explainers.create(spec.toBuilder().method(org.gsmile.core.spec.Method.EXACT_SHAPLEY)
                .build()).explain(new ExplanationRequest("Tom saw a big dog in the park", 3), model);
        Mask target = fresh;
        double reference = exact.samples().stream().filter(s -> s.mask().equals(target)).findFirst().orElseThrow()
                .outputDistance();
        assertEquals(reference, d, 1e-12);
    }
}
