package org.gsmile.experiments.run;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.gsmile.core.model.CallMeter;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.ForwardingModel;
import org.gsmile.core.model.ForwardingTokenScorer;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.model.TokenScores;
import org.gsmile.core.model.TopLogprobsModel;

/**
 * The wall time during which one cell waited on its model: a view of the model that counts the
 * time at least one of its calls was in flight (overlapping calls counted once), so a cell's time
 * outside the model is its wall time less this, whatever its metrics run at once. Models behind an
 * API are not wrapped (their client's own type carries capabilities the explainer looks for); their
 * cells report the explanation's own model time.
 */
final class ModelClock {
    private int inFlight;
    private long since;
    private long busyNanos;

    static boolean canWrap(GenerativeModel model) {
        return !(model instanceof TopLogprobsModel);
    }

    synchronized double busyMillis() {
        long busy = busyNanos + (inFlight > 0 ? System.nanoTime() - since : 0);
        return busy / 1e6;
    }

    private synchronized void begin() {
        if (inFlight++ == 0) {
            since = System.nanoTime();
        }
    }

    private synchronized void end() {
        if (--inFlight == 0) {
            busyNanos += System.nanoTime() - since;
        }
    }

    private <T> CompletableFuture<T> timed(Supplier<CompletableFuture<T>> call) {
        begin();
        CompletableFuture<T> f;
        try {
            f = call.get();
        } catch (RuntimeException e) {
            end();
            throw e;
        }
        return f.whenComplete((r, e) -> end());
    }

    /** The model with its calls timed on this clock. */
    GenerativeModel wrap(GenerativeModel model) {
        ModelClock clock = this;
        Optional<TokenScorer> scorer = model.tokenScorer().map(s -> new ForwardingTokenScorer(s) {
            @Override
            public CompletableFuture<List<TokenScores>> scoreAsync(List<String> prompts, int[] continuation) {
                return clock.timed(() -> delegate.scoreAsync(prompts, continuation));
            }
        });
        return new ForwardingModel(model) {
            @Override
            public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
                return clock.timed(() -> delegate.generateAsync(prompts, options));
            }

            @Override
            public Optional<TokenScorer> tokenScorer() {
                return scorer;
            }

            @Override
            public GenerativeModel metered(CallMeter meter) {
                GenerativeModel m = delegate.metered(meter);
                return m == delegate ? this : clock.wrap(m);
            }
        };
    }
}
