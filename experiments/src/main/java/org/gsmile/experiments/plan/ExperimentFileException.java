package org.gsmile.experiments.plan;

import java.util.function.BiFunction;
import org.gsmile.core.UserInputException;

/**
 * A mistake in an experiment file (or in a cases file it names), found before any model is called.
 * The message is one line, {@code FILE:LINE:COLUMN: what is wrong and how to fix it}, with lines and
 * columns counted from 1; {@code FILE:LINE: ...} where only the line is known (a row of a CSV file),
 * {@code FILE: ...} where not even that (a missing file).
 *
 * <p>Settings are named in YAML terms: {@link #getMessage()} renders a {@code {key}} placeholder as
 * {@code key} and {@code {key=value}} as {@code key: value}, as the user writes them in the file
 * ({@link #yaml}). {@link #template()} keeps the placeholders for a front end of its own.
 */
public class ExperimentFileException extends UserInputException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String what;

    /**
     * @param file   the file as the user named it (printed as given)
     * @param line   1-based, or 0 when unknown
     * @param column 1-based, or 0 when unknown
     * @param what   what is wrong and how to fix it, with {@code {key}} placeholders
     */
    public ExperimentFileException(String file, int line, int column, String what) {
        this(file, line, column, what, null);
    }

    public ExperimentFileException(String file, int line, int column, String what, Throwable cause) {
        super(prefix(file, line, column) + what, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.what = what;
    }

    private static String prefix(String file, int line, int column) {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": ";
    }

    /** The style of this front end: {@code {samples=64}} → {@code samples: 64}, {@code {samples}} → {@code samples}. */
    public static String yaml(String key, String value) {
        return value == null ? key : key + ": " + value;
    }

    /** The one line, settings named as in the YAML file. */
    @Override
    public String getMessage() {
        return render(ExperimentFileException::yaml);
    }

    /** The position as given; only {@link #what} has placeholders (a file name may hold braces). */
    @Override
    public String render(BiFunction<String, String, String> style) {
        return prefix(file, line, column) + UserInputException.render(what, style);
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

    /** What is wrong, without the position, with its {@code {key}} placeholders. */
    public String what() {
        return what;
    }
}
