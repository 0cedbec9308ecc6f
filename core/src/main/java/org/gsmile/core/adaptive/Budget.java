package org.gsmile.core.adaptive;

import java.util.List;

/**
 * How many samples an explanation draws. The explainer draws {@link #maxSamples()} masks up front
 * (so the same seed gives the same masks in the same order whatever the stopping point), uses a
 * prefix of {@link #firstRound} of them, refits, and asks {@link #next} whether to go on and with
 * how many. Counts include the weighting's anchors (the Shapley kernel's empty and full prompt):
 * a budget of J requests J perturbed prompts besides the original, whatever the weighting.
 */
public interface Budget {

    /** "fixed" or "auto", as recorded in the explanation. */
    String name();

    int maxSamples();

    /** Samples of the first round for a prompt of the given number of units. */
    int firstRound(int units);

    /** Bootstrap resamples after each fit; 0 for none (no intervals). */
    int bootstrapReps();

    /** Confidence level of the bootstrap intervals, e.g. 0.95. */
    double level();

    /** The size of the top set whose stability is measured (clamped to the number of units). */
    int topK();

    /** After a round: stop, or the number of samples the next round uses. */
    Decision next(Round round);

    /**
     * What the explainer knows after a round.
     *
     * @param units     units of the prompt
     * @param used      samples the fit used
     * @param drawn     samples the sampler could draw (fewer than {@link #maxSamples()} when it ran out)
     * @param bootstrap the bootstrap of the fit, null when {@link #bootstrapReps()} is 0
     * @param fits      the fit of every round so far, in order, this round's last; empty when the
     *                  explainer does not report them
     */
    record Round(int units, int used, int drawn, BootstrapResult bootstrap, List<RoundFit> fits) {
        public Round {
            fits = List.copyOf(fits);
        }

        /** A round without the fits' history. */
        public Round(int units, int used, int drawn, BootstrapResult bootstrap) {
            this(units, used, drawn, bootstrap, List.of());
        }
    }

    /**
     * The fit of one round: how many samples it used (counted as {@link Round#used()} counts them)
     * and its coefficients θ, one per unit.
     */
    record RoundFit(int samples, double[] theta) {
        public RoundFit {
            theta = theta.clone();
        }

        @Override
        public double[] theta() {
            return theta.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RoundFit f && samples == f.samples && java.util.Arrays.equals(theta, f.theta);
        }

        @Override
        public int hashCode() {
            return 31 * samples + java.util.Arrays.hashCode(theta);
        }

        @Override
        public String toString() {
            return "RoundFit[samples=" + samples + ", theta=" + java.util.Arrays.toString(theta) + "]";
        }
    }

    /** Stop for a reason, or go on to {@code nextSamples}. */
    record Decision(StopReason stop, int nextSamples) {
        public static Decision stop(StopReason reason) {
            return new Decision(reason, -1);
        }

        public static Decision goOn(int samples) {
            return new Decision(null, samples);
        }

        public boolean stops() {
            return stop != null;
        }
    }
}
