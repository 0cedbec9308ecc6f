package org.gsmile.experiments.cli;

import org.gsmile.core.UserInputException;

/**
 * Settings as this command line spells them, for text written elsewhere with {@code {key}}
 * placeholders (warnings' messages and remedies, errors): {@code {samples=64}} → {@code --samples 64}.
 */
public final class CliNames {
    private CliNames() {
    }

    /** The template with every {@code {key}} or {@code {key=value}} rendered as this command line's flag. */
    public static String render(String template) {
        return UserInputException.render(template, Gsmile::option);
    }
}
