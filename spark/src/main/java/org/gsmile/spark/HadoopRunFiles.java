package org.gsmile.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.gsmile.experiments.run.RunFolderFiles;

/** A cell's images, as a task writes them into a run folder on HDFS or an object store: each file whole. */
final class HadoopRunFiles implements RunFolderFiles {
    private final URI uri;
    private final FileSystem fs;
    private final Path root;

    private HadoopRunFiles(URI uri, FileSystem fs, Path root) {
        this.uri = uri;
        this.fs = fs;
        this.root = root;
    }

    static HadoopRunFiles of(URI runFolder) {
        try {
            FileSystem fs = HadoopFiles.of(runFolder);
            return new HadoopRunFiles(runFolder, fs, new Path(runFolder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the run folder " + runFolder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isFile(String relative) {
        try {
            FileStatus s = HadoopFiles.status(fs, new Path(root, relative));
            return s != null && s.isFile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri + "/" + relative + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String relative, byte[] bytes) {
        try {
            HadoopFiles.writeWhole(fs, new Path(root, relative), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + uri + "/" + relative + ": " + e.getMessage(), e);
        }
    }
}
