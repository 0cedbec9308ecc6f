package org.gsmile.core.explain;

import org.gsmile.core.spec.Choice;

/**
 * Why an explanation should not be trusted as it stands, and what to do about it. Messages and
 * remedies name settings as {@code {key}} templates (see {@link org.gsmile.core.UserInputException}),
 * so each front end can spell them as its users type them.
 *
 * @param code    what is wrong, stable across versions (the JSON and the reports key on it)
 * @param message what was found, with the numbers
 * @param remedy  what the user can change
 */
public record Warning(Code code, String message, String remedy) {

    /** The kinds of warning. Those that {@link #blocksRanking()} mean no ranking should be shown. */
    public enum Code implements Choice {
        /** Weighted R² below {@link Reliability#MIN_R2}. */
        LOW_FIT("low-fit", false),
        /** Adjusted weighted R² below the threshold (or not computable) while R² is above it. */
        LOW_ADJUSTED_FIT("low-adjusted-fit", false),
        /** No unit stands out from the rest by more than its interval. */
        FLAT("flat-attributions", true),
        /** The output did not move under any perturbation. */
        OUTPUT_UNCHANGED("output-unchanged", true),
        /** Fewer distinct samples than unknowns, or a ridge was needed: the fit is not identified. */
        UNDERDETERMINED("underdetermined", true),
        /** An explicit budget below the minimum that identifies every unit. */
        FEW_SAMPLES("few-samples", false),
        /** Too few samples for the bootstrap intervals to mean anything. */
        NO_INTERVALS("no-intervals", false),
        /** Units the design never separated: their scores are tied by construction. */
        TIED_UNITS("tied-units", false),
        /** Many remote calls failed after their retries. */
        FAILED_CALLS("failed-calls", false),
        /** The empty-prompt anchor got no real completion; the intercept was fitted freely. */
        ANCHOR_REJECTED("anchor-rejected", false),
        /** The distance was left to the model and a text distance ran: the model gives no token probabilities. */
        DISTANCE_CHOSEN("distance-chosen", false);

        private final String label;
        private final boolean blocksRanking;

        Code(String label, boolean blocksRanking) {
            this.label = label;
            this.blocksRanking = blocksRanking;
        }

        @Override
        public String label() {
            return label;
        }

        /** Whether, with this warning, the scores do not support a ranking at all. */
        public boolean blocksRanking() {
            return blocksRanking;
        }

        public static Code of(String label) {
            for (Code c : values()) {
                if (c.label.equals(label)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown warning code '" + label + "'");
        }
    }
}
