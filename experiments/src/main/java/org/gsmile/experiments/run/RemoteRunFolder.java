package org.gsmile.experiments.run;

import java.net.URI;
import java.nio.file.Path;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * A run folder on another file system than this machine's (HDFS, an object store), mirrored on the
 * driver in a staging folder of this machine, so that the runner and the reports read and write it
 * as they do a local one. The executor's tasks write their cells and images to the folder itself;
 * the driver's files (provenance, summary, report) are written in the staging folder and pushed,
 * each whole. Nothing but the folder itself is kept: the staging folder lasts as long as the run.
 *
 * <p>The spark module provides it ({@code META-INF/services/org.gsmile.experiments.run.RemoteRunFolder$Opener}),
 * since only it has a Hadoop client.
 */
public interface RemoteRunFolder extends AutoCloseable {
    /** The folder as the user named it, where the tasks write. */
    URI uri();

    /** The folder as it was found when opened, for the checks a local folder gets. */
    RunFolderState state();

    /** The local copy: the folder's {@code provenance.json} and {@code cells/} as they were when it was opened. */
    Path staging();

    /** Copies into the staging folder the cell files written (or replaced) since it was opened or last pulled. */
    void pullCells();

    /** Copies the folder's {@code images/} into the staging folder (the report shows them). */
    void pullImages();

    /**
     * Copies a file or a folder of the staging folder (its path relative to it) to the same place in
     * the folder, whole: a file under a temporary name renamed over the old one; a folder built beside
     * the old one, then swapped in.
     */
    void push(String relative);

    /** Deletes the staging folder. */
    @Override
    void close();

    /** Opens run folders by URI: the service the spark module gives. */
    interface Opener {
        /**
         * Looks at the folder (writing nothing there) and copies its provenance and cell files into a
         * new staging folder.
         *
         * @throws org.gsmile.core.UserInputException when its file system has no client here or cannot be reached
         */
        RemoteRunFolder open(URI folder);
    }

    /** The opener on the class path, or null when there is none (the spark module is not there). */
    static Opener opener() {
        try {
            for (Opener o : ServiceLoader.load(Opener.class)) {
                return o;
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            // The spark module without Spark (and its Hadoop client): none, as without the module.
        }
        return null;
    }
}
