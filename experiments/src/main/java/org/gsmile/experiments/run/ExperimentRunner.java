package org.gsmile.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gsmile.api.Explainers;
import org.gsmile.api.JsonlObservationStore;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.PromptExplainer;
import org.gsmile.core.explain.Version;
import org.gsmile.core.json.ExplanationJson;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.model.ImageEditor;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.experiments.plan.Cell;
import org.gsmile.experiments.plan.Experiment;
import org.gsmile.experiments.plan.ModelEntry;
import org.gsmile.experiments.plan.Plan;
import org.gsmile.experiments.plan.SuiteSource;
import org.gsmile.metrics.Evaluation;
import org.gsmile.metrics.EvaluationJson;
import org.gsmile.metrics.EvaluationPlan;
import org.gsmile.metrics.Evaluator;
import org.gsmile.metrics.ModelCalls;
import org.gsmile.metrics.accuracy.Relevance;
import org.gsmile.models.resolve.ImageModelResolver;
import org.gsmile.models.resolve.ModelResolver;
import org.gsmile.odd.Dimension;
import org.gsmile.odd.Suite;

/**
 * Runs an experiment: every cell of its plan, each persisted the moment it finishes, into its run
 * folder. Everything that can be wrong with the file, the folder or the models is found before the
 * first model call; a cell that fails is recorded with its error and the others go on.
 *
 * <p>Resuming is running again: a cell whose file is there with the same metrics is not touched; a
 * cell whose metrics changed has them recomputed from its stored explanation; every observation
 * goes through the folder's {@link JsonlObservationStore}, so what was observed once — by an
 * explanation, a metric or a run that was killed — is not asked of a model again.
 *
 * <p>One model instance per model for the whole run, shared by every cell (explainers are
 * stateless and thread-safe); cells run {@code concurrency} at a time.
 *
 * <p>A run folder on another file system ({@code output: hdfs://...}) needs an executor whose tasks
 * write there ({@link CellExecutor#writesRemoteFolders}); the driver then reads and writes its
 * staging copy ({@link RemoteRunFolder}) and pushes its own files, so everything else is as for a
 * local folder. Closing the runner deletes that copy.
 */
public final class ExperimentRunner implements AutoCloseable {
    /** Cells at once when the experiment does not say: in-process models parallelise inside a call. */
    public static final int DEFAULT_CONCURRENCY = 2;

    private final Experiment experiment;
    private final List<Cell> cells;
    private final EvaluationPlan evaluation;
    /** The run folder, or a remote one's staging copy; null in an executor's worker, which writes no run file. */
    private final RunDirectory folder;
    /** The remote folder {@code folder} stands for, or null. */
    private final RemoteRunFolder remote;
    /** Where cells' images go: the run folder, local or remote. */
    private final RunFolderFiles files;
    private final Models models;

    /**
     * What a finished run did; {@code folder} is where its files are on this machine (for a remote
     * run folder, the staging copy, deleted when the runner is closed), {@code retried} counts the
     * attempts an executor lost and ran again.
     */
    public record Result(Path folder, int cells, int reused, int ran, List<String> failed, long modelCalls,
                         long fromStore, double wallMs, double modelMs, double outsideMs, int retried,
                         Optional<ThreadCpu.Split> cpu) {
    }

    private ExperimentRunner(Experiment experiment, List<Cell> cells, EvaluationPlan evaluation, RunDirectory folder,
                             RemoteRunFolder remote, RunFolderFiles files, Models models) {
        this.experiment = experiment;
        this.cells = cells;
        this.evaluation = evaluation;
        this.folder = folder;
        this.remote = remote;
        this.files = files;
        this.models = models;
    }

    /**
     * Checks everything (plan, metrics, run folder, models) and loads the models, writing nothing.
     *
     * @throws UserInputException for anything that would make the run fail
     */
    public static ExperimentRunner prepare(Experiment experiment, Map<String, String> env, Path home) {
        return prepare(experiment, env, home, null);
    }

