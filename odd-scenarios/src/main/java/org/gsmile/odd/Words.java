package org.gsmile.odd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a relevant word occurs in a prompt, compared as the metrics (and the experiment files)
 * compare them: lower-cased, punctuation at either end of a word stripped; a word of several pieces
 * ({@code compound interest}) must occur as a run.
 */
final class Words {
    private Words() {
    }

    static boolean occurs(String word, String text) {
        List<String> w = pieces(word);
        if (w.isEmpty()) {
            return false;
        }
        List<String> p = pieces(text);
        for (int i = 0; i + w.size() <= p.size(); i++) {
            if (p.subList(i, i + w.size()).equals(w)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the word has a letter or digit at all. */
    static boolean hasWord(String word) {
        return !pieces(word).isEmpty();
    }

    static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        for (String piece : text.strip().split("\\s+")) {
            String s = strip(piece.toLowerCase(Locale.ROOT));
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && !wordChar(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && !wordChar(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    private static boolean wordChar(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.COMBINING_SPACING_MARK
                || Character.getType(cp) == Character.ENCLOSING_MARK;
    }
}
