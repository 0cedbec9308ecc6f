package org.gsmile.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.Sample;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.Method;
import org.gsmile.models.llama.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder's store answers a repeated explanation without the model, and survives a torn write. */
class ObservationStoreTest {
    static final ExplanationRequest REQUEST = new ExplanationRequest("Tom saw a big dog in the park", 5);

    @TempDir
    Path temp;

    @Test
    void aRepeatedExplanationIsAnsweredFromTheStoreAlone() {
        GenerativeModel model = TestModels.stories260KModel();
        Path file = temp.resolve("observations.jsonl");
        Explanation first;
        try (JsonlObservationStore store = JsonlObservationStore.open(file)) {
            first = Explainers.create(ExplanationSpec.defaults(), store).explain(REQUEST, model);
        }
        Explanation plain = Explainers.create(ExplanationSpec.defaults()).explain(REQUEST, model);
        assertArrayEquals(plain.attribution().scores(), first.attribution().scores(), 0.0,
                "the store changes nothing but where observations come from");
        assertEquals(0, first.calls().diskCacheHits());
        Explanation again;
        try (JsonlObservationStore store = JsonlObservationStore.open(file)) {
            again = Explainers.create(ExplanationSpec.defaults(), store).explain(REQUEST, model);
        }
        assertArrayEquals(first.attribution().scores(), again.attribution().scores(), 0.0);
        assertEquals(first.samples(), again.samples());
        assertEquals(0, again.calls().preparation(), "y0 read back");
        assertEquals(again.calls().unique(), again.calls().diskCacheHits(), "every observation from the store");
        for (Sample s : first.samples()) {
            assertFalse(s.output().isEmpty(), "teacher-forced argmax recorded for " + s.mask());
        }
    }

    @Test
    void anotherExplainerOfTheSamePromptPaysOnlyForWhatIsNew() {
        GenerativeModel model = TestModels.stories260KModel();
        try (JsonlObservationStore store = JsonlObservationStore.open(temp.resolve("o.jsonl"))) {
            Explanation surrogate = Explainers.create(ExplanationSpec.defaults(), store).explain(REQUEST, model);
            Explanation exact = Explainers.create(ExplanationSpec.builder().method(Method.EXACT_SHAPLEY).build(), store)
                    .explain(REQUEST, model);
            int n = exact.units().size();
            assertEquals((1 << n) + 1 - exact.calls().cacheHits(), exact.calls().unique());
            // Every perturbed prompt of the surrogate run was stored already; the original is observed
            // again (its distribution is what the new prompts are compared with), so it is a real call.
            assertEquals(surrogate.calls().unique() - 1, exact.calls().diskCacheHits());
            Explanation exactPlain = Explainers.create(ExplanationSpec.builder().method(Method.EXACT_SHAPLEY).build())
                    .explain(REQUEST, model);
            assertArrayEquals(exactPlain.attribution().scores(), exact.attribution().scores(), 0.0);
        }
    }

    @Test
    void aTornLastLineIsCutOffAndTheRestKept() throws Exception {
        GenerativeModel model = TestModels.stories260KModel();
        Path file = temp.resolve("observations.jsonl");
        Explanation first;
        try (JsonlObservationStore store = JsonlObservationStore.open(file)) {
            first = Explainers.create(ExplanationSpec.defaults(), store).explain(REQUEST, model);
        }
        long whole = Files.size(file);
        Files.writeString(file, "{\"s\":\"abc\",\"d\":0.1", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (JsonlObservationStore store = JsonlObservationStore.open(file)) {
            assertEquals(whole, Files.size(file), "the torn tail is cut");
            assertTrue(store.size() > 0);
            Explanation again = Explainers.create(ExplanationSpec.defaults(), store).explain(REQUEST, model);
            assertEquals(first.samples(), again.samples());
        }
    }
}
