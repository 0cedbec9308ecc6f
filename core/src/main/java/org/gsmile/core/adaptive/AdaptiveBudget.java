package org.gsmile.core.adaptive;

import org.gsmile.core.UserInputException;

/**
 * Draws in rounds until the explanation is sure of its top units: after each round the surrogate
 * is refitted on bootstrap resamples of the samples, and drawing stops when the top-k set of the
 * fit comes back in at least {@code stability} of the resamples and each top-k unit's interval
 * excludes 0, or when {@code maxSamples} are used.
 *
 * <p>The first round has max(16, 2n + 2) samples: enough to fit n coefficients, and exactly the
 * coalitions keeping one unit or all but one, which the strata sampler completes first, with the
 * Shapley kernel's two anchors. It is even, so complementary pairs stay together; each later round
 * uses half as many again.
 *
 * @param maxSamples    the cap; must admit the first round
 * @param topK          size of the top set that must be stable
 * @param stability     share of bootstrap resamples whose top-k set must equal the fit's, in (0, 1]
 * @param bootstrapReps resamples per round
 * @param level         confidence level of the intervals
 */
public record AdaptiveBudget(int maxSamples, int topK, double stability, int bootstrapReps, double level)
        implements Budget {
    public static final int DEFAULT_MAX = 256;
    public static final double DEFAULT_STABILITY = 0.9;
    private static final int MIN_FIRST_ROUND = 16;
    private static final double GROWTH = 1.5;

    public AdaptiveBudget {
        if (maxSamples < MIN_FIRST_ROUND) {
            throw new UserInputException("{samples} auto needs a reachable bound: {maxSamples} must be at least "
                    + MIN_FIRST_ROUND + ", got " + maxSamples + ": try {maxSamples=" + DEFAULT_MAX + "}");
        }
        if (!(stability > 0 && stability <= 1)) {
            throw new IllegalArgumentException("stability must be in (0, 1], got " + stability);
        }
        if (bootstrapReps < 10) {
            throw new IllegalArgumentException("an adaptive budget needs at least 10 bootstrap resamples, got "
                    + bootstrapReps);
        }
        Bootstrap.checkSettings(bootstrapReps, level, topK);
    }

    public static AdaptiveBudget upTo(int maxSamples) {
        return new AdaptiveBudget(maxSamples, 3, DEFAULT_STABILITY, Bootstrap.DEFAULT_REPS, Bootstrap.DEFAULT_LEVEL);
    }

    @Override
    public String name() {
        return "auto";
    }

    @Override
    public int firstRound(int units) {
        int first = Math.max(MIN_FIRST_ROUND, 2 * units + 2);
        if (first > maxSamples) {
            throw new UserInputException("{samples} auto cannot reach its bound: the first round needs " + first
                    + " samples for " + units + " units but {maxSamples} is " + maxSamples
                    + ": raise it to at least {maxSamples=" + first + "}");
        }
        return first;
    }

    @Override
    public Decision next(Round round) {
        BootstrapResult b = round.bootstrap();
        if (b != null && b.topKStability() >= stability && b.topKExcludeZero()) {
            return Decision.stop(StopReason.STABLE);
        }
        if (round.used() >= round.drawn()) {
            return Decision.stop(round.drawn() < maxSamples ? StopReason.EXHAUSTED : StopReason.MAX_SAMPLES);
        }
        return Decision.goOn(Math.min(round.drawn(), even((int) Math.ceil(round.used() * GROWTH))));
    }

    private static int even(int n) {
        return n + (n & 1);
    }
}
