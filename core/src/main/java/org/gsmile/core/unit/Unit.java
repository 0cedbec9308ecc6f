package org.gsmile.core.unit;

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
}
