package org.gsmile.spark;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.gsmile.core.UserInputException;
import scala.Tuple2;

/** How the driver and the tasks reach a run folder through Hadoop's FileSystem API. */
final class HadoopFiles {
    static final String TEMP_SUFFIX = ".tmp";
    private static final String SPARK_HADOOP = "spark.hadoop.";

    private HadoopFiles() {
    }

    /**
     * The file system of the folder at {@code uri}: the raw local one for {@code file:} (the checksummed
     * one would leave a .crc file beside every file), else the scheme's client, configured as Spark
     * configures its own: {@code core-site.xml} and {@code hdfs-site.xml} from the class path, then every
     * {@code spark.hadoop.*} setting (the executor's Spark settings on an executor, the driver's before
     * its session starts: spark-submit passes them as system properties).
     *
     * @throws UserInputException when no client for the scheme is on the class path
     */
    static FileSystem of(URI uri) throws IOException {
        try {
            FileSystem fs = FileSystem.get(uri, configuration());
            return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
        } catch (UnsupportedFileSystemException e) {
            throw missingClient(uri, e);
        } catch (RuntimeException e) {
            // A scheme Hadoop knows by name (s3a: is in core-default.xml) whose module is absent.
            if (e.getCause() instanceof ClassNotFoundException) {
                throw missingClient(uri, e);
            }
            throw e;
        }
    }

    private static UserInputException missingClient(URI uri, Exception e) {
        return new UserInputException("the run folder " + uri + " cannot be reached: no Hadoop file system for "
                + uri.getScheme() + ": is on the class path (" + SparkCellExecutor.firstLine(e.getMessage()) + "):"
                + " add the module that has it (hadoop-aws for s3a:, with --packages or spark.jars), or give an"
                + " hdfs:// folder", e);
    }

    static Configuration configuration() {
        Configuration conf = new Configuration();
        SparkEnv env = SparkEnv.get();
        SparkConf spark = env != null ? env.conf() : new SparkConf();
        for (Tuple2<String, String> kv : spark.getAll()) {
            if (kv._1().startsWith(SPARK_HADOOP)) {
                conf.set(kv._1().substring(SPARK_HADOOP.length()), kv._2());
            }
        }
        return conf;
    }

    /**
     * Writes {@code bytes} to {@code target} whole or not at all: to a temporary name of its own beside it
     * (which every reader ignores), then renamed over it, atomically where the file system can (HDFS,
     * the local one; an object store's rename is a copy, but of a whole file).
     */
    static void writeWhole(FileSystem fs, Path target, byte[] bytes) throws IOException {
        Path temp = new Path(target.getParent(), target.getName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
        try {
            try (FSDataOutputStream out = fs.create(temp, true)) {
                out.write(bytes);
                sync(out);
            }
            FileUtil.rename(fs, temp, target, Options.Rename.OVERWRITE);
        } catch (IOException | RuntimeException e) {
            fs.delete(temp, false);
            throw e;
        }
    }

    /** Forces the bytes to the data nodes where the stream can (an object store's cannot: its close commits them). */
    static void sync(FSDataOutputStream out) throws IOException {
        if (out.hasCapability(StreamCapabilities.HSYNC)) {
            out.hsync();
        }
    }

    /** The file's status, or null when there is nothing at that name. */
    static FileStatus status(FileSystem fs, Path path) throws IOException {
        try {
            return fs.getFileStatus(path);
        } catch (java.io.FileNotFoundException e) {
            return null;
        }
    }
}
