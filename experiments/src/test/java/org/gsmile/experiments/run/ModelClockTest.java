package org.gsmile.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.model.CallMeter;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ImageGenerator;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.model.TopLogprobs;
import org.gsmile.core.model.TopLogprobsModel;
import org.junit.jupiter.api.Test;

/**
 * The clock counts the time a call of any kind a cell makes is in flight: a model behind an API
 * keeps its top-logprobs capability on the view, and an editor bound to its input is timed too (its
 * metrics' calls used to count as time outside the model).
 */
class ModelClockTest {
    static final ModelInfo INFO = new ModelInfo("fake", "0", 64);

    /** A call in flight adds to the clock while it lasts and not after. */
    static void assertTimedWhileInFlight(ModelClock clock, Runnable call, CompletableFuture<?> pending) throws Exception {
        double before = clock.busyMillis();
        call.run();
        Thread.sleep(25);
        assertTrue(clock.busyMillis() - before >= 20, "busy " + (clock.busyMillis() - before) + " ms during the call");
        pending.complete(null);
        double after = clock.busyMillis();
        Thread.sleep(10);
        assertEquals(after, clock.busyMillis(), "nothing in flight");
    }

    @Test
    void aModelBehindAnApiKeepsItsTopLogprobsAndIsTimed() throws Exception {
        CompletableFuture<TopLogprobs> pending = new CompletableFuture<>();
        class Remote implements GenerativeModel, TopLogprobsModel {
            @Override
            public ModelInfo info() {
                return INFO;
            }

            @Override
            public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
                return CompletableFuture.completedFuture(List.of());
            }

            @Override
            public int topLogprobs() {
                return 5;
            }

            @Override
            public CompletableFuture<TopLogprobs> generateWithTopLogprobs(String prompt, DecodingOptions options) {
                return pending;
            }
        }
        ModelClock clock = new ModelClock();
        BlackBoxModel view = clock.wrap((BlackBoxModel) new Remote());
        TopLogprobsModel lp = assertInstanceOf(TopLogprobsModel.class, view);
        assertEquals(5, lp.topLogprobs());
        assertTimedWhileInFlight(clock, () -> lp.generateWithTopLogprobs("x", DecodingOptions.greedy(4)), pending);
    }

    @Test
    void aBoundEditorIsTimedAndStaysTimedWhenMetered() throws Exception {
        CompletableFuture<List<Image>> pending = new CompletableFuture<>();
        ImageGenerator counted = new Pending(pending, null);
        ImageGenerator editor = new Pending(pending, counted);
        ModelClock clock = new ModelClock();
        ImageGenerator view = assertInstanceOf(ImageGenerator.class, clock.wrap((BlackBoxModel) editor));
        assertNotSame(editor, view);
        assertEquals(INFO, view.info());
        ImageGenerator metered = view.metered(new CallMeter());
        assertNotSame(counted, metered);
        assertTimedWhileInFlight(clock, () -> metered.generateAsync(List.of("make it rain")), pending);
    }

    /** A generator whose calls wait on one future; metered, it becomes the given view (when there is one). */
    record Pending(CompletableFuture<List<Image>> future, ImageGenerator meteredView) implements ImageGenerator {
        @Override
        public CompletableFuture<List<Image>> generateAsync(List<String> prompts) {
            return future;
        }

        @Override
        public ModelInfo info() {
            return INFO;
        }

        @Override
        public ImageGenerator metered(CallMeter meter) {
            return meteredView == null ? this : meteredView;
        }
    }

    @Test
    void anyOtherModelIsLeftAlone() {
        BlackBoxModel other = () -> INFO;
        assertSame(other, new ModelClock().wrap(other));
    }
}
