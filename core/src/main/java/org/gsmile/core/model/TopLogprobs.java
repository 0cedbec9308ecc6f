package org.gsmile.core.model;

import java.util.List;

/**
 * A generated output as a server with log-probabilities reports it: the text and, at each generated
 * position, the chosen token and the most likely tokens with their natural-log probabilities.
 *
 * @param text  the output text (the prompt not repeated)
 * @param steps one per generated token, in order; empty when the server returned no log-probabilities
 */
public record TopLogprobs(String text, List<Step> steps) {

    public TopLogprobs {
        steps = List.copyOf(steps);
    }

    /**
     * One generated position.
     *
     * @param token   the token the model produced here
     * @param logprob its log-probability
     * @param top     the most likely tokens here, most likely first (may or may not include token)
     */
    public record Step(String token, double logprob, List<Candidate> top) {
        public Step {
            top = List.copyOf(top);
        }
    }

    /** A token and its log-probability. */
    public record Candidate(String token, double logprob) {
    }
}
