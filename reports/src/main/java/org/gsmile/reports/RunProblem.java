package org.gsmile.reports;

/**
 * Something found while reading a run folder that the report shows instead of failing on: a cell file
 * that is not JSON or not a cell, a file that does not belong in {@code cells/}, a missing summary.
 *
 * @param file    the file concerned, relative to the run folder ({@code cells/3f2a.json}), or empty
 * @param code    what kind of problem, stable: {@code unreadable-cell}, {@code foreign-file},
 *                {@code duplicate-cell}, {@code unsupported-schema}, {@code missing-provenance},
 *                {@code unreadable-provenance}, {@code missing-summary}, {@code unreadable-summary},
 *                {@code incomplete-run}, {@code no-cells}
 * @param message one line saying what was found and what it means for the report
 */
public record RunProblem(String file, String code, String message) {
}
