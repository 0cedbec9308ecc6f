package org.gsmile.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gsmile.core.UserInputException;
import org.gsmile.reports.Report;
import org.gsmile.reports.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Writes the report of a run folder again (RUN_DIR/report/index.html), from its saved cells"
                + " alone: no model is loaded. Works on a run that is still going or was interrupted.",
        footer = {"", "Example:", "  gsmile report runs/quickstart", ""})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "A run folder written by gsmile run.")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(dir + " is not a folder: give the run folder gsmile run wrote (its output:)");
        }
        if (!Files.isRegularFile(dir.resolve("provenance.json"))) {
            throw new UserInputException(dir + " is not a run folder (it has no provenance.json): give the folder"
                    + " gsmile run wrote");
        }
        Path index = Report.write(RunFolder.read(dir), dir.resolve("report"));
        spec.commandLine().getOut().println("report: " + index);
        return 0;
    }
}
