package org.gsmile.models;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.gsmile.core.UserInputException;

/** The token budget every local backend enforces before it runs anything. */
public final class ContextLimit {
    private ContextLimit() {
    }

    /**
     * Encodes every prompt first, so that an over-long one fails with a user-facing message before
     * any work starts rather than deep inside a forward pass.
     */
    public static List<int[]> encodeAll(List<String> prompts, Function<String, int[]> encoder, int newTokens,
                                        int context) {
        List<int[]> encoded = new ArrayList<>(prompts.size());
        for (String prompt : prompts) {
            int[] tokens = encoder.apply(prompt);
            if ((long) tokens.length + newTokens > context) {
                throw new UserInputException("prompt is " + tokens.length + " tokens; with " + newTokens
                        + " new tokens it exceeds the model's context of " + context
                        + " tokens: shorten the prompt or lower {maxNewTokens}");
            }
            encoded.add(tokens);
        }
        return encoded;
    }
}
