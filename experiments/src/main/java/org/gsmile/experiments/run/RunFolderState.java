package org.gsmile.experiments.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the run-folder checks ({@link RunDirectory#check}) look at, found before anything is written:
 * on this machine's file system, or by an executor's client on another one (HDFS, an object store),
 * so that both kinds of folder are refused for the same reasons with the same words.
 *
 * @param exists        whether anything is at the folder's name
 * @param folder        whether that is a folder (false: a file)
 * @param hasProvenance whether the folder holds {@code provenance.json}
 * @param empty         whether the folder holds nothing
 * @param writable      whether the folder can be written; for one that does not exist, its nearest
 *                      existing parent, which must be a folder
 * @param nearest       for a folder that does not exist, its nearest existing parent as messages name it
 *                      ("null" when there is none); else null
 */
public record RunFolderState(boolean exists, boolean folder, boolean hasProvenance, boolean empty, boolean writable,
                             String nearest) {
    public RunFolderState {
        if (!exists && (folder || hasProvenance || !empty || nearest == null)) {
            throw new IllegalArgumentException("a folder that does not exist is empty and has a nearest parent");
        }
        if (exists && nearest != null) {
            throw new IllegalArgumentException("only a folder that does not exist has a nearest parent");
        }
        if (hasProvenance && (!folder || empty)) {
            throw new IllegalArgumentException("only a folder that holds something has a provenance");
        }
    }

    /** A folder that does not exist, below {@code nearest} (writable: whether that is a folder that can be written). */
    public static RunFolderState missing(String nearest, boolean writable) {
        return new RunFolderState(false, false, false, true, writable, nearest);
    }

    /** A folder (or a file) at a path of this machine. */
    static RunFolderState of(Path dir) {
        if (Files.isDirectory(dir)) {
            boolean provenance = Files.isRegularFile(dir.resolve(RunDirectory.PROVENANCE));
            return new RunFolderState(true, true, provenance, !provenance && isEmpty(dir), Files.isWritable(dir), null);
        }
        if (Files.exists(dir)) {
            return new RunFolderState(true, false, false, true, false, null);
        }
        Path parent = dir.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        return missing(String.valueOf(parent), parent != null && Files.isDirectory(parent) && Files.isWritable(parent));
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
