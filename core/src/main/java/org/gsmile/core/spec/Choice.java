package org.gsmile.core.spec;

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

    /** The value named {@code name}, or one line naming the setting and the accepted names. */
    static <E extends Enum<E> & Choice> E parse(Class<E> type, Setting setting, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.label().equals(name)) {
                return e;
            }
        }
        throw new UserInputException("unknown {" + setting.key() + "} '" + name + "': choose " + names(type));
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
