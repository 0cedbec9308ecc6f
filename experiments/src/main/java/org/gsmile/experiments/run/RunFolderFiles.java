package org.gsmile.experiments.run;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of a run folder that a cell writes besides its cell file, its images: on this machine
 * for the local pool, through an executor's file-system client (HDFS, an object store) for its tasks.
 * Names are relative to the run folder, with {@code /}.
 */
public interface RunFolderFiles {
    boolean isFile(String relative);

    /** Writes the file whole or not at all (a temporary name, then a rename), replacing one that is there. */
    void write(String relative, byte[] bytes);

    /** The folder at this path of this machine. */
    static RunFolderFiles local(Path dir) {
        return new RunFolderFiles() {
            @Override
            public boolean isFile(String relative) {
                return Files.isRegularFile(dir.resolve(relative));
            }

            @Override
            public void write(String relative, byte[] bytes) {
                AtomicFiles.write(dir.resolve(relative), bytes);
            }
        };
    }
}
