package org.gsmile.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.explain.Baseline;
import org.gsmile.core.explain.Observation;
import org.gsmile.core.explain.OutputProbe;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.model.ModelInfo;
import org.junit.jupiter.api.Test;

/**
 * The shifts of a stored observation are measured off the model's threads: a model that completes its
 * futures on its own threads (as the in-process and ONNX backends do) would otherwise spend them on
 * exact transport, and the calls waiting for those threads would count that time as the model's. The
 * time they take is reported, so that the explainer counts it outside the model.
 */
class StoredObservationThreadsTest {

    @Test
    void shiftsAreMeasuredOffTheModelsThread() {
        ExecutorService modelThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "the-model"));
        try {
            List<String> measuredOn = new CopyOnWriteArrayList<>();
            OutputProbe<String> probe = prompt -> new OutputProbe.Prepared<>() {
                @Override
                public Baseline baseline() {
                    return new Baseline(prompt, prompt, new int[0]);
                }

                @Override
                public CompletableFuture<List<String>> observe(List<String> prompts) {
                    CompletableFuture<List<String>> answer = new CompletableFuture<>();
                    // Answered later, on the model's thread, after the caller has chained on the future.
                    modelThread.submit(() -> {
                        Thread.sleep(50);
                        return answer.complete(List.copyOf(prompts));
                    });
                    return answer;
                }
            };
            OutputDistance<String> length = new OutputDistance<>() {
                @Override
                public String name() {
                    return "length";
                }

                @Override
                public double distance(String original, String perturbed) {
                    measuredOn.add(Thread.currentThread().getName());
                    return Math.abs(original.length() - perturbed.length());
                }
            };
            BlackBoxModel model = () -> new ModelInfo("fake", "0", 100);
            Observation<ObservationStore.Shift> stored = StoredObservation.wrap(new Observation<>(probe, length),
                    new MemoryObservationStore(), model, "length");
            OutputProbe.Prepared<ObservationStore.Shift> prepared = stored.probe().prepare("a b c");
            List<ObservationStore.Shift> got = prepared.observe(List.of("a b", "a")).join();
            assertEquals(2.0, got.get(0).delta());
            assertEquals(4.0, got.get(1).delta());
            assertFalse(measuredOn.isEmpty());
            assertTrue(measuredOn.stream().noneMatch("the-model"::equals), "measured on " + measuredOn);
            // The explainer counts that time outside the model.
            assertTrue(prepared.afterModelNanos() > 0);
        } finally {
            modelThread.shutdownNow();
        }
    }
}
