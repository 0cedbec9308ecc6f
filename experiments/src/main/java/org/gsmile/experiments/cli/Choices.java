package org.gsmile.experiments.cli;

import org.gsmile.core.UserInputException;
import org.gsmile.core.distance.LogProbShiftDistance;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.distance.SentenceEmbeddingDistance;
import org.gsmile.core.distance.TokenWassersteinDistance;
import org.gsmile.core.distance.TopLogprobsWassersteinDistance;
import org.gsmile.core.distance.WordMoversDistance;
import org.gsmile.core.explain.OutputProbe;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.model.TokenScores;
import org.gsmile.core.model.TopLogprobsModel;
import org.gsmile.core.reference.ConstrainedLeastSquares;
import org.gsmile.core.surrogate.Surrogate;
import org.gsmile.core.surrogate.TribuoSgdSurrogate;
import org.gsmile.models.embed.MiniLmEmbedder;
import org.gsmile.models.probe.TextProbe;
import org.gsmile.models.probe.TokenScoresProbe;
import org.gsmile.models.probe.TopLogprobsProbe;

/** Names the user can give for pluggable parts, and what each builds. */
final class Choices {
    private Choices() {
    }

    static String distance(String name) {
        return switch (name) {
            case "token-wasserstein", "logprob-shift", "embedding-wasserstein", "sentence-embedding" -> name;
            default -> throw new UserInputException("unknown --distance '" + name
                    + "': choose token-wasserstein, logprob-shift, embedding-wasserstein or sentence-embedding");
        };
    }

    /** How an explanation observes the model and compares two observations. */
    record Observation<O>(OutputProbe<O> probe, OutputDistance<O> distance) {
    }

    /**
     * The probe and distance for a distance name on a model. Text distances compare greedy outputs,
     * so they work with any model. Token distances teacher-force where the model can score a fixed
     * continuation; a model behind an API cannot, so there token-wasserstein compares the top
     * log-probabilities of the two generated outputs instead, and logprob-shift is not available.
     */
    static Observation<?> observation(String name, GenerativeModel model, int maxNewTokens) {
        String d = distance(name);
        if (d.equals("embedding-wasserstein")) {
            return new Observation<>(new TextProbe(model, maxNewTokens), new WordMoversDistance(MiniLmEmbedder.shared()));
        }
        if (d.equals("sentence-embedding")) {
            return new Observation<>(new TextProbe(model, maxNewTokens),
                    new SentenceEmbeddingDistance(MiniLmEmbedder.shared()));
        }
        if (model.tokenScorer().isEmpty() && model instanceof TopLogprobsModel) {
            if (d.equals("logprob-shift")) {
                throw new UserInputException("logprob-shift scores the original output after each perturbed prompt,"
                        + " which a model behind an API cannot do: choose --distance token-wasserstein with --logprobs,"
                        + " embedding-wasserstein or sentence-embedding");
            }
            TopLogprobsProbe probe = new TopLogprobsProbe(model, maxNewTokens);
            return new Observation<>(probe, new TopLogprobsWassersteinDistance(MiniLmEmbedder.shared()));
        }
        TokenScoresProbe probe = new TokenScoresProbe(model, maxNewTokens);
        return new Observation<>(probe, distance(d, probe.scorer()));
    }

    static OutputDistance<TokenScores> distance(String name, TokenScorer scorer) {
        return switch (distance(name)) {
            case "token-wasserstein" -> new TokenWassersteinDistance(scorer.tokenEmbeddings(),
                    TokenWassersteinDistance.DEFAULT_TOP_K);
            default -> new LogProbShiftDistance();
        };
    }

    static String surrogate(String name) {
        return switch (name) {
            case "wls", "sgd" -> name;
            default -> throw new UserInputException("unknown --surrogate '" + name + "': choose wls or sgd");
        };
    }

    /** wls holds rows of infinite weight (the Shapley kernel's anchors) exactly, and is plain WLS without them. */
    static Surrogate surrogate(String name, long seed) {
        return surrogate(name).equals("wls") ? new ConstrainedLeastSquares() : new TribuoSgdSurrogate(seed);
    }
}
