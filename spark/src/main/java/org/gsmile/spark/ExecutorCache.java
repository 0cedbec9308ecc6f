package org.gsmile.spark;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkEnv;
import org.gsmile.api.JsonlObservationStore;
import org.gsmile.core.UserInputException;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.experiments.Startup;
import org.gsmile.experiments.plan.Cell;
import org.gsmile.experiments.plan.Experiment;
import org.gsmile.experiments.plan.ExperimentFile;
import org.gsmile.experiments.plan.ModelEntry;
import org.gsmile.experiments.run.ExperimentRunner;
import org.gsmile.experiments.run.RunFolderFiles;
import org.gsmile.models.http.RemoteModels;
import org.gsmile.models.http.RemoteOptions;
import org.gsmile.models.resolve.ModelResolver;

/**
 * What an executor JVM keeps between its tasks: every model it opened, once, by reference and client
 * settings (all the run's cells, and the next run's, share it; explainers are stateless and models
 * thread-safe), and per run the loaded experiment with its cells and a worker. Static, since Spark
 * gives a task nothing that lives longer than the task.
 */
final class ExecutorCache {
    private static final Map<String, BlackBoxModel> MODELS = new ConcurrentHashMap<>();
    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();
    private static final AtomicInteger OPENED = new AtomicInteger();

    /** One run as an executor sees it. */
    record Run(String runFolder, Map<String, Cell> cells, ExperimentRunner.CellWorker worker,
               JsonlObservationStore store) {
    }

    private ExecutorCache() {
    }

    /** The run of this job, loaded the first time one of its tasks reaches this JVM. */
    static Run run(JobSpec job) {
        return RUNS.computeIfAbsent(job.sha256() + " " + job.runFolder(), k -> load(job));
    }

    /** Models opened by this JVM so far (a test checks that each is opened once). */
    static int modelsOpened() {
        return OPENED.get();
    }

    /**
     * Forgets the runs of this folder and closes their stores: the driver calls it when its executors
     * ran in its own JVM, so that a later run of the folder (local or not) opens the store afresh.
     */
    static void release(String runFolder) {
        RUNS.values().removeIf(r -> {
            if (r.runFolder().equals(runFolder)) {
                if (r.store() != null) {
                    r.store().close();
                }
                return true;
            }
            return false;
        });
    }

    private static Run load(JobSpec job) {
        // An executor started by a cluster manager never ran gsmile's main: its settings (DJL offline) now.
        Startup.configure();
        Experiment experiment = ExperimentFile.load(Path.of(job.experimentFile()));
        if (!experiment.sourceSha256().equals(job.sha256())) {
            throw new UserInputException("the experiment file " + job.experimentFile() + " changed after the run"
                    + " started: run it again");
        }
        Map<String, Cell> cells = new HashMap<>();
        for (Cell c : experiment.cells()) {
            cells.put(c.id(), c);
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        if (job.modelsFolder() != null) {
            env.putIfAbsent(ModelResolver.ENV_MODELS, job.modelsFolder());
        }
        Path home = Path.of(System.getProperty("user.home"));
        Map<String, BlackBoxModel> byName = new LinkedHashMap<>();
        for (ModelEntry m : experiment.models()) {
            ModelEntry bounded = bounded(m, job.maxCallsPerExecutor());
            byName.put(m.name(), MODELS.computeIfAbsent(bounded.ref() + " " + bounded.options(), k -> {
                OPENED.incrementAndGet();
                return ExperimentRunner.Models.open(bounded, env, home, experiment.seed());
            }));
        }
        URI uri = URI.create(job.runFolder());
        boolean local = "file".equalsIgnoreCase(uri.getScheme());
        // One store per executor: the store is one file with one writer.
        String own = "executor-" + SparkEnv.get().executorId() + ".jsonl";
        JsonlObservationStore store = JsonlObservationStore.open(!local ? remoteRunStore(job.runFolder()).resolve(own)
                : job.storeInRunFolder() ? Path.of(uri).resolve("observations.jsonl")
                : Path.of(uri).resolve("observations").resolve(own));
        RunFolderFiles files = local ? RunFolderFiles.local(Path.of(uri)) : HadoopRunFiles.of(uri);
        String models = env.get(ModelResolver.ENV_MODELS);
        Path modelsFolder = models == null || models.isBlank() ? null : Path.of(models);
        return new Run(job.runFolder(), cells, ExperimentRunner.worker(experiment, files, byName, modelsFolder, store),
                store);
    }

    /**
     * Where an executor keeps its observation store for a run folder on HDFS or an object store: on its
     * own disk, under {@code java.io.tmpdir}, by the folder's URI. The store is a cache of model answers
     * that no result depends on, and one appended to line by line has no place on a file system of
     * whole files; on this disk it serves this executor's later runs of the folder, as long as the disk
     * keeps it.
     */
    static Path remoteRunStore(String runFolder) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(runFolder.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Path.of(System.getProperty("java.io.tmpdir"), "gsmile-observations",
                    java.util.HexFormat.of().formatHex(hash, 0, 8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * A remote model's entry with its calls in flight capped at {@code perExecutor}: its client, one
     * per JVM, is shared by every task thread of the executor, so this bounds the executor's calls.
     */
    static ModelEntry bounded(ModelEntry m, Integer perExecutor) {
        if (perExecutor == null || !RemoteModels.accepts(m.ref())) {
            return m;
        }
        Map<String, Object> options = new LinkedHashMap<>(m.options());
        int own = ((Number) options.getOrDefault("concurrency", RemoteOptions.DEFAULT_CONCURRENCY)).intValue();
        options.put("concurrency", Math.min(own, perExecutor));
        return new ModelEntry(m.name(), m.ref(), options);
    }
}
