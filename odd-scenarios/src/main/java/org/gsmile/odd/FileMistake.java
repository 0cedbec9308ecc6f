package org.gsmile.odd;

import org.gsmile.core.UserInputException;

/**
 * A mistake in a file the user wrote, found when it is read: one line, {@code FILE:LINE:COLUMN: what
 * is wrong and how to fix it}, lines and columns counted from 1; {@code FILE:LINE: ...} where only the
 * line is known, {@code FILE: ...} where not even that (a missing file). The kinds of file say how
 * {@link #what} is rendered.
 */
public abstract class FileMistake extends UserInputException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String what;

    /**
     * @param file   the file as the user named it (printed as given)
     * @param line   1-based, or 0 when unknown
     * @param column 1-based, or 0 when unknown
     * @param what   what is wrong and how to fix it
     */
    protected FileMistake(String file, int line, int column, String what, Throwable cause) {
        super(prefix(file, line, column) + what, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.what = what;
    }

    /** {@code FILE:LINE:COLUMN: }, as much of it as is known. */
    protected String prefix() {
        return prefix(file, line, column);
    }

    private static String prefix(String file, int line, int column) {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": ";
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    /** 1-based line, 0 when the mistake has no line (a missing file). */
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
