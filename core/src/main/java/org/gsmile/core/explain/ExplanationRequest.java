package org.gsmile.core.explain;

import org.gsmile.core.UserInputException;

/**
 * One prompt to explain and the seed of every random choice its explanation makes.
 *
 * @param prompt the prompt; {@code [[several words]]} marks one unit, and the brackets are not sent
 * @param seed   the explanation's one seed, split per component (see {@link Seeds})
 */
public record ExplanationRequest(String prompt, long seed) {
    public static final long DEFAULT_SEED = 42;

    public ExplanationRequest {
        if (prompt == null || prompt.isBlank()) {
            throw new UserInputException("{prompt} is empty: give the text to explain, e.g. \"Once upon a time\"");
        }
    }

    public static ExplanationRequest of(String prompt) {
        return new ExplanationRequest(prompt, DEFAULT_SEED);
    }
}
