package org.gsmile.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.gsmile.experiments.cli.Gsmile;
import org.gsmile.models.http.FakeModelServer;
import org.gsmile.models.testing.SharedModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gsmile run --executor spark on one local[2,4] session shared by the tests (4 attempts per task, as
 * a cluster gives): the same cells as the local runner, faults injected into tasks, a driver killed
 * mid-run. The keyword oracle where the model does not matter (a cell in milliseconds), the real
 * stories260K once.
 */
class SparkRunTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** What differs between two runs of the same cells: how long things took (an image cell's images too). */
    static final Set<String> TIMINGS = Set.of("timingsMs", "millis", "modelMs");
    /**
     * What a run's own observation store answered, which depends on which of two cells sharing a
     * prompt got there first: two local runs at concurrency 2 differ in these too.
     */
    static final Set<String> STORE_COUNTS = Set.of("diskCacheHits", "generations", "extraCalls");

    static SparkContext sc;

    @TempDir
    Path temp;
    Map<String, String> env;

    record Result(int exit, String out, String err) {
    }

    @BeforeAll
    static void session() {
        sc = new SparkContext(new SparkConf().setMaster("local[2," + SparkCellExecutor.MAX_FAILURES + "]")
                .setAppName("gsmile-spark-tests").set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    @AfterEach
    void noFaults() {
        Faults.hook = null;
    }

    Result gsmile(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Gsmile.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Result(exit, out.toString(), err.toString());
    }

    /** The environment of a run; the shared models folder only for tests that name a model file (the oracle needs none). */
    void models(String... needed) {
        env = new HashMap<>(System.getenv());
        if (needed.length > 0) {
            env.put("GSMILE_MODELS", SharedModels.folderWith(needed).toString());
        }
    }

    Path experiment(String name, String body) throws Exception {
        Path file = temp.resolve(name + ".yaml");
        Files.writeString(file, "name: " + name + "\noutput: " + temp.resolve("runs").resolve(name) + "\n" + body);
        return file;
    }

    /** An oracle grid whose every cell has a prompt of its own, so no two cells share observations. */
    static String oracleGrid(int cases) {
        StringBuilder b = new StringBuilder("models: [\"oracle:keywords#ball=1,park=0.5,red=0.25\"]\ncases:\n");
        String[] words = {"Lily", "Tom", "Ben", "Sue", "Max", "Ann", "Kim", "Joe", "Eve", "Sam", "Zoe", "Lou"};
        for (int i = 0; i < cases; i++) {
            b.append("  - {id: c").append(i).append(", prompt: \"").append(words[i % words.length])
                    .append(" threw the red ball in the park ").append(i).append("\", relevant: [ball]}\n");
        }
        return b + "explainer: {samples: 24}\nmetrics: {fidelity: {fresh: 4}, accuracy: {k: 1, exactShapley: false},"
                + " consistency: {runs: 2}}\n";
    }

    @Test
    void sparkAndLocalRunsWriteTheSameCellsAndTheSameReport() throws Exception {
        models();
        String body = oracleGrid(8);
        Path local = experiment("same", body);
        Result l = gsmile("run", "--no-report", local.toString());
        assertEquals(0, l.exit(), l.err() + l.out());
        Path sparkFile = temp.resolve("spark").resolve("same.yaml");
        Files.createDirectories(sparkFile.getParent());
        Files.writeString(sparkFile, "name: same\noutput: " + temp.resolve("spark-runs/same") + "\n" + body);
        Result s = gsmile("run", "--executor", "spark", sparkFile.toString());
        assertEquals(0, s.exit(), s.err() + s.out());
        assertTrue(s.out().contains("same: 8 cells (0 done before, 8 run now), 0 failed"), s.out());
        assertEquals(texts(temp.resolve("runs/same"), TIMINGS), texts(temp.resolve("spark-runs/same"), TIMINGS));
        assertTrue(Files.isRegularFile(temp.resolve("spark-runs/same/report/index.html")), s.out());
        JsonNode summary = JSON.readTree(temp.resolve("spark-runs/same/summary.json").toFile());
        assertEquals(8, summary.path("ok").asInt());
        assertEquals(0, summary.path("retried").asInt());
        assertFalse(Files.exists(temp.resolve("spark-runs/same/observations")), "local mode shares the run's store");

        Result again = gsmile("run", "--executor", "spark", "--no-report", sparkFile.toString());
        assertTrue(again.out().contains("8 cells (8 done before, 0 run now), 0 failed; 0 model calls"),
                again.exit() + again.out() + again.err());
    }

    @Test
    void onStories260KTheCellsAreTheLocalRunnersAndEachModelIsOpenedOncePerJvm() throws Exception {
        models("stories260K/stories260K.bin");
        String body = """
                models: [local:stories260K]
                cases:
                  - {id: ball, prompt: "Lily wanted to play with her red ball", relevant: [ball]}
                  - {id: dog, prompt: "Tom saw a big dog", relevant: [dog]}
                explainer: {maxNewTokens: 8, samples: [16, 24]}
                metrics: {fidelity: {fresh: 4}, accuracy: {k: 1, exactShapley: false}}
                """;
        Result l = gsmile("run", "--no-report", experiment("real", body).toString());
        assertEquals(0, l.exit(), l.err() + l.out());
        Path sparkFile = temp.resolve("spark/real.yaml");
        Files.createDirectories(sparkFile.getParent());
        Files.writeString(sparkFile, "name: real\noutput: " + temp.resolve("spark-runs/real") + "\n" + body);
        int opened = ExecutorCache.modelsOpened();
        Result s = gsmile("run", "--executor", "spark", "--no-report", sparkFile.toString());
        assertEquals(0, s.exit(), s.err() + s.out());
        assertTrue(ExecutorCache.modelsOpened() - opened <= 1, "4 cells on 2 task threads open stories260K once"
                + " (or not at all, when an earlier test of this JVM opened it)");
        Set<String> ignored = new java.util.HashSet<>(TIMINGS);
        ignored.addAll(STORE_COUNTS);
        assertEquals(texts(temp.resolve("runs/real"), ignored), texts(temp.resolve("spark-runs/real"), ignored));
    }

    @Test
    void imageCellsWriteTheSameImagesFromTheTasks() throws Exception {
        models("tinyeditor/model.onnx");
        String body = "models: [onnx-editor:tinyeditor]\ncases:\n  - {suite: "
                + Path.of("../experiments/suites/driving.yaml").toAbsolutePath().normalize()
                + ", strategy: random, n: 2, seed: 5}\nexplainer: {samples: 16, distance: channel-wasserstein}\n";
        assertEquals(0, gsmile("run", "--no-report", experiment("img", body).toString()).exit());
        Path sparkFile = temp.resolve("spark/img.yaml");
        Files.createDirectories(sparkFile.getParent());
        Files.writeString(sparkFile, "name: img\noutput: " + temp.resolve("spark-runs/img") + "\n" + body);
        Result s = gsmile("run", "--executor", "spark", "--no-report", sparkFile.toString());
        assertEquals(0, s.exit(), s.err() + s.out());
        Set<String> ignored = new java.util.HashSet<>(TIMINGS);
        ignored.addAll(STORE_COUNTS);
        assertEquals(texts(temp.resolve("runs/img"), ignored), texts(temp.resolve("spark-runs/img"), ignored));
        int images = 0;
        for (JsonNode cell : cells(temp.resolve("spark-runs/img"), Set.of()).values()) {
            for (String key : List.of("input", "edited")) {
                String file = cell.at("/images/" + key).asText();
                assertTrue(Arrays.equals(Files.readAllBytes(temp.resolve("runs/img").resolve(file)),
                        Files.readAllBytes(temp.resolve("spark-runs/img").resolve(file))), file);
                images++;
            }
        }
        assertEquals(4, images);
    }

    @Test
    void aFailedAttemptAndAKilledOneAreRetriedAndEveryCellIsWrittenOnce() throws Exception {
        models();
        Path file = experiment("faults", oracleGrid(8));
        List<String> ids = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        Faults.hook = (point, cellId, attempt) -> {
            synchronized (ids) {
                if (ids.size() < 2 && !ids.contains(cellId)) {
                    ids.add(cellId);
                }
            }
            if (attempt > 0) {
                return;
            }
            if (point == Faults.Point.TEMP_WRITTEN && cellId.equals(ids.get(0))) {
                failures.incrementAndGet();
                // The cell is computed and its temporary file written: the worst moment to lose an attempt.
                throw new IllegalStateException("injected executor failure");
            }
            if (point == Faults.Point.COMPUTED && ids.size() > 1 && cellId.equals(ids.get(1))) {
                long task = TaskContext.get().taskAttemptId();
                new Thread(() -> sc.killTaskAttempt(task, true, "killed by the test mid-cell")).start();
                Thread.sleep(30_000);   // interrupted by the kill
            }
        };
        Result r = gsmile("run", "--executor", "spark", "--no-report", file.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertEquals(1, failures.get());
        assertTrue(r.out().contains("retried: 2 attempts"), r.out());
        assertTrue(r.err().contains(ids.get(0) + " retried: attempt 1 lost: java.lang.IllegalStateException: injected"
                + " executor failure"), r.err());
        assertTrue(r.err().contains(ids.get(1) + " retried: attempt 1 lost: TaskKilled (killed by the test mid-cell)"),
                r.err());
        Path run = temp.resolve("runs/faults");
        assertEquals(List.of(), leftovers(run), "no temporary file is left");
        assertEquals(8, cells(run, TIMINGS).size());
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        assertEquals(8, summary.path("ok").asInt());
        assertEquals(2, summary.path("retried").asInt());
    }

    @Test
    void aCellAnotherAttemptWroteIsKeptAndAnEarlierRunsFailedCellIsReplaced() throws Exception {
        Path folder = temp.resolve("files");
        CellFiles files = CellFiles.of(folder.toUri().toString());
        ObjectNode first = JSON.createObjectNode().put("id", "a").put("status", "ok").put("attempt", 1);
        assertTrue(files.write("a", first.toString(), null, 1, () -> { }));
        assertFalse(files.write("a", "{\"id\":\"a\",\"attempt\":2}", null, 2, () -> { }), "a duplicate is discarded");
        assertEquals(first, files.writtenByAnotherAttempt("a", null));
        assertEquals(first, JSON.readTree(folder.resolve("cells/a.json").toFile()));

        ObjectNode failed = JSON.createObjectNode().put("id", "b").put("status", "failed");
        Files.writeString(folder.resolve("cells/b.json"), failed.toString());
        assertEquals(null, files.writtenByAnotherAttempt("b", failed), "the earlier run's file is no attempt of this one");
        assertTrue(files.write("b", "{\"id\":\"b\",\"status\":\"ok\"}", failed, 3, () -> { }));
        assertEquals("ok", JSON.readTree(folder.resolve("cells/b.json").toFile()).path("status").asText());
        assertEquals(List.of(), leftovers(folder));
    }

    @Test
    void aDriverKilledMidRunResumes() throws Exception {
        models("stories260K/stories260K.bin");
        Path file = experiment("killed", """
                models: [local:stories260K]
                cases:
                  - {id: ball, prompt: "Lily wanted to play with her red ball", relevant: [ball]}
                  - {id: dog, prompt: "Tom saw a big dog in the park", relevant: [dog]}
                explainer: {maxNewTokens: 8, samples: [16, 24, 32, 40]}
                metrics: {fidelity: {fresh: 4}}
                """);
        Path run = temp.resolve("runs/killed");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "@" + Path.of("jvm.options").toAbsolutePath(), "-cp", System.getProperty("java.class.path"),
                SparkMain.class.getName(), "run", "--no-report", "--concurrency", "1", file.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("killed.log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (cellCount(run) < 2 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // kill -9 of the driver and its local executors
        int before = (int) cellCount(run);
        assertTrue(before >= 2 && before < 8, before + " cells before the kill: "
                + Files.readString(temp.resolve("killed.log")));

        Result resumed = gsmile("run", "--executor", "spark", "--no-report", file.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("8 cells (" + before + " done before, " + (8 - before) + " run now)"),
                resumed.out());
        assertEquals(8, cellCount(run));
        assertEquals(List.of(), leftovers(run));
    }

    @Test
    void aMasterSparkCannotUseIsOneLineAndNothingIsWritten() throws Exception {
        models();
        Path file = experiment("master", oracleGrid(1));
        Result r = gsmile("run", "--executor", "spark", "--master", "spark:/nohost", file.toString());
        assertEquals(2, r.exit());
        assertEquals("gsmile run: master 'spark:/nohost' is not a Spark master URL: give local[N], spark://host:7077,"
                + " yarn or k8s://https://host:port", r.err().strip());
        Result other = gsmile("run", "--executor", "spark", "--master", "local[3]", file.toString());
        assertEquals(2, other.exit());
        assertEquals("gsmile run: a Spark session with master local[2,4] runs in this JVM already: leave the master"
                + " out, or give local[2,4]", other.err().strip());
        assertFalse(Files.exists(temp.resolve("runs/master")), "nothing written");
    }

    @Test
    void callsToAServerAreBoundedPerExecutorRetriedAndCachedFromTheTasks() throws Exception {
        models();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Set<String> failedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (FakeModelServer server = new FakeModelServer(call -> {
            if (call.attempt() == 0 && failedOnce.size() < 3 && failedOnce.add(call.prompt())) {
                return FakeModelServer.Reply.status(503, "{\"error\": \"busy\"}", Map.of());
            }
            int now = inFlight.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return FakeModelServer.answer(call);
        })) {
            String body = "executor: spark\nspark: {maxCallsPerExecutor: 2}\nmodels:\n  - {ref: \"openai:" + server.base()
                    + "/v1#tiny\", concurrency: 8, cache: " + temp.resolve("cache") + "}\ncases:\n"
                    + "  - \"Lily kicked the red ball\"\n  - \"Tom threw the ball to Lily\"\n"
                    + "explainer: {samples: 16, maxNewTokens: 12, distance: embedding-wasserstein}\n";
            Result first = gsmile("run", "--no-report", experiment("remote", body).toString());
            assertEquals(0, first.exit(), first.err() + first.out());
            assertTrue(first.err().contains("calls to tiny: at most 2 in flight per executor, 2 across 1 executor"),
                    first.err());
            assertTrue(most.get() <= 2, most.get() + " calls in flight at once, from two task threads");
            long retries = 0;
            for (JsonNode cell : cells(temp.resolve("runs/remote"), Set.of()).values()) {
                retries += cell.at("/explanation/calls/retries").asLong();
            }
            assertEquals(3, retries, "each 503 was retried once, from the task that met it");

            // Another run folder, the same cache: every answer comes from the cache the tasks wrote.
            int requests = server.requests();
            Result second = gsmile("run", "--no-report", experiment("remote2", body).toString());
            assertEquals(0, second.exit(), second.err());
            assertEquals(requests, server.requests(), "the second run called the server");
        }
    }

    // ---- helpers

    /** Every cell file of a run by name, with the keys that may differ removed. */
    static Map<String, JsonNode> cells(Path run, Set<String> ignored) throws Exception {
        Map<String, JsonNode> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(run.resolve("cells"))) {
            for (Path f : (Iterable<Path>) s::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(".json")) {
                    out.put(name, without(JSON.readTree(f.toFile()), ignored));   // a half-written file would not parse
                }
            }
        }
        return out;
    }

    /**
     * Every cell file's text, as the runner writes it (the same pretty printer, the same key order),
     * with the ignored keys removed: equal texts are equal bytes but for those keys.
     */
    static Map<String, String> texts(Path run, Set<String> ignored) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : cells(run, ignored).entrySet()) {
            out.put(e.getKey(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(e.getValue()));
        }
        return out;
    }

    static JsonNode without(JsonNode node, Set<String> keys) {
        if (node instanceof ObjectNode o) {
            ObjectNode copy = JSON.createObjectNode();
            o.fields().forEachRemaining(e -> {
                if (!keys.contains(e.getKey())) {
                    copy.set(e.getKey(), without(e.getValue(), keys));
                }
            });
            return copy;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode copy = JSON.createArrayNode();
            a.forEach(x -> copy.add(without(x, keys)));
            return copy;
        }
        return node;
    }

    static long cellCount(Path run) throws Exception {
        return Files.isDirectory(run.resolve("cells")) ? cells(run, Set.of()).size() : 0;
    }

    /** Files in cells/ that are not cell files: temporary files, checksums. */
    static List<String> leftovers(Path run) throws Exception {
        try (Stream<Path> s = Files.list(run.resolve("cells"))) {
            return s.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".json")).toList();
        }
    }
}
