package org.gsmile.core.adaptive;

import org.gsmile.core.UserInputException;

/** A fixed number of samples in one round: the thesis's budget. */
public record FixedBudget(int samples, int bootstrapReps, double level, int topK) implements Budget {
    public FixedBudget {
        if (samples < 1) {
            throw new UserInputException("{samples} must be at least 1, got " + samples + ": try {samples=64}");
        }
        Bootstrap.checkSettings(bootstrapReps, level, topK);
    }

    /** Every coalition the sampler can draw (the exhaustive sampler's budget): it stops when the sampler runs out. */
    public static FixedBudget everyCoalition(int bootstrapReps, double level, int topK) {
        return new FixedBudget(Integer.MAX_VALUE, bootstrapReps, level, topK);
    }

    /** No bootstrap: what explanations cost before budgets existed. */
    public static FixedBudget of(int samples) {
        return new FixedBudget(samples, 0, 0.95, 3);
    }

    @Override
    public String name() {
        return "fixed";
    }

    @Override
    public int maxSamples() {
        return samples;
    }

    @Override
    public int firstRound(int units) {
        return samples;
    }

    /** Exhausted when the sampler ran out, or when the budget covered all 2ⁿ coalitions (anchors included). */
    @Override
    public Decision next(Round round) {
        boolean all = round.units() < 31 && round.used() >= (1L << round.units());
        return Decision.stop(round.drawn() < samples || all ? StopReason.EXHAUSTED : StopReason.BUDGET);
    }
}
