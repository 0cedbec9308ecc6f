package org.gsmile.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.explain.Baseline;
import org.gsmile.core.explain.LengthPrompts;
import org.gsmile.core.explain.Observation;
import org.gsmile.core.explain.OutputProbe;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.model.ModelInfo;
import org.junit.jupiter.api.Test;

/**
 * A stored observation asks a large batch in parts and measures each part's shifts while the model
 * answers the rest, so that only the last part's measuring is left when the model is done; the
 * answers are the same as from one call, in the order asked. The shifts are measured off the model's
 * threads: a model that completes its futures on its own threads (as the in-process and ONNX
 * backends do) would otherwise spend them on exact transport, and the calls waiting for those threads
 * would count that time as the model's. The time they take is reported, so that the explainer counts
 * it outside the model.
 */
class StoredObservationPartsTest {

    /** A model answering each prompt with itself, on a thread of its own, and the distance between lengths. */
    private static final class EchoModel {
        final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "the-model"));
        final List<List<String>> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch firstPartMeasured = new CountDownLatch(1);
        final AtomicBoolean measuredBeforeLastAnswer = new AtomicBoolean();
        final List<String> measured = new CopyOnWriteArrayList<>();
        final List<String> measuredOn = new CopyOnWriteArrayList<>();
        /** How long the model takes to answer: long enough that the caller has chained on the future. */
        long answerMs;

        Observation<ObservationStore.Shift> stored(ObservationStore store, int holdLastOf) {
            OutputProbe<String> probe = prompt -> new OutputProbe.Prepared<>() {
                @Override
                public Baseline baseline() {
                    return new Baseline(prompt, prompt, new int[0]);
                }

                @Override
                public CompletableFuture<List<String>> observe(List<String> prompts) {
                    int call = calls.size();
                    calls.add(List.copyOf(prompts));
                    CompletableFuture<List<String>> answer = new CompletableFuture<>();
                    thread.submit(() -> {
                        Thread.sleep(answerMs);
                        if (call == holdLastOf - 1) {
                            // The last part waits (a while at most) for the first part's shifts.
                            measuredBeforeLastAnswer.set(firstPartMeasured.await(10, TimeUnit.SECONDS));
                        }
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
                    measured.add(perturbed);
                    measuredOn.add(Thread.currentThread().getName());
                    firstPartMeasured.countDown();
                    return Math.abs(original.length() - perturbed.length());
                }
            };
            BlackBoxModel model = () -> new ModelInfo("echo", "0", 100);
            return StoredObservation.wrap(new Observation<>(probe, length), store, model, "length");
        }
    }

    @Test
    void aLargeBatchIsAskedInPartsAndEachIsMeasuredWhileTheRestIsAnswered() {
        EchoModel echo = new EchoModel();
        try {
            String original = "x".repeat(100);
            // 40 perturbations, one of them twice, and the original among them: 41 distinct prompts to ask.
            List<String> asked = new ArrayList<>(LengthPrompts.upTo(40));
            asked.add(3, asked.get(7));
            asked.add(original);
            OutputProbe.Prepared<ObservationStore.Shift> prepared = echo.stored(new MemoryObservationStore(), 3)
                    .probe().prepare(original);
            List<ObservationStore.Shift> got = prepared.observe(asked).join();

            // Parts of 16 (the fewest a part holds), the original first: 16, 16 and 9 prompts.
            assertEquals(List.of(16, 16, 9), echo.calls.stream().map(List::size).toList());
            assertEquals(original, echo.calls.get(0).get(0));
            assertTrue(echo.measuredBeforeLastAnswer.get(), "the first part's shifts waited for the whole batch");
            assertEquals(asked.size(), got.size());
            for (int i = 0; i < asked.size(); i++) {
                assertEquals(Math.abs(100 - asked.get(i).length()), got.get(i).delta(), "prompt " + i);
            }
            assertEquals(original, got.get(asked.size() - 1).output());
            // Each distinct perturbation measured once, the duplicate too.
            assertEquals(40, echo.measured.size());
            assertTrue(prepared.afterModelNanos() > 0);
        } finally {
            echo.thread.shutdownNow();
        }
    }

    @Test
    void storedPromptsAreNotAskedAndTheRestKeepTheirPlaces() {
        MemoryObservationStore store = new MemoryObservationStore();
        EchoModel first = new EchoModel();
        EchoModel second = new EchoModel();
        try {
            String original = "x".repeat(100);
            List<String> earlier = LengthPrompts.upTo(20);
            first.stored(store, 0).probe().prepare(original).observe(earlier).join();

            List<String> asked = LengthPrompts.upTo(60);
            List<ObservationStore.Shift> got = second.stored(store, 0).probe().prepare(original).observe(asked).join();
            // 40 new prompts and the original (its observation is not stored, only its baseline): 41 in parts of 16.
            assertEquals(41, second.calls.stream().mapToInt(List::size).sum());
            assertEquals(List.of(16, 16, 9), second.calls.stream().map(List::size).toList());
            for (int i = 0; i < asked.size(); i++) {
                assertEquals(Math.abs(100 - asked.get(i).length()), got.get(i).delta(), "prompt " + i);
            }
        } finally {
            first.thread.shutdownNow();
            second.thread.shutdownNow();
        }
    }

    @Test
    void shiftsAreMeasuredOffTheModelsThread() {
        EchoModel echo = new EchoModel();
        echo.answerMs = 50;
        try {
            OutputProbe.Prepared<ObservationStore.Shift> prepared = echo.stored(new MemoryObservationStore(), 0)
                    .probe().prepare("a b c");
            List<ObservationStore.Shift> got = prepared.observe(List.of("a b", "a")).join();
            assertEquals(2.0, got.get(0).delta());
            assertEquals(4.0, got.get(1).delta());
            assertFalse(echo.measuredOn.isEmpty());
            assertTrue(echo.measuredOn.stream().noneMatch("the-model"::equals), "measured on " + echo.measuredOn);
            // The explainer counts that time outside the model.
            assertTrue(prepared.afterModelNanos() > 0);
        } finally {
            echo.thread.shutdownNow();
        }
    }

    @Test
    void aSmallBatchIsOneCall() {
        EchoModel echo = new EchoModel();
        try {
            List<ObservationStore.Shift> got = echo.stored(new MemoryObservationStore(), 0).probe().prepare("abcd")
                    .observe(List.of("abc", "ab", "a")).join();
            assertEquals(1, echo.calls.size());
            assertEquals(List.of(1.0, 2.0, 3.0), got.stream().map(ObservationStore.Shift::delta).toList());
        } finally {
            echo.thread.shutdownNow();
        }
    }
}
