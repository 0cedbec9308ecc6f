package org.gsmile.core.spec;

import org.apache.commons.text.similarity.LevenshteinDistance;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.gsmile.core.UserInputException;

/**
 * An option value with the name a user types, as {@link org.gsmile.core.adaptive.StopReason} has:
 * enums of the spec implement it, so a name becomes a value in one way everywhere (command line,
 * YAML, JSON read back).
 */
public interface Choice {

    /** The name the user types and the JSON records. */
    String label();

    /**
     * The value named exactly {@code name}, or one line naming the setting, the accepted names and,
     * for a near miss ({@code WORDS}, {@code wrods}, {@code wasserstein}), the one it most likely meant.
     */
    static <E extends Enum<E> & Choice> E parse(Class<E> type, Setting setting, String name) {
        return parse(type, setting.key(), name);
    }

    /**
     * As {@link #parse(Class, Setting, String)} for a choice that is no spec setting (the experiment
     * runner's {@code executor}), named by its key.
     */
    static <E extends Enum<E> & Choice> E parse(Class<E> type, String key, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.label().equals(name)) {
                return e;
            }
        }
        String given = name == null ? "" : name.strip();
        if (given.isEmpty()) {
            throw new UserInputException("{" + key + "} is empty: choose " + names(type));
        }
        String near = closest(type, given);
        throw new UserInputException("unknown {" + key + "} '" + name + "': "
                + (near == null ? "" : "did you mean " + near + "? ") + "choose " + names(type));
    }

    /**
     * The label a typo most likely meant: the same in another case, one that holds it, or one within
     * two edits of it; null when none is close.
     */
    private static <E extends Enum<E> & Choice> String closest(Class<E> type, String given) {
        String lower = given.toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestDistance = 3;
        for (E e : type.getEnumConstants()) {
            String label = e.label();
            int d = label.contains(lower) && lower.length() >= 3 ? 1 : editDistance(label, lower);
            if (d < bestDistance) {
                best = label;
                bestDistance = d;
            }
        }
        return best;
    }

    /** The Levenshtein distance between two names (commons-text), for "did you mean". */
    static int editDistance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance().apply(a, b);
    }

    /** "a, b or c". */
    static <E extends Enum<E> & Choice> String names(Class<E> type) {
        String[] labels = Arrays.stream(type.getEnumConstants()).map(Choice::label).toArray(String[]::new);
        if (labels.length == 1) {
            return labels[0];
        }
        return Arrays.stream(labels, 0, labels.length - 1).collect(Collectors.joining(", "))
                + " or " + labels[labels.length - 1];
    }
}
