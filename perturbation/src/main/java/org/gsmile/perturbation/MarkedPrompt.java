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
 * @param text   the prompt without the markers
 * @param marked the marked units, in order, offsets into {@code text}
 */
public record MarkedPrompt(String text, List<Unit> marked) {
    public static final String OPEN = "[[";
    public static final String CLOSE = "]]";

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
            if (prompt.startsWith(OPEN, i)) {
                if (open >= 0) {
                    throw new UserInputException("unit markers cannot nest: '[[' at character " + (i + 1)
                            + " opens inside another [[...]]; close the first with ]] before opening the next");
                }
                open = text.length();
                i += OPEN.length();
            } else if (prompt.startsWith(CLOSE, i)) {
                if (open < 0) {
                    throw new UserInputException("unbalanced unit marker: ']]' at character " + (i + 1)
                            + " closes nothing; mark a unit as [[words]]");
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
            throw new UserInputException("unbalanced unit marker: a '[[' is never closed; end the unit with ]]");
        }
        return new MarkedPrompt(text.toString(), marked);
    }
}
