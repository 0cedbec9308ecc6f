package org.gsmile.odd;

import java.util.function.BiFunction;
import org.gsmile.core.UserInputException;

/**
 * A mistake in a taxonomy file, found when it is read: one line, {@code FILE:LINE:COLUMN: what is
 * wrong and how to fix it}, lines and columns counted from 1 ({@code FILE: ...} when the file itself is
 * the problem: missing, unreadable, not UTF-8).
 *
 * <p>The message has no {@code {key}} placeholders: template slots such as {@code {weather}} look like
 * them, so {@link #render} returns the message as it is, whatever the front end's style.
 */
public class TaxonomyException extends UserInputException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String what;

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
        super(prefix(file, line, column) + what, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.what = what;
    }

    private static String prefix(String file, int line, int column) {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": ";
    }

    @Override
    public String getMessage() {
        return prefix(file, line, column) + what;
    }

    /** The message as it is: nothing in it is a setting placeholder. */
    @Override
    public String render(BiFunction<String, String, String> style) {
        return getMessage();
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    /** 1-based line, 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, 0 when unknown. */
    public int column() {
        return column;
    }

    /** What is wrong, without the position. */
    public String what() {
        return what;
    }
}
