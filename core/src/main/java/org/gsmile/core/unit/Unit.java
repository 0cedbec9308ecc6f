package org.gsmile.core.unit;

import java.util.List;

/**
 * An interpretable unit of the prompt: a word, token or phrase.
 *
 * @param text  the unit's text as it appears in the prompt
 * @param start offset of its first char in the prompt
 * @param end   offset one past its last char
 */
public record Unit(String text, int start, int end) {
    public Unit {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("unit span [" + start + "," + end + ") is not a valid range");
        }
    }

    /**
     * Adds the span [from, to) of the prompt as a unit, without its surrounding whitespace; a span
     * of whitespace only adds nothing.
     */
    public static void addTrimmed(List<Unit> units, String prompt, int from, int to) {
        while (from < to && Character.isWhitespace(prompt.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(prompt.charAt(to - 1))) {
            to--;
        }
        if (to > from) {
            units.add(new Unit(prompt.substring(from, to), from, to));
        }
    }
}
