package org.gsmile.experiments.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a run folder is ({@code output}, or {@code gsmile report RUN_DIR}): a folder of this
 * machine's file system, or a folder of another file system named by its URI ({@code hdfs://host:port/path},
 * {@code s3a://bucket/path}), which only an executor with a Hadoop client can write. Exactly one of
 * the two is set.
 *
 * @param local  the folder on this machine, as given (relative to the current directory); null when remote
 * @param remote the folder's URI, scheme other than {@code file}, no trailing slash; null when local
 */
public record RunLocation(Path local, URI remote) {
    /**
     * A scheme and a slash: {@code hdfs:/}, {@code s3a://}. Two letters at least, so that a Windows
     * drive ({@code C:/runs}) stays a path.
     */
    private static final Pattern URI_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:/.*");

    public RunLocation {
        if ((local == null) == (remote == null)) {
            throw new IllegalArgumentException("a run folder is local or remote: give exactly one of the two");
        }
        if (remote != null && (remote.getScheme() == null || remote.getScheme().equalsIgnoreCase("file"))) {
            throw new IllegalArgumentException("a remote run folder has a scheme other than file: " + remote);
        }
    }

    public static RunLocation local(Path folder) {
        return new RunLocation(Objects.requireNonNull(folder, "folder"), null);
    }

    /**
     * A location as the user wrote it: a URI when it starts with a scheme and a slash
     * ({@code file:} URIs are local folders), else a path.
     *
     * @throws IllegalArgumentException naming what is wrong with the URI, never repeating its user
     *                                  information (it may hold a secret)
     * @throws java.nio.file.InvalidPathException for a path this file system cannot name
     */
    public static RunLocation of(String text) {
        if (!URI_LIKE.matcher(text).matches()) {
            return local(Path.of(text));
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URI (" + e.getReason() + " at index " + e.getIndex()
                    + "): give a folder, like hdfs://namenode:8020/runs/NAME");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("gives a user or a password in its URI: leave them out, and give"
                    + " credentials in the Hadoop configuration (spark.hadoop.* settings, core-site.xml)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("has a query or a fragment (? or #): give a folder, like"
                    + " hdfs://namenode:8020/runs/NAME");
        }
        if (uri.getScheme().equalsIgnoreCase("file")) {
            try {
                return local(Path.of(uri));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("is not a folder of this machine (" + e.getMessage() + "): give a"
                        + " path, or file:/absolute/path");
            }
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("names no folder, only a file system: give one, like " + uri.getScheme()
                    + "://" + (uri.getRawAuthority() == null ? "" : uri.getRawAuthority()) + "/runs/NAME");
        }
        try {
            return new RunLocation(null, new URI(uri.getScheme(), uri.getRawAuthority() == null ? null
                    : uri.getAuthority(), path, null, null).normalize());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URI (" + e.getReason() + ")");
        }
    }

    public boolean isRemote() {
        return remote != null;
    }

    /** As messages name it: the path as given, or the URI. */
    @Override
    public String toString() {
        return remote != null ? remote.toString() : local.toString();
    }
}
