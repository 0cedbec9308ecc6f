package org.gsmile.experiments.plan;

import org.gsmile.core.spec.Choice;

/**
 * Where a run's cells are computed: {@code --executor} on the command line, {@code executor:} in
 * an experiment file. Whatever runs them, the cells, their ids and their files are the same.
 */
public enum ExecutorKind implements Choice {
    /** In this JVM, {@code concurrency} cells at a time (the default). */
    LOCAL("local"),
    /**
     * As Apache Spark tasks, on an embedded {@code local[N]} session or a cluster; needs the
     * {@code spark} module, found through {@code org.gsmile.experiments.run.CellExecutor}.
     */
    SPARK("spark");

    /** The key that names it, in a file and (as {@code --executor}) on the command line. */
    public static final String KEY = "executor";

    private final String label;

    ExecutorKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The kind named exactly so, or one line with the names (and the one a typo meant). */
    public static ExecutorKind of(String name) {
        return Choice.parse(ExecutorKind.class, KEY, name);
    }
}
