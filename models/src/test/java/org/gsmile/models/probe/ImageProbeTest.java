package org.gsmile.models.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.OutputProbe;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.ImageGenerator;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.models.http.CallFailedException;
import org.gsmile.models.http.ImageCallsFailedException;
import org.junit.jupiter.api.Test;

class ImageProbeTest {

    /** A flat picture whose grey level is the prompt's length; fails prompts containing "fail" or "fatal". */
    static final class Scripted implements ImageGenerator {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        /** True: a failed batch says which prompts failed, as the HTTP backends do. */
        final boolean saysWhich;

        Scripted(boolean saysWhich) {
            this.saysWhich = saysWhich;
        }

        @Override
        public ModelInfo info() {
            return new ModelInfo("scripted", "", 100);
        }

        static Image picture(String prompt) {
            float[] p = new float[3 * 4];
            Arrays.fill(p, Math.min(1f, prompt.length() / 32f));
            return Image.of(2, 2, p);
        }

        @Override
        public CompletableFuture<List<Image>> generateAsync(List<String> prompts) {
            batches.add(List.copyOf(prompts));
            if (prompts.stream().anyMatch(p -> p.contains("fatal"))) {
                return CompletableFuture.failedFuture(new UserInputException("server rejected the key"));
            }
            List<Image> images = new ArrayList<>();
            Map<Integer, String> reasons = new LinkedHashMap<>();
            for (int i = 0; i < prompts.size(); i++) {
                if (prompts.get(i).contains("fail")) {
                    images.add(null);
                    reasons.put(i, "HTTP 503, still after 4 retries");
                } else {
                    images.add(picture(prompts.get(i)));
                }
            }
            if (reasons.isEmpty()) {
                return CompletableFuture.completedFuture(images);
            }
            return CompletableFuture.failedFuture(saysWhich ? new ImageCallsFailedException(images, reasons)
                    : new CallFailedException("HTTP 503, still after 4 retries"));
        }
    }

    @Test
    void failedPromptsOfABatchAreNullObservationsWithTheirReasons() {
        Scripted model = new Scripted(true);
        OutputProbe.Prepared<Image> prepared = new ImageProbe(model).prepare("a b c");
        List<Image> observed = Futures.join(prepared.observe(List.of("a b c", "a fail", "b")));
        assertEquals(Arrays.asList(Scripted.picture("a b c"), null, Scripted.picture("b")), observed);
        assertEquals(Map.of("a fail", "HTTP 503, still after 4 retries"), prepared.failures());
        // The original is not asked twice, and the batch that failed in part is not asked again.
        assertEquals(List.of(List.of("a b c"), List.of("a fail", "b")), model.batches);
    }

    @Test
    void aBatchThatFailsWithoutSayingWhichIsAskedOnePromptAtATime() {
        Scripted model = new Scripted(false);
        OutputProbe.Prepared<Image> prepared = new ImageProbe(model).prepare("a b c");
        List<Image> observed = Futures.join(prepared.observe(List.of("b", "a fail", "c")));
        assertEquals(Arrays.asList(Scripted.picture("b"), null, Scripted.picture("c")), observed);
        assertEquals(Map.of("a fail", "HTTP 503, still after 4 retries"), prepared.failures());
        assertEquals(List.of(List.of("a b c"), List.of("b", "a fail", "c"), List.of("b"), List.of("a fail"),
                List.of("c")), model.batches);

        // One prompt alone is not asked twice.
        assertNull(Futures.join(prepared.observe(List.of("fail again"))).get(0));
        assertEquals(6, model.batches.size());
    }

    @Test
    void userErrorsEndTheObservation() {
        OutputProbe.Prepared<Image> prepared = new ImageProbe(new Scripted(true)).prepare("a");
        UserInputException e = assertThrows(UserInputException.class,
                () -> Futures.join(prepared.observe(List.of("a", "fatal", "b"))));
        assertEquals("server rejected the key", e.getMessage());
    }

    @Test
    void anOriginalThatCannotBeMadeIsAUserErrorWithTheServersReason() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> new ImageProbe(new Scripted(true)).prepare("fail"));
        assertEquals("the model's image for the prompt could not be obtained: HTTP 503, still after 4 retries",
                e.getMessage());
        assertTrue(e.getCause() instanceof CallFailedException);
    }
}
