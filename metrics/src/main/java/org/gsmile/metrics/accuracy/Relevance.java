package org.gsmile.metrics.accuracy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.gsmile.core.UserInputException;
import org.gsmile.core.unit.Unit;

/**
 * Ground truth of which units of a prompt matter: one flag per unit, in prompt order.
 *
 * <p>{@link #ofWords} matches words against units after the same normalisation on both sides:
 * lower-cased (root locale), and every character that is not a letter, mark or digit stripped from
 * both ends, so {@code "Ball."}, {@code "(ball"} and {@code "ball"} are one word while {@code "don't"}
 * keeps its apostrophe. A unit is relevant when its normalised pieces (whitespace-separated) contain
 * the word's pieces as a contiguous run: for a one-word unit that is equality with a one-word word;
 * a multi-word unit (a phrase, a sentence or a {@code [[marked]]} unit) is relevant when one of its
 * words is the word (whole words: {@code "cat"} does not match {@code "concatenate"}), and a word of
 * several pieces ({@code "red ball"}) matches a unit holding that phrase. Every occurrence counts: a
 * repeated word marks each unit it appears in.
 *
 * @param relevant one flag per unit, true where the unit is relevant
 */
public record Relevance(boolean[] relevant) {

    public Relevance {
        if (relevant == null) {
            throw new IllegalArgumentException("no relevance flags");
        }
        relevant = relevant.clone();
    }

    /**
     * The units matching any of the words (see the class comment).
     *
     * @throws UserInputException when no word is given, a word has no letter or digit, or a word
     *                            matches no unit (naming it and the units)
     */
    public static Relevance ofWords(List<Unit> units, Collection<String> words) {
        if (words.isEmpty()) {
            throw new UserInputException("{relevant} names no word: give the words of the prompt that matter, e.g. {relevant="
                    + (units.isEmpty() ? "ball" : normalize(units.get(0).text())) + "}");
        }
        List<List<String>> unitPieces = new ArrayList<>();
        for (Unit u : units) {
            unitPieces.add(pieces(u.text()));
        }
        boolean[] flags = new boolean[units.size()];
        for (String word : words) {
            List<String> w = pieces(word);
            if (w.isEmpty()) {
                throw new UserInputException("{relevant} word \"" + word + "\" has no letter or digit: give words of"
                        + " the prompt (" + listed(units) + ")");
            }
            boolean found = false;
            for (int i = 0; i < units.size(); i++) {
                if (containsRun(unitPieces.get(i), w)) {
                    flags[i] = true;
                    found = true;
                }
            }
            if (!found) {
                throw new UserInputException("{relevant} word \"" + word + "\" matches no unit of the prompt ("
                        + listed(units) + "): give words that occur in the prompt");
            }
        }
        return new Relevance(flags);
    }

    /**
     * One label per unit, 1 relevant and 0 not.
     *
     * @throws UserInputException when the count differs from the units' or a label is neither 0 nor 1
     */
    public static Relevance ofLabels(List<Unit> units, int[] labels) {
        if (labels.length != units.size()) {
            throw new UserInputException("{relevance} has " + labels.length + " label" + (labels.length == 1 ? "" : "s")
                    + " for " + units.size() + " units (" + listed(units) + "): give one 0/1 label per unit");
        }
        boolean[] flags = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new UserInputException("{relevance} label " + (i + 1) + " (unit #" + (i + 1) + " \""
                        + shown(units.get(i).text()) + "\") is " + labels[i] + ": labels are 0 (not relevant) or 1 (relevant)");
            }
            flags[i] = labels[i] == 1;
        }
        return new Relevance(flags);
    }

    @Override
    public boolean[] relevant() {
        return relevant.clone();
    }

    public int size() {
        return relevant.length;
    }

    public boolean isRelevant(int unit) {
        return relevant[unit];
    }

    /** How many units are relevant. */
    public int count() {
        int c = 0;
        for (boolean r : relevant) {
            if (r) {
                c++;
            }
        }
        return c;
    }

    /** Lower-cased, without the characters other than letters, marks and digits at either end. */
    static String normalize(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        int from = 0;
        int to = s.length();
        while (from < to && !wordChar(s.codePointAt(from))) {
            from += Character.charCount(s.codePointAt(from));
        }
        while (to > from && !wordChar(s.codePointBefore(to))) {
            to -= Character.charCount(s.codePointBefore(to));
        }
        return s.substring(from, to);
    }

    private static boolean wordChar(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.COMBINING_SPACING_MARK
                || Character.getType(cp) == Character.ENCLOSING_MARK;
    }

    private static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        for (String piece : text.trim().split("\\s+")) {
            String p = normalize(piece);
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean containsRun(List<String> unit, List<String> word) {
        for (int start = 0; start + word.size() <= unit.size(); start++) {
            if (unit.subList(start, start + word.size()).equals(word)) {
                return true;
            }
        }
        return false;
    }

    /** The units for a message: "Once, upon, a, time"; cut after 12 with the count. */
    static String listed(List<Unit> units) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(units.size(), 12);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(shown(units.get(i).text()));
        }
        if (units.size() > shown) {
            sb.append(", … ").append(units.size() - shown).append(" more");
        }
        return sb.toString();
    }

    /** A unit's text on one line, cut after 24 characters: messages are one line. */
    private static String shown(String text) {
        String t = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        return t.length() <= 24 ? t : t.substring(0, 23) + "…";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Relevance r && Arrays.equals(relevant, r.relevant);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(relevant);
    }

    @Override
    public String toString() {
        return "Relevance" + Arrays.toString(relevant);
    }
}
