package org.gsmile.core.explain;

import java.util.ArrayList;
import java.util.List;

/** Prompts told apart by their length alone, for tests whose fake models answer with the prompt's length. */
public final class LengthPrompts {
    private LengthPrompts() {
    }

    /** "x", "xx", … up to {@code count} x's. */
    public static List<String> upTo(int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add("x".repeat(i + 1));
        }
        return out;
    }
}
