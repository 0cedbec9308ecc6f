package org.gsmile.models.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.models.http.CallFailedException;
import org.gsmile.models.llama.LocalLlamaModel;
import org.gsmile.models.llama.TestModels;
import org.gsmile.core.explain.OutputProbe;
import org.junit.jupiter.api.Test;

class TextProbeTest {

    /** Answers with the prompt upper-cased; fails prompts containing "fail" or "fatal". */
    static final class Scripted implements GenerativeModel {
        final List<String> seen = new CopyOnWriteArrayList<>();

        public ModelInfo info() {
            return new ModelInfo("scripted", "", 100);
        }

        public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
            seen.addAll(prompts);
            String p = prompts.get(0);
            if (p.contains("fatal")) {
                return CompletableFuture.failedFuture(new UserInputException("server rejected the key"));
            }
            if (p.contains("fail")) {
                return CompletableFuture.failedFuture(new CallFailedException("HTTP 503, still after 4 retries"));
            }
            return CompletableFuture.completedFuture(List.of(new Generation(p.toUpperCase(), new int[0])));
        }
    }

    @Test
    void failedCallsAreNullObservationsAndTheOriginalIsNotAskedTwice() {
        Scripted model = new Scripted();
        TextProbe probe = new TextProbe(model, 8);
        OutputProbe.Prepared<String> prepared = probe.prepare("a b c");
        assertEquals("A B C", prepared.baseline().output());
        List<String> observed = Futures.join(prepared.observe(List.of("a b c", "a fail", "b")));
        assertEquals(Arrays.asList("A B C", null, "B"), observed);
        assertEquals(List.of("a b c", "a fail", "b"), model.seen);
    }

    @Test
    void userErrorsEndTheObservation() {
        TextProbe probe = new TextProbe(new Scripted(), 8);
        OutputProbe.Prepared<String> prepared = probe.prepare("a");
        assertThrows(UserInputException.class, () -> Futures.join(prepared.observe(List.of("a", "fatal", "b"))));
    }

    @Test
    void anOriginalThatCannotBeGeneratedIsAUserError() {
        UserInputException e = assertThrows(UserInputException.class, () -> new TextProbe(new Scripted(), 8).prepare("fail"));
        assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
    }

    @Test
    void generatesGreedyTextWithALocalModel() {
        try (LocalLlamaModel model = LocalLlamaModel.loadLlama2c("local:stories260K",
                TestModels.stories260K("stories260K.bin"), TestModels.stories260K("tok512.bin"))) {
            TextProbe probe = new TextProbe(model, 8);
            OutputProbe.Prepared<String> prepared = probe.prepare("Once upon a time");
            String y0 = prepared.baseline().output();
            List<String> texts = Futures.join(prepared.observe(List.of("Once upon a time", "Once a time", "upon a")));
            assertEquals(y0, texts.get(0));
            assertEquals(Futures.join(model.generateAsync(List.of("Once a time"), DecodingOptions.greedy(8))).get(0).text(),
                    texts.get(1));
        }
    }

    @Test
    void topLogprobsProbeNeedsLogprobs() {
        UserInputException e = assertThrows(UserInputException.class, () -> new TopLogprobsProbe(new Scripted(), 8));
        assertTrue(e.getMessage().contains("embedding-wasserstein"), e.getMessage());
    }
}
