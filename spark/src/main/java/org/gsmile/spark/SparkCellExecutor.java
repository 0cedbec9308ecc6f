package org.gsmile.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import org.apache.spark.SparkException;
import org.apache.spark.Success$;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.TaskKilled;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.gsmile.core.UserInputException;
import org.gsmile.experiments.plan.Cell;
import org.gsmile.experiments.plan.ExecutorKind;
import org.gsmile.experiments.plan.Experiment;
import org.gsmile.experiments.plan.ModelEntry;
import org.gsmile.experiments.run.CellExecutor;
import org.gsmile.experiments.run.CellOutcome;
import org.gsmile.experiments.run.ExperimentRunner;
import org.gsmile.models.http.RemoteModels;
import scala.Function2;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;

/**
 * {@code gsmile run --executor spark}: the cells the driver chose, as Spark tasks, one partition per
 * cell (small groups beyond {@value #MAX_PARTITIONS} cells). Each task runs its cells with the local
 * runner's own code ({@link ExperimentRunner#worker}) on models its JVM opened once
 * ({@link ExecutorCache}) and writes each file through Hadoop's FileSystem API ({@link CellFiles}).
 * Results come back to the driver as each task ends; lost attempts (failures, kills, lost
 * executors) are reported by a listener as retries.
 *
 * <p>The session: the one already running in this JVM (a test's, or an application's that calls
 * the runner), else a new one with {@code --master} (or the file's {@code spark: {master}}), else
 * the master {@code spark-submit} set, else an embedded {@code local[N,4]}: N the concurrency, or the
 * cores; 4 attempts per task as on a cluster ({@code spark.task.maxFailures}), which a plain
 * {@code local[N]} would not retry at all.
 */
