package org.gsmile.experiments.cli;

import java.util.Locale;
import org.gsmile.core.UserInputException;

/** {@code --format}: text for a person, json for a program. */
enum OutputFormat {
    TEXT, JSON;

    static OutputFormat of(String format) {
        String near = format.strip().toLowerCase(Locale.ROOT);
        if (format.equals("text") || format.equals("json")) {
            return valueOf(format.toUpperCase(Locale.ROOT));
        }
        throw new UserInputException(format.isBlank() ? "--format is empty: choose text or json"
                : "unknown --format '" + format + "': " + (near.equals("text") || near.equals("json")
                ? "did you mean " + near + "? " : "") + "choose text or json");
    }
}
