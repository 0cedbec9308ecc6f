package org.gsmile.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gsmile.core.UserInputException;
import org.gsmile.experiments.plan.ExecutorKind;
import org.gsmile.experiments.plan.Experiment;
import org.gsmile.experiments.plan.ExperimentFile;
import org.gsmile.experiments.plan.ExperimentFileException;
import org.gsmile.experiments.run.CellExecutor;
import org.gsmile.experiments.run.ExperimentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs an experiment file: every model × case × setting × seed cell, each saved the moment it"
                + " finishes, then writes the report (tables, plots, heatmaps, index.html) into the run folder.",
                "",
                "Run it again to resume: finished cells are kept, a cell whose metrics changed has only its metrics"
                        + " recomputed, and every model answer is kept in the run folder, so nothing is asked of a model"
                        + " twice. The file is checked whole before any model is called."},
        footer = {"", "Examples:", "  gsmile run experiments/quickstart.yaml",
                "  gsmile run --concurrency 4 experiments/compare-architectures.yaml",
                "  gsmile run --executor spark experiments/quickstart.yaml", ""})
public final class RunCommand implements Callable<Integer> {
    /** Exit code when the run finished but some cells failed (each is in the summary and its cell file). */
    public static final int CELLS_FAILED = 1;

    @ParentCommand
    Gsmile root;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Cells explained at once (default: the file's concurrency, else "
                    + ExperimentRunner.DEFAULT_CONCURRENCY + ").")
    Integer concurrency;

    @Option(names = "--executor", paramLabel = "NAME",
            description = "Where the cells run: local (this JVM, the default) or spark (Spark tasks: an embedded"
                    + " local[N] session, N the concurrency or the cores, or --master's cluster). Default: the file's"
                    + " executor, else local.")
    String executor;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --executor spark: the Spark master (spark://host:7077, yarn, local[4], ...). Default:"
                    + " the file's spark: {master}, else the one spark-submit gives, else local[N].")
    String master;

    @Option(names = "--no-report", description = "Do not write the report (write it later with gsmile report RUN_DIR).")
    boolean noReport;

    @Parameters(paramLabel = "FILE", description = "The experiment file (YAML; see experiments/EXPERIMENT-FILES.md).")
    Path file;

    @Spec
    CommandSpec spec;

    /** Settings are named as the experiment file writes them ({@code maxSamples: 256}), not as options. */
    @Override
    public Integer call() {
        try {
            return run();
        } catch (UserInputException e) {
            throw new UserInputException(e.render(ExperimentFileException::yaml), e);
        }
    }

    private Integer run() {
        if (concurrency != null && (concurrency < 1 || concurrency > 64)) {
            throw new UserInputException("--concurrency must be between 1 and 64, got " + concurrency);
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ExecutorKind kind = null;
        if (executor != null) {
            try {
                kind = ExecutorKind.of(executor);
            } catch (UserInputException e) {
                throw new UserInputException(e.render(Gsmile::option), e);
            }
        }
        if (master != null && master.isBlank()) {
            throw new UserInputException("--master is empty: give a Spark master URL, like spark://host:7077 or local[4]");
        }
        Experiment experiment = ExperimentFile.load(file);
        if (kind == null) {
            kind = experiment.executor().kind() != null ? experiment.executor().kind() : ExecutorKind.LOCAL;
        }
        if (kind == ExecutorKind.LOCAL && master != null) {
            throw new UserInputException("--master is for --executor spark: add --executor spark, or leave --master out");
        }
        if (kind == ExecutorKind.LOCAL && experiment.executor().hasSparkSettings()) {
            // Not an error: the file is written for Spark, and this run is local on purpose.
            err.println("gsmile run: the file's spark settings are not used: the cells run in this JVM (--executor"
                    + " local)");
        }
        // Found before anything is loaded or written, so a missing spark module is one line and exit 2.
        CellExecutor cellExecutor = null;
        if (kind != ExecutorKind.LOCAL) {
            try {
                cellExecutor = CellExecutor.find(kind);
            } catch (UserInputException e) {
                throw executor != null ? new UserInputException(e.render(Gsmile::option), e) : e;
            }
        }
        String givenMaster = master != null ? master : experiment.executor().master();
        if (cellExecutor != null) {
            cellExecutor.check(givenMaster);
        }
        experiment.warnings().forEach(w -> err.println("gsmile run: " + w));
        try (ExperimentRunner runner = ExperimentRunner.prepare(experiment, root.environment(), root.home(),
                cellExecutor)) {
            ExperimentRunner.Result r = runner.run(concurrency, System.console() != null, err, cellExecutor,
                    givenMaster);
            out.printf("%s: %d cells (%d done before, %d run now), %d failed; %d model calls, %d answers from the run"
                            + " folder's store%n", experiment.name(), r.cells(), r.reused(), r.ran(), r.failed().size(),
                    r.modelCalls(), r.fromStore());
            if (r.modelMs() > 0) {
                out.printf("time: %.1f s in all, %.1f s in the model, %.1f s outside it (%.1f %% of model time)%n",
                        r.wallMs() / 1000, r.modelMs() / 1000, r.outsideMs() / 1000, 100 * r.outsideMs() / r.modelMs());
            }
            r.cpu().filter(cpu -> r.ran() > 0).ifPresent(cpu -> out.printf(Locale.ROOT, "cpu: %.1f s in the model's threads, %.1f s in the rest"
                    + " of the run%s, %.1f s compiling, %.1f s collecting garbage%n", cpu.model() / 1000,
                    cpu.rest() / 1000, cpu.model() > 0 ? String.format(Locale.ROOT, " (%.1f %% of the model's)",
                            100 * cpu.rest() / cpu.model()) : " (no model computed on this machine)", cpu.compilers() / 1000,
                    cpu.gc() / 1000));
            if (r.retried() > 0) {
                out.printf("retried: %d attempts lost by an executor and run again (each cell has one file)%n",
                        r.retried());
            }
            for (String f : r.failed()) {
                out.println("failed: " + f);
            }
            out.println("results: " + runner.location());
            if (!noReport) {
                out.println("report: " + runner.writeReport());
            }
            out.flush();
            return r.failed().isEmpty() ? 0 : CELLS_FAILED;
        }
    }
}
