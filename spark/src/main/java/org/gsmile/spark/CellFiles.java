package org.gsmile.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A run folder's {@code cells/} through Hadoop's FileSystem API, as tasks write it: each cell's file
 * whole or not at all, and once. A file is written to a temporary name of its own attempt
 * ({@code ID.json.attempt-N.tmp}, which every reader ignores), then renamed to {@code ID.json}. When
 * that name is already taken by another attempt's file (Spark ran the cell twice: a retry after a
 * lost attempt, or a speculative copy) this attempt's is deleted, so the first finished file stays;
 * the only file it replaces is the one an earlier run left, which the driver saw and sent along.
 *
 * <p>HDFS refuses a rename onto an existing file, so two attempts racing past the check leave the
 * first; the local file system's rename replaces, atomically, so the last one stays. Either way the
 * folder holds one whole file, and the two attempts wrote the same cell (a cell is a pure function
 * of its configuration and seed; only its timings differ).
 */
final class CellFiles {
    static final String TEMP_SUFFIX = HadoopFiles.TEMP_SUFFIX;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileSystem fs;
    private final Path dir;

    private CellFiles(FileSystem fs, Path dir) {
        this.fs = fs;
        this.dir = dir;
    }

    /** The {@code cells/} folder of the run folder at this URI. */
    static CellFiles of(String runFolder) {
        try {
            URI uri = URI.create(runFolder);
            FileSystem fs = HadoopFiles.of(uri);
            Path dir = new Path(new Path(uri), "cells");
            fs.mkdirs(dir);
            return new CellFiles(fs, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the run folder " + runFolder + ": " + e.getMessage(), e);
        }
    }

    /**
     * The cell's file when another attempt of this run has written it already (it exists and is not
     * the earlier run's {@code previous}), else null.
     */
    JsonNode writtenByAnotherAttempt(String id, JsonNode previous) throws IOException {
        JsonNode existing = read(target(id));
        return existing == null || existing.equals(previous) ? null : existing;
    }

    /**
     * Writes the cell's file unless another attempt did first.
     *
     * @param previous the earlier run's file of this cell, which may be replaced; null when there was none
     * @param attempt  the task attempt's id, unique within the application, naming the temporary file
     * @return whether this attempt's file is the one in place
     */
    boolean write(String id, String text, JsonNode previous, long attempt, Step afterTemp) throws Exception {
        Path target = target(id);
        Path temp = new Path(dir, id + ".json.attempt-" + attempt + TEMP_SUFFIX);
        try (FSDataOutputStream out = fs.create(temp, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            HadoopFiles.sync(out);
        }
        boolean placed = false;
        try {
            afterTemp.run();
            if (fs.exists(target)) {
                JsonNode existing = read(target);
                if (existing != null && !existing.equals(previous)) {
                    return false;
                }
                // The earlier run's file (or a foreign one that does not parse): this one replaces it.
                fs.delete(target, false);
            }
            placed = fs.rename(temp, target);
            return placed;
        } finally {
            if (!placed) {
                fs.delete(temp, false);
            }
        }
    }

    /**
     * Deletes the temporary files attempts left when their JVM died mid-write, of cells and of their
     * images; called by the driver when no task runs.
     *
     * @return how many there were
     */
    int sweep() throws IOException {
        int n = 0;
        for (FileStatus f : fs.listStatus(dir)) {
            if (f.isFile() && f.getPath().getName().endsWith(TEMP_SUFFIX) && fs.delete(f.getPath(), false)) {
                n++;
            }
        }
        Path images = new Path(dir.getParent(), HadoopRunFolder.IMAGES);
        if (HadoopFiles.status(fs, images) != null) {
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(images, true);
            while (files.hasNext()) {
                Path f = files.next().getPath();
                if (f.getName().endsWith(TEMP_SUFFIX) && fs.delete(f, false)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** What happens between the temporary file and the rename: nothing, except in the fault tests. */
    interface Step {
        void run() throws Exception;
    }

    private Path target(String id) {
        return new Path(dir, id + ".json");
    }

    /** The file's JSON, null when it does not exist or does not parse (not a cell file of ours). */
    private JsonNode read(Path file) throws IOException {
        if (!fs.exists(file)) {
            return null;
        }
        try (var in = fs.open(file)) {
            return JSON.readTree(in);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return null;
        }
    }
}