    /**
     * As {@link #prepare(Experiment, Map, Path)}, for cells run by {@code executor} (null: this JVM's
     * pool). A remote run folder is looked at and copied to a staging folder here, writing nothing
     * there; only an executor that writes such folders may have one.
     *
     * @throws UserInputException for a remote run folder without such an executor, or one that cannot be reached
     */
    public static ExperimentRunner prepare(Experiment experiment, Map<String, String> env, Path home,
                                           CellExecutor executor) {
        List<Cell> cells = Plan.of(experiment);
        EvaluationPlan evaluation = experiment.metrics().evaluationPlan();
        String fileName = experiment.file().getFileName().toString();
        RemoteRunFolder remote = experiment.output().isRemote() ? openRemote(experiment.output().remote(), executor)
                : null;
        try {
            RunDirectory folder = remote == null ? RunDirectory.check(experiment.output().local(), experiment.name(),
                    fileName) : RunDirectory.check(remote.staging(), remote.uri().toString(), remote.state(),
                    experiment.name(), fileName);
            Models models = Models.open(experiment.models(), env, home, experiment.seed());
            return new ExperimentRunner(experiment, cells, evaluation, folder, remote,
                    RunFolderFiles.local(folder.dir()), models);
        } catch (RuntimeException e) {
            if (remote != null) {
                remote.close();
            }
            throw e;
        }
    }

    private static RemoteRunFolder openRemote(java.net.URI uri, CellExecutor executor) {
        RemoteRunFolder.Opener opener = RemoteRunFolder.opener();
        if (executor == null || !executor.writesRemoteFolders() || opener == null) {
            throw new UserInputException("{output} " + uri + " is a folder of another file system (" + uri.getScheme()
                    + ":), which only the Spark executor writes: run with --executor spark (or executor: spark in the"
                    + " file), or set {output} to a local folder");
        }
        return opener.open(uri);
    }

    /** Where the files are: the run folder, or a remote folder's staging copy. */
    public Path folder() {
        return folder.dir();
    }

    /** The run folder as the user named it: its path, or a remote folder's URI. */
    public String location() {
        return remote != null ? remote.uri().toString() : folder.dir().toString();
    }

    /** Writes the report into the run folder (see {@link FolderReport}); returns where its index is. */
    public String writeReport() {
        return FolderReport.write(folder.dir(), remote);
    }

    /** Deletes a remote folder's staging copy; the run's own files are in the folder by then. */
    @Override
    public void close() {
        if (remote != null) {
            remote.close();
        }
    }

    public List<Cell> cells() {
        return cells;
    }

    /** Runs every cell not already finished in this JVM; returns what happened. Closes the models. */
    public Result run(Integer concurrencyOverride, boolean terminal, PrintWriter err) {
        return run(concurrencyOverride, terminal, err, null, null);
    }

    /**
     * As {@link #run(Integer, boolean, PrintWriter)}, the cells run by {@code executor} (null: this
     * JVM's pool). The executor's workers open their own models and observation store, so the
     * driver's models are closed once the provenance is written and the driver opens no store.
     *
     * @param master the executor's master, when one was given
     */
    public Result run(Integer concurrencyOverride, boolean terminal, PrintWriter err, CellExecutor executor,
                      String master) {
        long start = System.nanoTime();
        try (models; JsonlObservationStore store = executor == null ? JsonlObservationStore.open(folder.storeFile())
                : null) {
            folder.writeProvenance(provenance());
            if (remote != null) {
                // Before any task writes a cell: a folder with cells and no provenance would be refused next time.
                remote.push(RunDirectory.PROVENANCE);
            }
            if (executor != null) {
                models.close();
            }
            Map<String, JsonNode> finished = folder.finishedCells();
            String metricsKey = Plan.metricsKey(experiment.metrics());
            List<Cell> todo = new ArrayList<>();
            int reused = 0;
            for (Cell c : cells) {
                JsonNode old = finished.get(c.id());
                if (old != null && "ok".equals(old.path("status").asText())
                        && metricsKey.equals(old.path("metricsKey").asText())) {
                    reused++;
                } else {
                    todo.add(c);
                }
            }
            Integer concurrency = concurrencyOverride != null ? concurrencyOverride : experiment.concurrency();
            List<String> failed = new ArrayList<>();
            double model = 0;
            double outside = 0;
            Map<String, CellOutcome> outcomes = new ConcurrentHashMap<>();
            // This JVM's threads, when the cells run in it (Spark's run in executors of their own).
            Optional<ThreadCpu> cpu = executor == null ? ThreadCpu.start() : Optional.empty();
            try (RunProgress progress = RunProgress.start(experiment.name(), cells.size(), reused, terminal, err)) {
                CellExecutor.Listener done = new CellExecutor.Listener() {
                    @Override
                    public void cellDone(CellOutcome r) {
                        outcomes.put(r.id(), r);
                        cpu.ifPresent(ThreadCpu::sample);
                        progress.cellDone(r.id(), r.status(), r.calls(), r.fromStore());
                    }

                    @Override
                    public void retried(String cellId, String why) {
                        progress.retried(cellId, why);
                    }

                    @Override
                    public void note(String line) {
                        err.println("gsmile run: " + line);
                        err.flush();
                    }
                };
                if (executor != null) {
                    Map<String, JsonNode> previous = new LinkedHashMap<>();
                    todo.forEach(c -> {
                        if (finished.containsKey(c.id())) {
                            previous.put(c.id(), finished.get(c.id()));
                        }
                    });
                    java.net.URI runFolder = remote != null ? remote.uri() : folder.dir().toAbsolutePath().toUri();
                    executor.run(new CellExecutor.Job(experiment, runFolder, todo, previous, metricsKey, concurrency,
                            master, models.modelsFolder()), done);
                    if (remote != null) {
                        remote.pullCells();
                    }
                } else {
                    runHere(todo, finished, metricsKey, store, concurrency != null ? concurrency : DEFAULT_CONCURRENCY,
                            done);
                }
                for (Cell c : todo) {
                    CellOutcome r = outcomes.get(c.id());
                    if (r == null) {
                        throw new IllegalStateException("the executor returned without cell " + c.id());
                    }
                    if (!r.ok()) {
                        failed.add(c.id() + " (" + c.model().name() + ", " + c.kase().id() + ", " + c.setting() + "): "
                                + r.error());
                    }
                    model += r.modelMs();
                    outside += r.totalMs() - r.modelMs();
                }
                Result result = new Result(folder.dir(), cells.size(), reused, todo.size(), failed, progress.calls(),
                        progress.stored(), (System.nanoTime() - start) / 1e6, model, outside, progress.retried(),
                        cpu.map(ThreadCpu::stop));
                folder.writeSummary(RunSummary.of(result, folder.finishedCells(), cells, experiment));
                if (remote != null) {
                    remote.push(RunDirectory.SUMMARY);
                }
                return result;
            }
        }
    }

