package org.gsmile.experiments.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.model.CallMeter;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.ForwardingModel;
import org.gsmile.core.model.ForwardingTokenScorer;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ImageGenerator;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.model.TokenPieces;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.model.TokenScores;
import org.gsmile.core.model.TopLogprobs;
import org.gsmile.core.model.TopLogprobsModel;

/**
 * The wall time during which one cell waited on its model: a view of the model that counts the
 * time at least one of its calls was in flight (overlapping calls counted once), so a cell's time
 * outside the model is its wall time less this, whatever its metrics run at once. Text models (the
 * view of one behind an API keeps its top-logprobs capability, which the explainer looks for) and
 * image generators (an editor bound to its input) are timed; a cell of any other kind reports the
 * explanation's own model time.
 */
final class ModelClock {
    private int inFlight;
    private long since;
    private long busyNanos;

    /** The model with its calls timed on this clock, or the model itself when it is of no kind this clock times. */
    BlackBoxModel wrap(BlackBoxModel model) {
        if (model instanceof GenerativeModel g) {
            return wrap(g);
        }
        if (model instanceof ImageGenerator g) {
            return wrap(g);
        }
        return model;
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

    /** The text model with its calls timed on this clock. */
    GenerativeModel wrap(GenerativeModel model) {
        ModelClock clock = this;
        Optional<TokenScorer> scorer = model.tokenScorer().map(s -> new ForwardingTokenScorer(s) {
            @Override
            public CompletableFuture<List<TokenScores>> scoreAsync(List<String> prompts, int[] continuation) {
                return clock.timed(() -> delegate.scoreAsync(prompts, continuation));
            }
        });
        return model instanceof TopLogprobsModel remote
                ? new TimedTopLogprobs(model, scorer, remote) : new TimedText(model, scorer);
    }

    /** The image generator with its calls timed on this clock. */
    ImageGenerator wrap(ImageGenerator model) {
        ModelClock clock = this;
        return new ImageGenerator() {
            @Override
            public CompletableFuture<List<Image>> generateAsync(List<String> prompts) {
                return clock.timed(() -> model.generateAsync(prompts));
            }

            @Override
            public ModelInfo info() {
                return model.info();
            }

            @Override
            public Map<String, Object> settings() {
                return model.settings();
            }

            @Override
            public Optional<TokenPieces> tokenPieces() {
                return model.tokenPieces();
            }

            @Override
            public ImageGenerator metered(CallMeter meter) {
                ImageGenerator m = model.metered(meter);
                return m == model ? this : clock.wrap(m);
            }
        };
    }

    /** A text model's view with its generations and scoring on the clock. */
    private class TimedText extends ForwardingModel {
        private final Optional<TokenScorer> scorer;

        TimedText(GenerativeModel model, Optional<TokenScorer> scorer) {
            super(model);
            this.scorer = scorer;
        }

        @Override
        public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
            return timed(() -> delegate.generateAsync(prompts, options));
        }

        @Override
        public Optional<TokenScorer> tokenScorer() {
            return scorer;
        }

        @Override
        public GenerativeModel metered(CallMeter meter) {
            GenerativeModel m = delegate.metered(meter);
            return m == delegate ? this : wrap(m);
        }
    }

    /** A model behind an API that returns top logprobs: the explainer finds the capability on the view too. */
    private final class TimedTopLogprobs extends TimedText implements TopLogprobsModel {
        private final TopLogprobsModel remote;

        TimedTopLogprobs(GenerativeModel model, Optional<TokenScorer> scorer, TopLogprobsModel remote) {
            super(model, scorer);
            this.remote = remote;
        }

        @Override
        public int topLogprobs() {
            return remote.topLogprobs();
        }

        @Override
        public CompletableFuture<TopLogprobs> generateWithTopLogprobs(String prompt, DecodingOptions options) {
            return timed(() -> remote.generateWithTopLogprobs(prompt, options));
        }
    }
}
