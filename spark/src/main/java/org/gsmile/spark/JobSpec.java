package org.gsmile.spark;

import java.io.Serializable;

/**
 * What every task of a run needs besides its cells, sent with each task (a few hundred bytes): which
 * experiment (its file and the hash the driver read), where the run folder is, and how to call
 * remote models. The executor loads the experiment itself, once per JVM, and checks the hash, so its
 * cells are the driver's to the byte or the task fails.
 *
 * @param experimentFile      the experiment file, absolute, as the driver read it
 * @param sha256              the file's SHA-256 when the driver read it
 * @param runFolder           the run folder as a Hadoop file-system URI: {@code file:/...}, or the remote folder's
 *                            ({@code hdfs://...}) that the tasks write to directly
 * @param modelsFolder        the driver's GSMILE_MODELS, for executors whose environment has none; or null
 * @param maxCallsPerExecutor {@code spark: {maxCallsPerExecutor}}, or null
 * @param storeInRunFolder    whether the executors share the driver's JVM (a local master): they then use the
 *                            run folder's own observation store, as the local runner does (a folder of this machine;
 *                            for a remote one each executor keeps its store on its own disk)
 */
record JobSpec(String experimentFile, String sha256, String runFolder, String modelsFolder,
               Integer maxCallsPerExecutor, boolean storeInRunFolder) implements Serializable {
    private static final long serialVersionUID = 1L;
}
