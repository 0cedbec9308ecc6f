package org.gsmile.reports;

import org.gsmile.core.UserInputException;

/**
 * Warnings name settings as {@code {key}} and {@code {key=value}} templates; a report's readers write
 * experiment files, so they are spelled as YAML: {@code key} and {@code key: value}.
 */
final class Templates {
    private Templates() {
    }

    static String yaml(String template) {
        if (template == null) {
            return "";
        }
        return UserInputException.render(template, (key, value) -> value == null ? key : key + ": " + value);
    }
}
