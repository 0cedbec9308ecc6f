package org.gsmile.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gsmile.core.Futures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch asked in parts: the parts' sizes, each part measured while the model answers the rest, the
 * answers in the order asked.
 */
class MeasuredInPartsTest {
    private final ExecutorService modelThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "the-model"));

    @AfterEach
    void stop() {
        modelThread.shutdownNow();
    }

    /** Answers each prompt with its length, on the model's thread; the call {@code hold} waits for a latch. */
    private final class LengthProbe implements OutputProbe.Prepared<Integer> {
        final List<List<String>> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean releasedBeforeAnswer = new AtomicBoolean();
        final int hold;

        LengthProbe(int hold) {
            this.hold = hold;
        }

        @Override
        public Baseline baseline() {
            return new Baseline("", "", new int[0]);
        }

        @Override
        public CompletableFuture<List<Integer>> observe(List<String> prompts) {
            int call = calls.size();
            calls.add(List.copyOf(prompts));
            CompletableFuture<List<Integer>> answer = new CompletableFuture<>();
            modelThread.submit(() -> {
                if (call == hold) {
                    releasedBeforeAnswer.set(release.await(10, TimeUnit.SECONDS));
                }
                return answer.complete(prompts.stream().map(String::length).toList());
            });
            return answer;
        }
    }

    @Test
    void partsHoldSixteenOrMoreAndAtMostFourOfThemAndNeverLessThanTheModelsBatch() {
        assertEquals(16, MeasuredInParts.partSize(1, 1));
        assertEquals(16, MeasuredInParts.partSize(64, 8));
        assertEquals(17, MeasuredInParts.partSize(65, 1));
        assertEquals(64, MeasuredInParts.partSize(256, 1));
        // A model that scores 32 prompts a call gets them 32 at a time.
        assertEquals(32, MeasuredInParts.partSize(64, 32));
    }

    @Test
    void eachPartIsMeasuredWhileTheModelAnswersTheRest() {
        // The third call is answered only once the first part has been measured (or after 10 s).
        LengthProbe probe = new LengthProbe(2);
        List<String> asked = LengthPrompts.upTo(41);
        double[] measured = new double[asked.size()];
        MeasuredInParts.Answers<Integer> answers = Futures.join(MeasuredInParts.observe(probe, asked,
                first -> first.get(0), (part, from, base) -> {
                    for (int k = 0; k < part.size(); k++) {
                        measured[from + k] = part.get(k) - base;
                    }
                    probe.release.countDown();
                }));
        assertEquals(List.of(16, 16, 9), probe.calls.stream().map(List::size).toList());
        assertTrue(probe.releasedBeforeAnswer.get(), "the first part was measured only after the whole batch");
        assertEquals(asked.stream().map(String::length).toList(), answers.answers());
        for (int i = 0; i < asked.size(); i++) {
            assertEquals(i, measured[i], "prompt " + i);
        }
        assertTrue(answers.afterLastAnswerNanos() >= 0);
    }

    @Test
    void nothingIsMeasuredWithoutABase() {
        LengthProbe probe = new LengthProbe(-1);
        List<Integer> parts = new CopyOnWriteArrayList<>();
        MeasuredInParts.Answers<Integer> answers = Futures.join(MeasuredInParts.observe(probe, LengthPrompts.upTo(40),
                first -> null, (part, from, base) -> parts.add(from)));
        assertEquals(List.of(), parts);
        assertEquals(40, answers.answers().size());
    }

    @Test
    void aProbeReturningTheWrongNumberOfObservationsIsAnError() {
        OutputProbe.Prepared<Integer> wrong = new OutputProbe.Prepared<>() {
            @Override
            public Baseline baseline() {
                return new Baseline("", "", new int[0]);
            }

            @Override
            public CompletableFuture<List<Integer>> observe(List<String> prompts) {
                return CompletableFuture.completedFuture(List.of(1));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Futures.join(
                MeasuredInParts.observe(wrong, LengthPrompts.upTo(3), first -> first.get(0), (part, from, base) -> { })));
        assertEquals("probe returned 1 observations for 3 prompts", e.getMessage());
    }
}
