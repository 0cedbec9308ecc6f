package org.gsmile.experiments.plan;

import java.util.function.BiFunction;
import org.gsmile.core.UserInputException;
import org.gsmile.odd.FileMistake;

/**
 * A mistake in an experiment file (or in a cases file it names), found before any model is called:
 * one line, {@code FILE:LINE:COLUMN: what is wrong and how to fix it} ({@link FileMistake}).
 *
 * <p>Settings are named in YAML terms: {@link #getMessage()} renders a {@code {key}} placeholder as
 * {@code key} and {@code {key=value}} as {@code key: value}, as the user writes them in the file
 * ({@link #yaml}). {@link #template()} keeps the placeholders for a front end of its own.
 */
public class ExperimentFileException extends FileMistake {
    private static final long serialVersionUID = 1L;

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
        super(file, line, column, what, cause);
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
        return prefix() + UserInputException.render(what(), style);
    }
}
