package org.gsmile.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.gsmile.core.UserInputException;
import org.gsmile.experiments.plan.Cell;
import org.gsmile.experiments.plan.ExecutorKind;
import org.gsmile.experiments.plan.Experiment;

/**
 * Runs a run's cells somewhere other than this JVM's pool: the service interface through which
 * {@code gsmile run --executor spark} finds the {@code spark} module, which this module cannot
 * depend on (it would bring Spark into every run). Implementations are listed in
 * {@code META-INF/services/org.gsmile.experiments.run.CellExecutor}.
 *
 * <p>The driver ({@link ExperimentRunner}) has resolved and checked everything, written the
 * provenance and chosen the cells to run; an executor runs each of them with a
 * {@link ExperimentRunner#worker worker} (the same code as the local pool), writes its file under
 * its id in the run folder's {@code cells/}, whole or not at all and once, and tells the listener.
 */
public interface CellExecutor {
    ExecutorKind kind();

    /**
     * Checks the executor's own settings before anything is loaded or written.
     *
     * @throws UserInputException for a master it cannot use
     */
    default void check(String master) {
    }

    /**
     * Whether its tasks write to a run folder given as the URI of another file system than this
     * machine's ({@code hdfs://}, {@code s3a://}): the driver then works in a {@link RemoteRunFolder}'s
     * staging copy, and the job's {@code runFolder} is the folder's URI.
     */
    default boolean writesRemoteFolders() {
        return false;
    }

    /**
     * Runs every cell of the job; returns when each has its file.
     *
     * @throws UserInputException when the executor cannot start (a bad master URL)
     */
    void run(Job job, Listener listener);

    /**
     * What to run.
     *
     * @param experiment  the resolved experiment, as the driver loaded it
     * @param runFolder   the run folder the tasks write to: a {@code file:} URI, absolute, or a remote folder's URI
     * @param cells       the cells to run, in plan order
     * @param previous    the files of those cells an earlier run left (failed, or with other metrics), by id
     * @param metricsKey  {@link org.gsmile.experiments.plan.Plan#metricsKey} of the experiment's metrics
     * @param concurrency cells at once when given ({@code --concurrency}, else the file's), else null
     * @param master      {@code --master}, else the file's {@code spark: {master}}, else null
     * @param modelsFolder the driver's GSMILE_MODELS folder, or null
     */
    record Job(Experiment experiment, URI runFolder, List<Cell> cells, Map<String, JsonNode> previous,
               String metricsKey, Integer concurrency, String master, Path modelsFolder) {
        public Job {
            cells = List.copyOf(cells);
            previous = Map.copyOf(previous);
        }
    }

    /** Told, on the driver, what happens to the cells. Called from any thread. */
    interface Listener {
        void cellDone(CellOutcome outcome);

        /** An attempt at a cell was lost (an executor failed or was killed) and is being run again. */
        void retried(String cellId, String why);

        /** Something the user should know about how the cells run (a bound on calls), one line. */
        void note(String line);
    }

    /**
     * The executor of that kind on the class path.
     *
     * @throws UserInputException naming the fix when there is none
     */
    static CellExecutor find(ExecutorKind kind) {
        try {
            for (CellExecutor e : ServiceLoader.load(CellExecutor.class)) {
                if (e.kind() == kind) {
                    return e;
                }
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            // The spark module is there but Spark is not: the same fix.
        }
        throw new UserInputException("{" + ExecutorKind.KEY + "=" + kind.label() + "} needs the spark module and Spark"
                + " on the class path: start it with ./gsmile, which adds them (mvn -B -pl spark -am package builds"
                + " them), or submit spark/target/gsmile-spark-job.jar with spark-submit");
    }
}