public final class SparkCellExecutor implements CellExecutor {
    /** Attempts per task of the embedded session: Spark's default {@code spark.task.maxFailures} on a cluster. */
    static final int MAX_FAILURES = 4;
    /** Beyond this many cells, tasks take consecutive groups of cells: a task's overhead is ~ms, a cell's ~s. */
    static final int MAX_PARTITIONS = 10_000;
    /** The master URLs Spark understands, checked before anything is written. */
    private static final Pattern MASTER = Pattern.compile(
            "local(\\[(\\d+|\\*)(,\\d+)?])?|local-cluster\\[\\d+,\\d+,\\d+]|spark://\\S+|yarn|k8s://\\S+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fails (so ServiceLoader reports the spark module unusable) when Spark itself is not on the class path. */
    public SparkCellExecutor() {
        RequiredClass.require("org.apache.spark.SparkContext");
    }

    @Override
    public ExecutorKind kind() {
        return ExecutorKind.SPARK;
    }

    /** The tasks write cells and images through Hadoop's FileSystem API, to any file system it has a client for. */
    @Override
    public boolean writesRemoteFolders() {
        return true;
    }

    @Override
    public void check(String master) {
        if (master == null) {
            return;
        }
        if (!MASTER.matcher(master).matches()) {
            throw new UserInputException("master '" + master + "' is not a Spark master URL: give local[N],"
                    + " spark://host:7077, yarn or k8s://https://host:port");
        }
        scala.Option<SparkContext> active = active();
        if (active.isDefined() && !master.equals(active.get().master())) {
            throw new UserInputException("a Spark session with master " + active.get().master() + " runs in this JVM"
                    + " already: leave the master out, or give " + active.get().master());
        }
    }

    /** The session running in this JVM, if any: Scala-private, public in the bytecode, and the only way to ask. */
    private static scala.Option<SparkContext> active() {
        return SparkContext$.MODULE$.getActive();
    }

    @Override
    public void run(Job job, Listener listener) {
        check(job.master());
        if (job.cells().isEmpty()) {
            return;   // every cell was finished: no session to start
        }
        scala.Option<SparkContext> active = active();
        boolean own = active.isEmpty();
        SparkContext sc = own ? start(job) : active.get();
        if (job.concurrency() != null && !(own && embedded(job))) {
            // Never silently: the embedded session is the only one whose size concurrency chooses.
            listener.note("concurrency " + job.concurrency() + " does not size this Spark session (master "
                    + sc.master() + "): it runs as many cells at once as its executors have task slots");
        }
        String folder = job.runFolder().toString();
        try {
            runOn(sc, job, folder, listener);
        } finally {
            if (sc.isLocal()) {
                ExecutorCache.release(folder);
            }
            if (own) {
                sc.stop();
            }
        }
    }

    /** Whether a new session would be the embedded local[N,4]: no master given here, nor by spark-submit. */
    private static boolean embedded(Job job) {
        return job.master() == null && !new SparkConf().contains("spark.master");
    }

    /** A new session, from spark-submit's settings (system properties) and the job's master. */
    private static SparkContext start(Job job) {
        SparkConf conf = new SparkConf();
        if (job.master() != null) {
            conf.setMaster(job.master());
        } else if (embedded(job)) {
            int n = job.concurrency() != null ? job.concurrency() : Runtime.getRuntime().availableProcessors();
            conf.setMaster("local[" + n + "," + MAX_FAILURES + "]");
        }
        conf.setIfMissing("spark.app.name", "gsmile run " + job.experiment().name());
        // Spark's stage bar would fight gsmile's own progress on stderr.
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (conf.get("spark.master").startsWith("local")) {
            // An embedded session serves no one else: no web UI, and nothing listening beyond this machine.
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        try {
            return new SparkContext(conf);
        } catch (RuntimeException e) {
            throw new UserInputException("cannot start Spark (master " + conf.get("spark.master") + "): "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static void runOn(SparkContext sc, Job job, String folder, Listener listener) {
        Experiment experiment = job.experiment();
        noteCallBounds(sc, experiment, listener);
        CellFiles files = CellFiles.of(folder);
        try {
            files.sweep();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JobSpec spec = new JobSpec(experiment.file().toAbsolutePath().toString(), experiment.sourceSha256(), folder,
                job.modelsFolder() == null ? null : job.modelsFolder().toAbsolutePath().toString(),
                experiment.executor().maxCallsPerExecutor(), sc.isLocal());
        List<ArrayList<CellTask>> groups = groups(job);
        Map<Integer, List<String>> idsByPartition = new ConcurrentHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            idsByPartition.put(i, groups.get(i).stream().map(CellTask::id).toList());
        }
        String group = "gsmile-" + experiment.name() + "-" + System.nanoTime();
        Retries retries = new Retries(group, idsByPartition, listener);
        sc.addSparkListener(retries);
        sc.setJobGroup(group, "gsmile run " + experiment.name(), true);
        try {
            JavaRDD<ArrayList<CellTask>> rdd = JavaSparkContext.fromSparkContext(sc).parallelize(groups, groups.size());
            Function2<Object, ArrayList<CellOutcome>, BoxedUnit> handler = (partition, outcomes) -> {
                outcomes.forEach(listener::cellDone);
                return BoxedUnit.UNIT;
            };
            sc.runJob(rdd.rdd(), task(spec), handler, ClassTag$.MODULE$.apply(ArrayList.class));
        } catch (Exception e) {
            if (e instanceof SparkException) {
                throw new UserInputException("the Spark job stopped (" + firstLine(e.getMessage()) + "): the cells"
                        + " that finished are saved; run again to resume", e);
            }
            throw e;
        } finally {
            sc.clearJobGroup();
            try {
                // The listener hears of lost attempts on Spark's event thread: all of them before the summary.
                sc.listenerBus().waitUntilEmpty();
            } catch (TimeoutException e) {
                // The count may be short by the last few; the cells are all there.
            }
            sc.removeSparkListener(retries);
        }
    }

    /** One group per partition: each cell alone up to {@value #MAX_PARTITIONS} cells, consecutive cells beyond. */
    private static List<ArrayList<CellTask>> groups(Job job) {
        int n = job.cells().size();
        int size = Math.max(1, (n + MAX_PARTITIONS - 1) / MAX_PARTITIONS);
        List<ArrayList<CellTask>> groups = new ArrayList<>();
        for (int i = 0; i < n; i += size) {
            ArrayList<CellTask> g = new ArrayList<>();
            for (Cell c : job.cells().subList(i, Math.min(n, i + size))) {
                JsonNode previous = job.previous().get(c.id());
                g.add(new CellTask(c.id(), previous == null ? null : previous.toString()));
            }
            groups.add(g);
        }
        return groups;
    }

    /** The task: a static lambda, so that it carries the spec and nothing of the driver. */
    private static Function2<TaskContext, Iterator<ArrayList<CellTask>>, ArrayList<CellOutcome>> task(JobSpec spec) {
        return (Function2<TaskContext, Iterator<ArrayList<CellTask>>, ArrayList<CellOutcome>> & Serializable)
                (ctx, partition) -> runPartition(spec, ctx, partition);
    }

    /** On an executor: each cell of the partition, computed and written unless another attempt did. */
    static ArrayList<CellOutcome> runPartition(JobSpec spec, TaskContext ctx, Iterator<ArrayList<CellTask>> partition) {
        ExecutorCache.Run run = ExecutorCache.run(spec);
        CellFiles files = CellFiles.of(spec.runFolder());
        ArrayList<CellOutcome> out = new ArrayList<>();
        try {
            while (partition.hasNext()) {
                for (CellTask t : partition.next()) {
                    Cell cell = run.cells().get(t.id());
                    if (cell == null) {
                        throw new IllegalStateException("cell " + t.id() + " is not in " + spec.experimentFile());
                    }
                    JsonNode previous = t.previous() == null ? null : JSON.readTree(t.previous());
                    JsonNode done = files.writtenByAnotherAttempt(t.id(), previous);
                    if (done != null) {
                        out.add(outcomeOf(t.id(), done));
                        continue;
                    }
                    ExperimentRunner.CellRun r = run.worker().run(cell, previous);
                    Faults.at(Faults.Point.COMPUTED, t.id(), ctx.attemptNumber());
                    // A killed attempt's cell may have failed of the interruption itself: never write that.
                    ctx.killTaskIfInterrupted();
                    files.write(t.id(), r.fileText(), previous, ctx.taskAttemptId(), () -> {
                        Faults.at(Faults.Point.TEMP_WRITTEN, t.id(), ctx.attemptNumber());
                        ctx.killTaskIfInterrupted();
                    });
                    out.add(r.outcome(t.id()));
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    /**
     * What a cell another attempt wrote says of it. Its calls are not counted again: they were that
     * attempt's, whose result was lost.
     */
    private static CellOutcome outcomeOf(String id, JsonNode cell) {
        boolean ok = "ok".equals(cell.path("status").asText());
        return new CellOutcome(id, ok, ok ? null : cell.path("error").asText(), 0, 0,
                cell.at("/timingsMs/model").asDouble(0), cell.at("/timingsMs/total").asDouble(0));
    }

    /** Says how many calls may be in flight to each model behind an API, per executor and in all. */
    private static void noteCallBounds(SparkContext sc, Experiment experiment, Listener listener) {
        Integer perExecutor = experiment.executor().maxCallsPerExecutor();
        int executors = executors(sc);
        for (ModelEntry m : experiment.models()) {
            if (RemoteModels.accepts(m.ref())) {
                int calls = ((Number) ExecutorCache.bounded(m, perExecutor).options()
                        .getOrDefault("concurrency", org.gsmile.models.http.RemoteOptions.DEFAULT_CONCURRENCY)).intValue();
                listener.note("calls to " + m.name() + ": at most " + calls + " in flight per executor, " + calls
                        * executors + " across " + executors + " executor" + (executors == 1 ? "" : "s"));
            }
        }
    }

    /**
     * Executors the bound is multiplied by: one in local mode; else the most the application may have
     * ({@code spark.dynamicAllocation.maxExecutors}, else {@code spark.executor.instances}), else those
     * registered now.
     */
    static int executors(SparkContext sc) {
        if (sc.isLocal()) {
            return 1;
        }
        SparkConf conf = sc.getConf();
        if (conf.getBoolean("spark.dynamicAllocation.enabled", false)
                && conf.contains("spark.dynamicAllocation.maxExecutors")) {
            return conf.getInt("spark.dynamicAllocation.maxExecutors", 1);
        }
        if (conf.contains("spark.executor.instances")) {
            return conf.getInt("spark.executor.instances", 1);
        }
        return Math.max(1, sc.getExecutorMemoryStatus().size() - 1);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    /** Hears of every attempt of this job's tasks that did not succeed, except speculative copies that lost. */
    private static final class Retries extends SparkListener {
        private final String group;
        private final Map<Integer, List<String>> idsByPartition;
        private final Listener listener;
        private final Set<Integer> stages = ConcurrentHashMap.newKeySet();

        Retries(String group, Map<Integer, List<String>> idsByPartition, Listener listener) {
            this.group = group;
            this.idsByPartition = idsByPartition;
            this.listener = listener;
        }

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            if (start.properties() != null && group.equals(start.properties().getProperty("spark.jobGroup.id"))) {
                CollectionConverters.asJava(start.stageIds()).forEach(s -> stages.add((Integer) s));
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (!stages.contains(end.stageId()) || end.reason() == Success$.MODULE$) {
                return;
            }
            if (end.reason() instanceof TaskKilled k && k.reason().contains("another attempt succeeded")) {
                return;
            }
            String why = end.reason() instanceof TaskFailedReason f ? firstLine(f.toErrorString()) : end.reason().toString();
            List<String> ids = idsByPartition.getOrDefault(end.taskInfo().index(), List.of("?"));
            listener.retried(String.join(", ", ids), "attempt " + (end.taskInfo().attemptNumber() + 1) + " lost: "
                    + why);
        }
    }
}
