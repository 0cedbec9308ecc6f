package org.gsmile.core.explain;

import java.util.Arrays;

/**
 * What is explained: the prompt as the model saw it and the output it produced, y₀.
 *
 * @param prompt       the prompt sent to the model (unit markers removed)
 * @param output       y₀ as text, the prompt not repeated
 * @param outputTokens y₀'s token ids where the model has them (teacher-forced distances), else empty
 */
public record Baseline(String prompt, String output, int[] outputTokens) {
    public Baseline {
        outputTokens = outputTokens == null ? new int[0] : outputTokens.clone();
    }

    /** A baseline without token ids (a text model, or an API). */
    public static Baseline ofText(String prompt, String output) {
        return new Baseline(prompt, output, new int[0]);
    }

    public Baseline withPrompt(String text) {
        return new Baseline(text, output, outputTokens);
    }

    @Override
    public int[] outputTokens() {
        return outputTokens.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Baseline b && prompt.equals(b.prompt) && output.equals(b.output)
                && Arrays.equals(outputTokens, b.outputTokens);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * prompt.hashCode() + output.hashCode()) + Arrays.hashCode(outputTokens);
    }

    @Override
    public String toString() {
        return "Baseline[prompt=" + prompt + ", output=" + output + ", outputTokens=" + Arrays.toString(outputTokens) + "]";
    }
}
