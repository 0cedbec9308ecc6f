package org.gsmile.experiments.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.gsmile.core.model.CallMeter;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.model.TokenPieces;
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
        Optional<TokenScorer> scorer = model.tokenScorer().map(s -> new TokenScorer() {
            @Override
            public CompletableFuture<List<TokenScores>> scoreAsync(List<String> prompts, int[] continuation) {
                return clock.timed(() -> s.scoreAsync(prompts, continuation));
            }

            @Override
            public int promptTokenCount(String prompt) {
                return s.promptTokenCount(prompt);
            }

            @Override
            public int vocabSize() {
                return s.vocabSize();
            }

            @Override
            public float[][] tokenEmbeddings() {
                return s.tokenEmbeddings();
            }

            @Override
            public String decode(int[] tokens) {
                return s.decode(tokens);
            }
        });
        return new GenerativeModel() {
            @Override
            public ModelInfo info() {
                return model.info();
            }

            @Override
            public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
                return clock.timed(() -> model.generateAsync(prompts, options));
            }

            @Override
            public Optional<TokenScorer> tokenScorer() {
                return scorer;
            }

            @Override
            public Optional<TokenPieces> tokenPieces() {
                return model.tokenPieces();
            }

            @Override
            public GenerativeModel metered(CallMeter meter) {
                GenerativeModel m = model.metered(meter);
                return m == model ? this : clock.wrap(m);
            }

            @Override
            public Map<String, Object> settings() {
                return model.settings();
            }
        };
    }
}
