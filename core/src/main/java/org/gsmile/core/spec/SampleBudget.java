package org.gsmile.core.spec;

import org.gsmile.core.UserInputException;

/**
 * How many perturbed prompts an explanation may request besides the original: a fixed number, or
 * rounds until the top-k units are stable, up to a cap.
 */
public sealed interface SampleBudget {
    /** The default budget of both presets. */
    int DEFAULT_SAMPLES = 64;
    /** The default cap of {@link Auto}. */
    int DEFAULT_MAX = 256;
    /** The smallest cap {@link Auto} accepts: its first round has at least this many samples. */
    int MIN_AUTO = 16;

    /** "fixed" or "auto", as the explanation records it. */
    String label();

    /** The most samples this budget can use: for {@link AtLeast}, its floor. */
    int maxSamples();

    /** The samples (or, for {@link Auto}, the cap) this budget gives a prompt of {@code units} units. */
    default int samplesFor(int units) {
        return maxSamples();
    }

    /**
     * The fewest samples that identify every unit: the complete first stratum pair (every prompt
     * keeping one unit and every one dropping one), with the Shapley kernel's two anchors, 2n + 2.
     */
    static int minimumFor(int units) {
        return (int) Math.min(Integer.MAX_VALUE, 2L * units + 2);
    }

    /**
     * The default budget: {@code samples}, or more on a long prompt, enough to identify every unit
     * ({@link #minimumFor}).
     */
    record AtLeast(int samples) implements SampleBudget {
        public AtLeast {
            if (samples < 1) {
                throw new UserInputException("{samples} must be at least 1, got " + samples + ": try {samples="
                        + DEFAULT_SAMPLES + "}");
            }
        }

        @Override
        public String label() {
            return "fixed";
        }

        @Override
        public int maxSamples() {
            return samples;
        }

        @Override
        public int samplesFor(int units) {
            return Math.max(samples, minimumFor(units));
        }
    }

    /** Exactly {@code samples} perturbed prompts (the Shapley kernel's empty and full prompt among them). */
    record Fixed(int samples) implements SampleBudget {
        public Fixed {
            if (samples < 1) {
                throw new UserInputException("{samples} must be at least 1, got " + samples + ": try {samples="
                        + DEFAULT_SAMPLES + "}");
            }
        }

        @Override
        public String label() {
            return "fixed";
        }

        @Override
        public int maxSamples() {
            return samples;
        }
    }

    /**
     * Rounds until the top-k set is stable under the bootstrap, has converged, or is found tied (not
     * decidable within the cap), at most {@code maxSamples}: see {@code AdaptiveBudget}.
     */
    record Auto(int maxSamples) implements SampleBudget {
        public Auto {
            if (maxSamples < MIN_AUTO) {
                throw new UserInputException("{samples} auto needs a reachable bound: {maxSamples} must be at least "
                        + MIN_AUTO + ", got " + maxSamples + ": try {maxSamples=" + DEFAULT_MAX + "}");
            }
        }

        @Override
        public String label() {
            return "auto";
        }
    }

    static SampleBudget fixed(int samples) {
        return new Fixed(samples);
    }

    static SampleBudget auto(int maxSamples) {
        return new Auto(maxSamples);
    }
}
