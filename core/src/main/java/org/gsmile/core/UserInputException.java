package org.gsmile.core;

import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mistake the user can fix: bad option, missing file, unreachable server. The message is one
 * line naming the problem and the fix; command lines print it and exit with code 2.
 *
 * <p>Settings are named in the message as {@code {key}} or, with a suggested value,
 * {@code {key=value}} (keys of {@link org.gsmile.core.spec.Setting}), so each front end can name
 * them as its users type them: {@link #getMessage()} renders {@code samples} and {@code samples=64},
 * {@link #render} renders them as the caller says (the command line: {@code --samples 64}).
 */
public class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Pattern SETTING = Pattern.compile("\\{([a-zA-Z]+)(?:=([^}]*))?}");

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String getMessage() {
        return render((key, value) -> value == null ? key : key + "=" + value);
    }

    /** The message as written, with its {@code {key}} placeholders. */
    public String template() {
        return super.getMessage();
    }

    /**
     * The message with each setting named by {@code style}: it receives the key and the suggested
     * value (null for a bare {@code {key}}) and returns what to print.
     */
    public String render(BiFunction<String, String, String> style) {
        return render(super.getMessage(), style);
    }

    /**
     * Any text with {@code {key}} placeholders (an exception's message, a warning's message or
     * remedy) with each setting named by {@code style}, as {@link #render(BiFunction)} does; null
     * stays null.
     */
    public static String render(String template, BiFunction<String, String, String> style) {
        if (template == null) {
            return null;
        }
        Matcher m = SETTING.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(style.apply(m.group(1), m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