    /** The local pool: {@code concurrency} cells at once in this JVM, sharing its models and store. */
    private void runHere(List<Cell> todo, Map<String, JsonNode> finished, String metricsKey,
                         JsonlObservationStore store, int concurrency, CellExecutor.Listener done) {
        Evaluator evaluator = new Evaluator(store);
        Map<ExplanationSpec, PromptExplainer> explainers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "gsmile-cell");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CellRun>> futures = new ArrayList<>();
            for (Cell c : todo) {
                JsonNode old = finished.get(c.id());
                futures.add(pool.submit(() -> {
                    CellRun r = runCell(c, old, metricsKey, evaluator, store, explainers);
                    folder.writeCell(c.id(), r.json());
                    done.cellDone(r.outcome(c.id()));
                    return r;
                }));
            }
            for (Future<CellRun> f : futures) {
                uncheckedGet(f).get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> java.util.function.Supplier<T> uncheckedGet(Future<T> f) {
        return () -> {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        };
    }

    /** One cell's outcome, with what it cost: its file's JSON and the summary the run is told. */
    public record CellRun(ObjectNode json, boolean ok, String error, long calls, long fromStore, double modelMs,
                          double totalMs) {
        public CellOutcome outcome(String id) {
            return new CellOutcome(id, ok, error, calls, fromStore, modelMs, totalMs);
        }

        /** The cell file's text, byte for byte what the local runner writes. */
        public String fileText() {
            return RunDirectory.pretty(json);
        }
    }

    /** Runs single cells of an experiment, for an executor that distributes them: the local pool's own code. */
    public interface CellWorker {
        /** @param previous the cell's file an earlier run left (failed, or with other metrics), or null */
        CellRun run(Cell cell, JsonNode previous);
    }

    /**
     * A worker for an executor's JVM: the experiment's cells run with {@code models} (by model name;
     * the executor keeps one instance of each per JVM) and {@code store}, writing nothing itself.
     *
     * @param runFolder    the run folder the driver checked and wrote the provenance of, where a cell's
     *                     images go (its cell file is the executor's to write)
     * @param modelsFolder the GSMILE_MODELS folder where suite scenes are found, or null
     */
    public static CellWorker worker(Experiment experiment, RunFolderFiles runFolder, Map<String, BlackBoxModel> models,
                                    Path modelsFolder, JsonlObservationStore store) {
        ExperimentRunner runner = new ExperimentRunner(experiment, Plan.of(experiment),
                experiment.metrics().evaluationPlan(), null, null, runFolder,
                new Models(new LinkedHashMap<>(models), modelsFolder));
        String metricsKey = Plan.metricsKey(experiment.metrics());
        Evaluator evaluator = new Evaluator(store);
        Map<ExplanationSpec, PromptExplainer> explainers = new ConcurrentHashMap<>();
        return (cell, previous) -> runner.runCell(cell, previous, metricsKey, evaluator, store, explainers);
    }

    private CellRun runCell(Cell c, JsonNode old, String metricsKey, Evaluator evaluator, JsonlObservationStore store,
                            Map<ExplanationSpec, PromptExplainer> explainers) {
        long t0 = System.nanoTime();
        ModelClock clock = new ModelClock();
        BlackBoxModel loaded = models.get(c.model().name());
        ObjectNode json = CellJson.header(c);
        ExplanationRequest request = new ExplanationRequest(c.kase().prompt(), c.seed());
        Explanation e = null;
        long calls = 0;
        long stored = 0;
        double explanationModelMs = 0;
        boolean timed = false;
        try {
            BlackBoxModel subject = subject(loaded, c);
            BlackBoxModel model = clock.wrap(subject);
            // The metrics' calls too, not only the explanation's: a cell's model time is all of it.
            timed = model != subject;
            if (old != null && "ok".equals(old.path("status").asText()) && old.hasNonNull("explanation")) {
                // Only the metrics changed: the explanation is read back, not recomputed.
                e = ExplanationJson.read(old.get("explanation"));
            } else {
                PromptExplainer explainer = explainers.computeIfAbsent(c.spec(), s -> Explainers.create(s, store));
                e = explainer.explain(request, model);
                calls += ModelCalls.of(e);
                stored += e.calls().diskCacheHits();
                explanationModelMs = e.cost().timings().modelMs();
            }
            long m0 = System.nanoTime();
            Relevance relevance = c.kase().hasRelevant() ? Relevance.ofWords(e.units(), c.kase().relevant()) : null;
            Evaluation v = evaluator.evaluate(e, request, model, relevance, evaluation);
            calls += v.extraCalls();
            double metricsMs = (System.nanoTime() - m0) / 1e6;
            CellImages.Drawn images = CellImages.addTo(json, files, c.id(), subject, e, old);
            calls += images.calls();
            double totalMs = (System.nanoTime() - t0) / 1e6;
            double modelMs = (timed ? clock.busyMillis() : explanationModelMs) + images.modelMs();
            CellJson.ok(json, e, metricsKey, EvaluationJson.tree(v), modelMs, metricsMs, totalMs);
            return new CellRun(json, true, null, calls, stored, modelMs, totalMs);
        } catch (RuntimeException ex) {
            // Whatever went wrong in one cell is that cell's outcome: the others go on.
            String error = CellJson.oneLine(ex);
            double totalMs = (System.nanoTime() - t0) / 1e6;
            CellJson.failed(json, e, error, totalMs);
            return new CellRun(json, false, error, calls, stored, timed ? clock.busyMillis() : 0, totalMs);
        }
    }

    /**
     * What a cell explains: a text model as it is; an image editor bound to the case's scene (its
     * input image), so the instruction's words are explained against that one image.
     */
    private BlackBoxModel subject(BlackBoxModel loaded, Cell c) {
        if (loaded instanceof ImageEditor editor) {
            Path scene = c.kase().scenePath(models.modelsFolder());
            if (scene == null) {
                throw new UserInputException("case " + c.kase().id() + " gives no scene, and " + c.model().name()
                        + " edits an image: give the case a scene (a suite's scenes), or use a text model");
            }
            return editor.bind(Image.read(scene, Image.DEFAULT_MAX_PIXELS));
        }
        return loaded;
    }

    private ObjectNode provenance() {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        ObjectNode exp = p.putObject("experiment");
        exp.put("name", experiment.name());
        exp.put("file", experiment.file().toString());
        exp.put("sha256", experiment.sourceSha256());
        exp.put("source", experiment.source());
        ArrayNode revisions = exp.putArray("revisions");
        JsonNode previous = folder.previousProvenance();
        if (previous != null) {
            for (JsonNode r : previous.path("experiment").path("revisions")) {
                revisions.add(r);
            }
        }
        boolean known = false;
        for (JsonNode r : revisions) {
            known |= r.path("sha256").asText().equals(experiment.sourceSha256());
        }
        if (!known) {
            revisions.addObject().put("sha256", experiment.sourceSha256()).put("first", Instant.now().toString());
        }
        p.put("gsmileVersion", Version.current());
        p.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("seed", experiment.seed());
        p.put("seeds", experiment.seeds());
        p.put("started", previous != null ? previous.path("started").asText() : Instant.now().toString());
        ArrayNode ms = p.putArray("models");
        for (ModelEntry m : experiment.models()) {
            BlackBoxModel model = models.get(m.name());
            ObjectNode o = ms.addObject();
            o.put("name", m.name());
            o.put("ref", m.ref());
            o.put("id", model.info().id());
            o.put("sha256", model.info().sha256());
            o.set("settings", RunDirectory.JSON.valueToTree(model.settings()));
        }
        p.put("cells", cells.size());
        ArrayNode suites = p.putArray("suites");
        for (SuiteSource s : experiment.suites()) {
            suites.add(suiteJson(s));
        }
        return p;
    }

    /** A scenario suite of the cases, for the report's coverage table (the format org.gsmile.reports documents). */
    static ObjectNode suiteJson(SuiteSource s) {
        Suite suite = s.suite();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("name", suite.taxonomy().name());
        o.put("file", s.file());
        o.put("strategy", suite.options().strategy().label());
        o.put("t", suite.t());
        if (suite.options().n() != null) {
            o.put("n", suite.options().n());
        } else {
            o.putNull("n");
        }
        o.put("seed", suite.options().seed());
        o.put("cases", suite.cases().size());
        o.put("factorial", suite.factorialCount());
        ObjectNode coverage = o.putObject("coverage");
        coverage.put("t", suite.coverage().t());
        coverage.put("covered", suite.coverage().covered());
        coverage.put("allowed", suite.coverage().allowed());
        ArrayNode dims = o.putArray("dimensions");
        for (Dimension d : s.dimensions()) {
            ObjectNode dn = dims.addObject();
            dn.put("name", d.name());
            dn.put("group", d.group());
            ArrayNode values = dn.putArray("values");
            d.values().forEach(values::add);
        }
        ArrayNode ids = o.putArray("caseIds");
        s.caseIds().forEach(ids::add);
        return o;
    }

    /** The models of a run, loaded once, by name: text models and image editors alike. */
    public static final class Models implements AutoCloseable {
        private final Map<String, BlackBoxModel> byName;
        private final Path modelsFolder;

        private Models(Map<String, BlackBoxModel> byName, Path modelsFolder) {
            this.byName = byName;
            this.modelsFolder = modelsFolder;
        }

        /** How a model of the experiment is opened: the runner's way, for executors that cache what it opens. */
        public static BlackBoxModel open(ModelEntry m, Map<String, String> env, Path home, long seed) {
            try {
                // An image model behind an API takes the entry's client settings as a text one does.
                return ImageModelResolver.accepts(m.ref())
                        ? ImageModelResolver.fromEnvironment(env).resolve(m.ref(),
                                ImageModelResolver.isRemote(m.ref()) ? m.remoteOptions(env, home, seed) : null)
                        : ModelResolver.fromEnvironment(env, home).resolve(m.ref(), m.remoteOptions(env, home, seed));
            } catch (UserInputException e) {
                throw new UserInputException("model " + m.name() + " (" + m.ref() + "): " + e.template(), e);
            }
        }

        static Models open(List<ModelEntry> entries, Map<String, String> env, Path home, long seed) {
            Map<String, BlackBoxModel> byName = new LinkedHashMap<>();
            try {
                for (ModelEntry m : entries) {
                    byName.put(m.name(), open(m, env, home, seed));
                }
            } catch (RuntimeException e) {
                byName.values().forEach(BlackBoxModel::close);
                throw e;
            }
            String folder = env.get(ModelResolver.ENV_MODELS);
            return new Models(byName, folder == null || folder.isBlank() ? null : Path.of(folder));
        }

        BlackBoxModel get(String name) {
            return byName.get(name);
        }

        /** The GSMILE_MODELS folder, where suite scenes are found; null when it is not set. */
        Path modelsFolder() {
            return modelsFolder;
        }

        /** Closes every model; a second call does nothing (a run under an executor closes them early). */
        @Override
        public void close() {
            byName.values().forEach(BlackBoxModel::close);
            byName.clear();
        }
    }
}
