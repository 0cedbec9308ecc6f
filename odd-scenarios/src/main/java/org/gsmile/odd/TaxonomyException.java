package org.gsmile.odd;

import java.util.function.BiFunction;

/**
 * A mistake in a taxonomy file, found when it is read: one line, {@code FILE:LINE:COLUMN: what is
 * wrong and how to fix it} ({@link FileMistake}).
 *
 * <p>The message has no {@code {key}} placeholders: template slots such as {@code {weather}} look like
 * them, so {@link #render} returns the message as it is, whatever the front end's style.
 */
public class TaxonomyException extends FileMistake {
    private static final long serialVersionUID = 1L;

    /**
     * @param file   the file as the user named it
     * @param line   1-based, or 0 when unknown
     * @param column 1-based, or 0 when unknown
     * @param what   what is wrong and how to fix it
     */
    public TaxonomyException(String file, int line, int column, String what) {
        this(file, line, column, what, null);
    }

    public TaxonomyException(String file, int line, int column, String what, Throwable cause) {
        super(file, line, column, what, cause);
    }

    @Override
    public String getMessage() {
        return prefix() + what();
    }

    /** The message as it is: nothing in it is a setting placeholder. */
    @Override
    public String render(BiFunction<String, String, String> style) {
        return getMessage();
    }
}
