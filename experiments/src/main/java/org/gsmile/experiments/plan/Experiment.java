package org.gsmile.experiments.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An experiment file, checked: every value has its type and range, every explainer setting of
 * every grid point builds a spec. {@link Plan#of} expands it into cells. See {@link ExperimentFile}
 * for the format.
 *
 * @param file         the file it was read from, as given
 * @param name         {@code name}, else the file name without {@code .yaml}/{@code .yml}
 * @param description  {@code description}, empty when not given
 * @param seed         {@code seed}, the experiment seed every cell's seed derives from (default 42)
 * @param output       {@code output}, the run folder: relative to the current directory (default runs/NAME), or a
 *                     Hadoop file system's URI
 * @param concurrency  {@code concurrency}, cells explained at once; null when not given (the runner chooses)
 * @param executor     {@code executor} and {@code spark}: where the cells run, when the file says
 * @param models       one or more, names unique
 * @param cases        one or more, ids unique
 * @param suites       the scenario suites some of the cases came from, in file order (empty when none)
 * @param grid         the explainer settings and the grid points
 * @param seeds        {@code seeds}, replicates of every cell (default 1)
 * @param metrics      the metrics to compute
 * @param warnings     what the runner should tell the user before it starts (nothing is wrong, something is skipped)
 * @param source       the file's text
 * @param sourceSha256 the SHA-256 of the file's bytes, lower-case hex
 */
public record Experiment(Path file, String name, String description, long seed, RunLocation output, Integer concurrency,
                         ExecutorSettings executor, List<ModelEntry> models, List<CaseEntry> cases, List<SuiteSource> suites, Grid grid,
                         int seeds, MetricsConfig metrics, List<String> warnings, String source, String sourceSha256) {
    public static final long DEFAULT_SEED = 42;

    public Experiment {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(executor, "executor");
        models = List.copyOf(models);
        cases = List.copyOf(cases);
        suites = List.copyOf(suites);
        Objects.requireNonNull(grid, "grid");
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
        }
        Objects.requireNonNull(metrics, "metrics");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceSha256, "sourceSha256");
    }

    /** The cells this experiment runs: {@code Plan.of(this)}. */
    public List<Cell> cells() {
        return Plan.of(this);
    }
}
