package org.gsmile.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;
import org.gsmile.core.UserInputException;
import org.gsmile.experiments.run.RemoteRunFolder;
import org.gsmile.experiments.run.RunFolderState;

/**
 * A run folder on HDFS or an object store, mirrored in a staging folder under the driver's
 * {@code java.io.tmpdir} ({@code gsmile-run-*}), one per run and deleted when it ends: the folder
 * itself is the only truth, so a copy made afresh is never stale, and no second run of the folder on
 * this machine shares it. Only what the driver reads is pulled: the provenance and the cell files
 * when opened, the cells the tasks wrote after the job, the images only for the report.
 */
final class HadoopRunFolder implements RemoteRunFolder {
    static final String PROVENANCE = "provenance.json";
    static final String CELLS = "cells";
    static final String IMAGES = "images";
    /** A push killed mid-way leaves a hidden temporary folder; one older than this is no push in progress. */
    private static final long LEFTOVER_MS = 3_600_000L;
    /** Files of a folder pushed at once (see {@link #upload}). */
    static final int UPLOADS = 8;

    private final URI uri;
    private final FileSystem fs;
    private final Path root;
    private final RunFolderState state;
    private final java.nio.file.Path staging;
    /** Each cell file pulled, with the length and time it had then: a replaced cell file differs in one of them. */
    private final Map<String, Stamp> pulled = new HashMap<>();

    private record Stamp(long length, long modified) {
    }

    private HadoopRunFolder(URI uri, FileSystem fs, Path root, RunFolderState state, java.nio.file.Path staging) {
        this.uri = uri;
        this.fs = fs;
        this.root = root;
        this.state = state;
        this.staging = staging;
    }

    /** The service ServiceLoader finds; unusable (so not found) without Hadoop on the class path. */
    public static final class Opener implements RemoteRunFolder.Opener {
        public Opener() {
            RequiredClass.require("org.apache.hadoop.fs.FileSystem");
        }

        @Override
        public RemoteRunFolder open(URI folder) {
            return HadoopRunFolder.open(folder);
        }
    }

    static HadoopRunFolder open(URI uri) {
        java.nio.file.Path staging = null;
        try {
            FileSystem fs = HadoopFiles.of(uri);
            Path root = fs.makeQualified(new Path(uri));
            RunFolderState state = state(fs, root);
            staging = newStaging();
            HadoopRunFolder folder = new HadoopRunFolder(uri, fs, root, state, staging);
            if (state.hasProvenance()) {
                folder.pull(new Path(root, PROVENANCE), staging.resolve(PROVENANCE));
            }
            folder.pullCells();
            return folder;
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            if (e instanceof UserInputException u) {
                throw u;
            }
            throw new UserInputException("cannot read the run folder " + uri + " (" + SparkCellExecutor.firstLine(
                    e.getMessage()) + "): check the address of its file system, that it runs, and that you may read"
                    + " the folder", e);
        }
    }

    private static java.nio.file.Path newStaging() {
        try {
            return Files.createTempDirectory("gsmile-run-");
        } catch (IOException e) {
            throw new UserInputException("no staging folder for a remote run folder can be made in "
                    + System.getProperty("java.io.tmpdir") + " (" + SparkCellExecutor.firstLine(e.getMessage()) + "):"
                    + " give the driver a writable one with -Djava.io.tmpdir=DIR", e);
        }
    }

    /** What is at the folder's name, found with reads only. */
    private static RunFolderState state(FileSystem fs, Path root) throws IOException {
        FileStatus s = HadoopFiles.status(fs, root);
        if (s == null) {
            Path parent = root.getParent();
            FileStatus p = null;
            while (parent != null && (p = HadoopFiles.status(fs, parent)) == null) {
                parent = parent.getParent();
            }
            return RunFolderState.missing(String.valueOf(parent), p != null && p.isDirectory() && writable(fs, parent));
        }
        if (!s.isDirectory()) {
            return new RunFolderState(true, false, false, true, false, null);
        }
        FileStatus provenance = HadoopFiles.status(fs, new Path(root, PROVENANCE));
        boolean has = provenance != null && provenance.isFile();
        return new RunFolderState(true, true, has, !has && !fs.listStatusIterator(root).hasNext(), writable(fs, root),
                null);
    }

