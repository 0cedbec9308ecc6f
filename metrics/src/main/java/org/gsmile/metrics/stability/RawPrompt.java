package org.gsmile.metrics.stability;

import java.util.ArrayList;
import java.util.List;
import org.gsmile.perturbation.MarkedPrompt;

/**
 * A request prompt as the user typed it, {@code [[marked]]} units, {@code \[[} escapes and all,
 * read character by character, so that a change can be made at a place of the text the model sees
 * while the markers stay intact. Package-private: the text surgery behind {@link PromptChange}.
 *
 * <p>The scan mirrors {@link MarkedPrompt#parse}: {@code \[[} and {@code \]]} are two literal
 * characters of text, {@code [[} and {@code ]]} elsewhere are marker syntax; the prompt is parsed
 * by {@code MarkedPrompt} first so an unbalanced marker fails as the explainer would report it.
 */
final class RawPrompt {
    /**
     * One character of the text the model sees.
     *
     * @param c      the character
     * @param from   its first raw index (the backslash, for the first bracket of an escape)
     * @param to     one past its last raw index
     * @param marker the index of the marked unit it lies in, or -1 outside markers
     */
    record Ch(char c, int from, int to, int marker) {
        boolean whitespace() {
            return Character.isWhitespace(c);
        }
    }

    /** A marker's raw span, from its {@code [[} to one past its {@code ]]}. */
    record Marker(int open, int end) {
    }

    final String raw;
    final List<Ch> chars;
    final List<Marker> markers;

    private RawPrompt(String raw, List<Ch> chars, List<Marker> markers) {
        this.raw = raw;
        this.chars = chars;
        this.markers = markers;
    }

    /** @throws org.gsmile.core.UserInputException for unbalanced, nested or empty markers */
    static RawPrompt read(String raw) {
        if (MarkedPrompt.hasMarkers(raw)) {
            MarkedPrompt.parse(raw);
        }
        List<Ch> chars = new ArrayList<>();
        List<Marker> markers = new ArrayList<>();
        int open = -1;
        int i = 0;
        while (i < raw.length()) {
            if (raw.charAt(i) == MarkedPrompt.ESCAPE
                    && (raw.startsWith(MarkedPrompt.OPEN, i + 1) || raw.startsWith(MarkedPrompt.CLOSE, i + 1))) {
                int m = open < 0 ? -1 : markers.size();
                chars.add(new Ch(raw.charAt(i + 1), i, i + 2, m));
                chars.add(new Ch(raw.charAt(i + 2), i + 2, i + 3, m));
                i += 3;
            } else if (raw.startsWith(MarkedPrompt.OPEN, i)) {
                open = i;
                i += 2;
            } else if (raw.startsWith(MarkedPrompt.CLOSE, i)) {
                markers.add(new Marker(open, i + 2));
                open = -1;
                i += 2;
            } else {
                chars.add(new Ch(raw.charAt(i), i, i + 1, open < 0 ? -1 : markers.size()));
                i++;
            }
        }
        return new RawPrompt(raw, chars, markers);
    }

    /** The raw index of the first character that is not whitespace (a marker's {@code [[} counts). */
    int firstNonWhitespace() {
        int i = 0;
        while (i < raw.length() && Character.isWhitespace(raw.charAt(i))) {
            i++;
        }
        return i;
    }

    /** One past the raw index of the last character that is not whitespace (a marker's {@code ]]} counts). */
    int endOfLastNonWhitespace() {
        int i = raw.length();
        while (i > 0 && Character.isWhitespace(raw.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /**
     * The raw index of the first character of each run of whitespace outside markers that lies
     * between two characters that are not whitespace: the places between words where a word can go
     * without entering a marked unit.
     */
    List<Integer> gapsOutsideMarkers() {
        int first = -1;
        int last = -1;
        for (int k = 0; k < chars.size(); k++) {
            if (!chars.get(k).whitespace()) {
                first = first < 0 ? k : first;
                last = k;
            }
        }
        List<Integer> gaps = new ArrayList<>();
        boolean inGap = false;
        for (int k = first + 1; first >= 0 && k < last; k++) {
            Ch ch = chars.get(k);
            boolean gap = ch.whitespace() && ch.marker() < 0;
            if (gap && !inGap) {
                gaps.add(ch.from());
            }
            inGap = gap;
        }
        return gaps;
    }

    /** raw with {@code insert} placed before raw index {@code at}. */
    String insert(int at, String insert) {
        return raw.substring(0, at) + insert + raw.substring(at);
    }

    /** raw without the characters whose raw indices are flagged. */
    String without(boolean[] removed) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            if (!removed[i]) {
                out.append(raw.charAt(i));
            }
        }
        return out.toString();
    }

    /** Whether a character is punctuation: one of Unicode's seven punctuation categories (P*). */
    static boolean isPunctuation(char c) {
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }
}
