package org.gsmile.experiments.cli;

import org.gsmile.core.UserInputException;
import org.gsmile.core.distance.LogProbShiftDistance;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.distance.TokenWassersteinDistance;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.model.TokenScores;
import org.gsmile.core.surrogate.Surrogate;
import org.gsmile.core.surrogate.TribuoSgdSurrogate;
import org.gsmile.core.surrogate.WeightedLeastSquares;

/** Names the user can give for pluggable parts, and what each builds. */
final class Choices {
    private Choices() {
    }

    static String distance(String name) {
        return switch (name) {
            case "token-wasserstein", "logprob-shift" -> name;
            default -> throw new UserInputException("unknown --distance '" + name
                    + "': choose token-wasserstein or logprob-shift");
        };
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

    static Surrogate surrogate(String name, long seed) {
        return surrogate(name).equals("wls") ? new WeightedLeastSquares() : new TribuoSgdSurrogate(seed);
    }
}