    private static boolean writable(FileSystem fs, Path p) throws IOException {
        try {
            fs.access(p, FsAction.WRITE);
            return true;
        } catch (AccessControlException e) {
            return false;
        }
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public RunFolderState state() {
        return state;
    }

    @Override
    public java.nio.file.Path staging() {
        return staging;
    }

    @Override
    public void pullCells() {
        Path cells = new Path(root, CELLS);
        try {
            if (HadoopFiles.status(fs, cells) == null) {
                return;
            }
            for (FileStatus f : fs.listStatus(cells)) {
                String name = f.getPath().getName();
                // A task's temporary file is no cell yet.
                if (!f.isFile() || !name.endsWith(".json")) {
                    continue;
                }
                Stamp stamp = new Stamp(f.getLen(), f.getModificationTime());
                if (!stamp.equals(pulled.get(name))) {
                    pull(f.getPath(), staging.resolve(CELLS).resolve(name));
                    pulled.put(name, stamp);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cells of " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void pullImages() {
        Path images = new Path(root, IMAGES);
        String prefix = root.toUri().getPath() + "/";
        try {
            if (HadoopFiles.status(fs, images) == null) {
                return;
            }
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(images, true);
            while (files.hasNext()) {
                LocatedFileStatus f = files.next();
                String path = f.getPath().toUri().getPath();
                if (f.getPath().getName().endsWith(HadoopFiles.TEMP_SUFFIX) || !path.startsWith(prefix)) {
                    continue;
                }
                java.nio.file.Path local = staging.resolve(path.substring(prefix.length()));
                if (!Files.isRegularFile(local) || Files.size(local) != f.getLen()) {
                    pull(f.getPath(), local);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the images of " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void push(String relative) {
        java.nio.file.Path local = staging.resolve(relative);
        Path target = new Path(root, relative);
        try {
            if (Files.isDirectory(local)) {
                pushFolder(local, target);
            } else {
                HadoopFiles.writeWhole(fs, target, Files.readAllBytes(local));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + uri + "/" + relative + ": " + e.getMessage(), e);
        }
    }

    /**
     * The folder's copy built beside it under a hidden name, then swapped in with two renames (one
     * step each on HDFS), as a local report is: a reader sees the old folder or the new one.
     */
    private void pushFolder(java.nio.file.Path local, Path target) throws IOException {
        String name = target.getName();
        Path parent = target.getParent();
        removeLeftovers(parent, name);
        String id = UUID.randomUUID().toString();
        Path temp = new Path(parent, "." + name + ".tmp-" + id);
        Path old = new Path(parent, "." + name + ".old-" + id);
        try {
            upload(local, temp);
            if (fs.exists(target)) {
                rename(target, old);
            }
            rename(temp, target);
            fs.delete(old, true);
        } catch (IOException | RuntimeException e) {
            fs.delete(temp, true);
            if (fs.exists(old) && !fs.exists(target)) {
                fs.rename(old, target);
            }
            throw e;
        }
    }

    /**
     * Copies a local folder's files into {@code to}, {@value #UPLOADS} at a time: closing a file on
     * HDFS waits for the namenode to hear of its block (measured: about 0.4 s each, on the test's
     * cluster), and an object store's PUT has its own round trips, while a report is some twenty
     * small files. Hadoop's own copy ({@code FileUtil.copy}) takes them one after the other.
     */
    private void upload(java.nio.file.Path local, Path to) throws IOException {
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> s = Files.walk(local)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        fs.mkdirs(to);
        ExecutorService pool = Executors.newFixedThreadPool(UPLOADS, r -> {
            Thread t = new Thread(r, "gsmile-push");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (java.nio.file.Path f : files) {
                Path target = new Path(to, local.relativize(f).toString().replace('\\', '/'));
                done.add(pool.submit(() -> {
                    try (FSDataOutputStream out = fs.create(target, false)) {
                        Files.copy(f, out);
                    }
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying " + local + " to " + to, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }

    private void removeLeftovers(Path parent, String name) {
        long cutoff = System.currentTimeMillis() - LEFTOVER_MS;
        try {
            for (FileStatus f : fs.listStatus(parent)) {
                String n = f.getPath().getName();
                if ((n.startsWith("." + name + ".tmp-") || n.startsWith("." + name + ".old-"))
                        && f.getModificationTime() < cutoff) {
                    fs.delete(f.getPath(), true);
                }
            }
        } catch (IOException e) {
            // Leftovers are hidden and harmless: the next push tries again.
        }
    }

    private void pull(Path from, java.nio.file.Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (InputStream in = fs.open(from)) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {
        deleteTree(staging);
    }

    private static void deleteTree(java.nio.file.Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<java.nio.file.Path> s = Files.walk(dir)) {
            for (java.nio.file.Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A copy left in the temporary folder is the system's to clean; the run's files are in place.
        }
    }
}
