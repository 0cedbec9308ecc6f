package org.gsmile.perturbation;

import java.util.ArrayList;
import java.util.List;
import org.gsmile.core.UserInputException;
import org.gsmile.core.unit.Unit;

/**
 * A prompt in which the user marked units with double brackets: in "the [[stone bridge]] fell",
 * "stone bridge" is one unit. The brackets are removed from the text the model sees; each marked
 * unit's span (inner whitespace trimmed) is kept with offsets into that text.
 *
 * <p>{@code \[[} and {@code \]]} stand for literal brackets: the backslash is removed and the
 * brackets reach the model as text ({@code see \[[1\]] here} is sent as {@code see [[1]] here},
 * three words; {@code [[x \]] y]]} is the one unit {@code x ]] y}). A backslash anywhere else is an
 * ordinary character.
 *
 * @param text   the prompt without the markers
 * @param marked the marked units, in order, offsets into {@code text}
 */
public record MarkedPrompt(String text, List<Unit> marked) {
    public static final String OPEN = "[[";
    public static final String CLOSE = "]]";
    /** Before a marker, makes it literal text. */
    public static final char ESCAPE = '\\';
    private static final String LITERAL_HINT = ", or write \\[[ and \\]] for literal brackets";

    public MarkedPrompt {
        marked = List.copyOf(marked);
    }

    /** True when the prompt uses either marker, so that a lone one is reported rather than sent to the model. */
    public static boolean hasMarkers(String prompt) {
        return prompt.contains(OPEN) || prompt.contains(CLOSE);
    }

    /**
     * @throws UserInputException for an unbalanced or nested marker, or a marked unit with no text
     */
    public static MarkedPrompt parse(String prompt) {
        StringBuilder text = new StringBuilder(prompt.length());
        List<Unit> marked = new ArrayList<>();
        int open = -1;
        int i = 0;
        while (i < prompt.length()) {
            if (prompt.charAt(i) == ESCAPE && (prompt.startsWith(OPEN, i + 1) || prompt.startsWith(CLOSE, i + 1))) {
                text.append(prompt, i + 1, i + 3);
                i += 3;
            } else if (prompt.startsWith(OPEN, i)) {
                if (open >= 0) {
                    throw new UserInputException("unit markers cannot nest: '[[' at character " + (i + 1)
                            + " opens inside another [[...]]; close the first with ]] before opening the next"
                            + LITERAL_HINT);
                }
                open = text.length();
                i += OPEN.length();
            } else if (prompt.startsWith(CLOSE, i)) {
                if (open < 0) {
                    throw new UserInputException("unbalanced unit marker: ']]' at character " + (i + 1)
                            + " closes nothing; mark a unit as [[words]]" + LITERAL_HINT);
                }
                int from = open;
                int to = text.length();
                while (from < to && Character.isWhitespace(text.charAt(from))) {
                    from++;
                }
                while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
                    to--;
                }
                if (from == to) {
                    throw new UserInputException("the unit marker ending at character " + (i + 2)
                            + " leaves no text: put the words of the unit between [[ and ]]");
                }
                marked.add(new Unit(text.substring(from, to), from, to));
                open = -1;
                i += CLOSE.length();
            } else {
                text.append(prompt.charAt(i++));
            }
        }
        if (open >= 0) {
            throw new UserInputException("unbalanced unit marker: a '[[' is never closed; end the unit with ]]"
                    + LITERAL_HINT);
        }
        return new MarkedPrompt(text.toString(), marked);
    }
}
