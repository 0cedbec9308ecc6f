package org.gsmile.experiments.plan;

/**
 * Where an experiment file asks its cells to run: {@code executor:} and the {@code spark:} section.
 * None of it is part of a cell's id: the same cells give the same files wherever they run.
 *
 * @param kind                {@code executor}, or null when not given (the command line's
 *                            {@code --executor} decides, else local)
 * @param master              {@code spark: {master}}, a Spark master URL, or null (an embedded
 *                            {@code local[N]} session, or the one {@code spark-submit} gives)
 * @param maxCallsPerExecutor {@code spark: {maxCallsPerExecutor}}: calls in flight at once to each
 *                            model behind an API from one executor JVM, or null (each model's own
 *                            {@code concurrency}); across the cluster at most this times the executors
 */
public record ExecutorSettings(ExecutorKind kind, String master, Integer maxCallsPerExecutor) {
    /** The keys of the {@code spark:} section. */
    public static final java.util.List<String> SPARK_KEYS = java.util.List.of("master", "maxCallsPerExecutor");
    /** Nothing given: the command line decides. */
    public static final ExecutorSettings NONE = new ExecutorSettings(null, null, null);

    /** Whether the {@code spark:} section gave anything. */
    public boolean hasSparkSettings() {
        return master != null || maxCallsPerExecutor != null;
    }
}
