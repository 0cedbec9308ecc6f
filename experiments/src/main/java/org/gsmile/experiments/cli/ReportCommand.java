package org.gsmile.experiments.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gsmile.core.UserInputException;
import org.gsmile.experiments.plan.RunLocation;
import org.gsmile.experiments.run.FolderReport;
import org.gsmile.experiments.run.RemoteRunFolder;
import org.gsmile.experiments.run.RunFolderState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Writes the report of a run folder again (RUN_DIR/report/index.html), from its saved cells"
                + " alone: no model is loaded. Works on a run that is still going or was interrupted.",
        footer = {"", "Examples:", "  gsmile report runs/quickstart",
                "  gsmile report hdfs://namenode:8020/runs/quickstart   (with the spark module: ./gsmile adds it)", ""})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "A run folder written by gsmile run: a path, or the URI of one on"
            + " HDFS or an object store (hdfs://, s3a://), which is copied here, reported on and given its report back.")
    String dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RunLocation location;
        try {
            location = RunLocation.of(dir);
        } catch (InvalidPathException e) {
            throw new UserInputException(dir + " is not a valid path (" + e.getReason() + "): give the run folder gsmile"
                    + " run wrote (its output:)");
        } catch (IllegalArgumentException e) {
            throw new UserInputException("RUN_DIR " + e.getMessage());
        }
        String index = location.isRemote() ? remote(location) : local(location.local());
        spec.commandLine().getOut().println("report: " + index);
        return 0;
    }

    private static String local(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(dir + " is not a folder: give the run folder gsmile run wrote (its output:)");
        }
        if (!Files.isRegularFile(dir.resolve("provenance.json"))) {
            throw new UserInputException(dir + " is not a run folder (it has no provenance.json): give the folder"
                    + " gsmile run wrote");
        }
        return FolderReport.write(dir, null);
    }

    /** Through the same staging copy as a run into that folder: the report is built as from a local folder. */
    private static String remote(RunLocation location) {
        RemoteRunFolder.Opener opener = RemoteRunFolder.opener();
        if (opener == null) {
            throw new UserInputException(location + " is on another file system (" + location.remote().getScheme()
                    + ":), which gsmile report reads with the spark module's Hadoop client: start it with ./gsmile"
                    + " (which adds the module for such a folder), or copy the folder here (hdfs dfs -get) and give"
                    + " that");
        }
        try (RemoteRunFolder remote = opener.open(location.remote())) {
            RunFolderState state = remote.state();
            if (!state.exists() || !state.folder()) {
                throw new UserInputException(location + " is not a folder: give the run folder gsmile run wrote (its"
                        + " output:)");
            }
            if (!state.hasProvenance()) {
                throw new UserInputException(location + " is not a run folder (it has no provenance.json): give the"
                        + " folder gsmile run wrote");
            }
            return FolderReport.write(remote.staging(), remote);
        }
    }
}
