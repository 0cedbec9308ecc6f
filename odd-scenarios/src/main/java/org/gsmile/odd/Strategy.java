package org.gsmile.odd;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gsmile.core.UserInputException;

/** How a suite chooses its scenarios from the allowed ones. */
public enum Strategy {
    /** Every allowed scenario. */
    FACTORIAL("factorial"),
    /** A t-way covering array: every combination of values of every t dimensions that the constraints allow, at least once. */
    PAIRWISE("pairwise"),
    /** n distinct allowed scenarios drawn with the seed. */
    RANDOM("random");

    private final String label;

    Strategy(String label) {
        this.label = label;
    }

    /** As written in a file or on the command line. */
    public String label() {
        return label;
    }

    static List<String> labels() {
        return Arrays.stream(values()).map(Strategy::label).toList();
    }

    /**
     * The strategy of that name.
     *
     * @throws UserInputException for another name, with the nearest; the message names the setting
     *                            {@code {strategy}} for the front end to spell
     */
    public static Strategy of(String name) {
        for (Strategy s : values()) {
            if (s.label.equals(name)) {
                return s;
            }
        }
        String near = YamlNodes.nearest(name.strip().toLowerCase(Locale.ROOT), labels());
        if (name.equals("tway") || name.equals("t-way") || name.equals("covering")) {
            near = "pairwise";
        }
        throw new UserInputException((name.isBlank() ? "{strategy} is empty: " : "unknown {strategy} '" + name + "': ")
                + (near != null ? "did you mean " + near + "? " : "") + "choose pairwise (a t-way covering array),"
                + " factorial or random");
    }
}
