package org.gsmile.experiments.run;

import java.nio.file.Path;
import org.gsmile.reports.Report;
import org.gsmile.reports.RunFolder;

/**
 * A run folder's report, written into it ({@code report/}): for a remote folder, built from its
 * staging copy exactly as from a local folder (its images pulled first, since the report copies
 * them), then pushed whole.
 */
public final class FolderReport {
    private FolderReport() {
    }

    /**
     * @param dir    the run folder, or the staging copy of {@code remote}
     * @param remote the remote folder {@code dir} stands for, or null
     * @return where the report's index is, as the user names the folder
     */
    public static String write(Path dir, RemoteRunFolder remote) {
        if (remote != null) {
            remote.pullImages();
        }
        Path index = Report.write(RunFolder.read(dir), dir.resolve(RunDirectory.REPORT));
        if (remote == null) {
            return index.toString();
        }
        remote.push(RunDirectory.REPORT);
        return remote.uri() + "/" + RunDirectory.REPORT + "/" + index.getFileName();
    }
}
