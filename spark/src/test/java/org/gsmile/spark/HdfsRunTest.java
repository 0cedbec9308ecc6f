package org.gsmile.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.gsmile.experiments.cli.Gsmile;
import org.gsmile.models.testing.SharedModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gsmile run --executor spark into a run folder on a real HDFS (one MiniDFSCluster, one local[2]
 * session for the class): the cells, images, provenance, summary and report land there whole and
 * once, a rerun recomputes nothing, another experiment is refused, and the results are a local run's.
 */
class HdfsRunTest {
    /** Four cells of stories260K, each prompt its own, so no two cells share an observation and store counts agree. */
    static final String GRID = """
            models: [local:stories260K]
            cases:
              - {id: ball, prompt: "Lily wanted to play with her red ball", relevant: [ball]}
              - {id: dog, prompt: "Tom saw a big dog", relevant: [dog]}
              - {id: cake, prompt: "Mom made a cake for Sue", relevant: [cake]}
              - {id: park, prompt: "Ben ran to the park with Max", relevant: [park]}
            explainer: {maxNewTokens: 8, samples: 16}
            metrics: {fidelity: {fresh: 4}, accuracy: {k: 1, exactShapley: false}}
            """;

    @TempDir
    static Path temp;
    static MiniDFSCluster cluster;
    static FileSystem hdfs;
    static String base;
    static SparkContext sc;
    Map<String, String> env;

    record Result(int exit, String out, String err, double seconds) {
    }

    @BeforeAll
    static void start() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, temp.resolve("dfs").toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        base = "hdfs://localhost:" + cluster.getNameNodePort();
        hdfs = FileSystem.get(URI.create(base), new Configuration());
        sc = new SparkContext(new SparkConf().setMaster("local[2]").setAppName("gsmile-hdfs-tests")
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    Result gsmile(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int exit = Gsmile.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Result(exit, out.toString(), err.toString(), (System.nanoTime() - t0) / 1e9);
    }

    Path experiment(String folder, String name, String output, String body) throws Exception {
        Path file = temp.resolve(folder).resolve(name + ".yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "name: " + name + "\noutput: " + output + "\n" + body);
        return file;
    }

    @Test
    void aRunIntoHdfsIsALocalRunsResultsWholeAndOnceAndARerunRecomputesNothing() throws Exception {
        env = new HashMap<>(System.getenv());
        env.put("GSMILE_MODELS", SharedModels.folderWith("stories260K/stories260K.bin").toString());
        Result local = gsmile("run", experiment("local", "real", temp.resolve("runs/local").toString(), GRID).toString());
        assertEquals(0, local.exit(), local.err() + local.out());
        Result sparkLocal = gsmile("run", "--executor", "spark",
                experiment("spark-local", "real", temp.resolve("runs/spark-local").toString(), GRID).toString());
        assertEquals(0, sparkLocal.exit(), sparkLocal.err() + sparkLocal.out());

        String uri = base + "/runs/real";
        Path file = experiment("spark-hdfs", "real", uri, GRID);
        int staged = stagingFolders();
        List<Boolean> provenanceFirst = java.util.Collections.synchronizedList(new ArrayList<>());
        Faults.hook = (point, cellId, attempt) -> provenanceFirst.add(hdfs.exists(
                new org.apache.hadoop.fs.Path(uri + "/provenance.json")));
        Result remote;
        try {
            remote = gsmile("run", "--executor", "spark", file.toString());
        } finally {
            Faults.hook = null;
        }
        assertEquals(0, remote.exit(), remote.err() + remote.out());
        assertEquals(List.of(true, true, true, true, true, true, true, true), provenanceFirst,
                "the provenance is in the folder before any cell: a driver killed then leaves a folder that resumes");
        assertTrue(remote.out().contains("real: 4 cells (0 done before, 4 run now), 0 failed"), remote.out());
        assertTrue(remote.out().contains("results: " + uri + "\n"), remote.out());
        assertTrue(remote.out().contains("report: " + uri + "/report/index.html\n"), remote.out());
        assertEquals(staged, stagingFolders(), "the staging folder is deleted");

        Map<String, Long> files = hdfsFiles(uri);
        assertEquals(List.of(), files.keySet().stream().filter(n -> n.contains(".tmp")).toList(), "nothing half-written");
        assertEquals(4, files.keySet().stream().filter(n -> n.startsWith("cells/")).count(), files.keySet().toString());
        for (String f : List.of("provenance.json", "summary.json", "report/index.html", "report/tables/metrics.csv")) {
            assertTrue(files.containsKey(f), f + " in " + files.keySet());
        }
        assertFalse(files.keySet().stream().anyMatch(n -> n.startsWith("observations")),
                "the store stays on the executors' disks");

        // The same results as the local runner's, from a copy of the HDFS folder.
        Path copy = temp.resolve("copy");
        hdfs.copyToLocalFile(false, new org.apache.hadoop.fs.Path(uri), new org.apache.hadoop.fs.Path(copy.toUri()),
                true);
        Path run = temp.resolve("runs/local");
        assertEquals(SparkRunTest.texts(run, SparkRunTest.TIMINGS), SparkRunTest.texts(copy, SparkRunTest.TIMINGS));
        assertEquals(summary(run), summary(copy));
        for (String table : org.gsmile.reports.Report.TABLES.keySet()) {
            assertEquals(withoutTimings(run.resolve("report/tables").resolve(table)),
                    withoutTimings(copy.resolve("report/tables").resolve(table)), table);
        }

        Result again = gsmile("run", "--executor", "spark", file.toString());
        assertEquals(0, again.exit(), again.err() + again.out());
        assertTrue(again.out().contains("real: 4 cells (4 done before, 0 run now), 0 failed; 0 model calls"),
                again.out());
        Map<String, Long> after = hdfsFiles(uri);
        for (Map.Entry<String, Long> e : files.entrySet()) {
            if (e.getKey().startsWith("cells/")) {
                assertEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " was not written again");
            }
        }
        Result sparkLocalAgain = gsmile("run", "--executor", "spark", temp.resolve("spark-local/real.yaml").toString());
        assertEquals(0, sparkLocalAgain.exit(), sparkLocalAgain.err());
        System.out.printf("measured: 4 cells of stories260K on local[2]: %.2f s into a local folder, %.2f s into HDFS;"
                        + " a rerun (nothing to compute): %.2f s local, %.2f s HDFS%n", sparkLocal.seconds(),
                remote.seconds(), sparkLocalAgain.seconds(), again.seconds());

        // A cell whose file is gone is the only one a rerun computes.
        hdfs.delete(new org.apache.hadoop.fs.Path(uri + "/cells/" + files.keySet().stream()
                .filter(n -> n.startsWith("cells/")).findFirst().orElseThrow().substring(6)), false);
        Result resumed = gsmile("run", "--executor", "spark", "--no-report", file.toString());
        assertTrue(resumed.out().contains("real: 4 cells (3 done before, 1 run now), 0 failed"),
                resumed.exit() + resumed.out() + resumed.err());
        assertEquals(files.keySet().stream().filter(n -> n.startsWith("cells/")).toList(),
                hdfsFiles(uri).keySet().stream().filter(n -> n.startsWith("cells/")).toList());

        // gsmile report of the HDFS folder: built from its copy, put back whole.
        hdfs.delete(new org.apache.hadoop.fs.Path(uri + "/report"), true);
        Result report = gsmile("report", uri);
        assertEquals(0, report.exit(), report.err());
        assertEquals("report: " + uri + "/report/index.html", report.out().strip());
        Map<String, Long> reported = hdfsFiles(uri);
        assertTrue(reported.containsKey("report/index.html"), reported.keySet().toString());
        assertEquals(List.of(), reported.keySet().stream().filter(n -> n.contains(".tmp")).toList());
    }

    @Test
    void imageCellsWriteTheirImagesIntoHdfsAndTheReportShowsThem() throws Exception {
        env = new HashMap<>(System.getenv());
        env.put("GSMILE_MODELS", SharedModels.folderWith("tinyeditor/model.onnx").toString());
        String body = "models: [onnx-editor:tinyeditor]\ncases:\n  - {suite: "
                + Path.of("../experiments/suites/driving.yaml").toAbsolutePath().normalize()
                + ", strategy: random, n: 2, seed: 5}\nexplainer: {samples: 16, distance: channel-wasserstein}\n";
        Result local = gsmile("run", "--no-report", experiment("img-local", "img", temp.resolve("runs/img").toString(),
                body).toString());
        assertEquals(0, local.exit(), local.err() + local.out());
        String uri = base + "/runs/img";
        Result remote = gsmile("run", "--executor", "spark", experiment("img-hdfs", "img", uri, body).toString());
        assertEquals(0, remote.exit(), remote.err() + remote.out());

        Path copy = temp.resolve("img-copy");
        hdfs.copyToLocalFile(false, new org.apache.hadoop.fs.Path(uri), new org.apache.hadoop.fs.Path(copy.toUri()),
                true);
        Set<String> ignored = new java.util.HashSet<>(SparkRunTest.TIMINGS);
        ignored.addAll(SparkRunTest.STORE_COUNTS);
        Path run = temp.resolve("runs/img");
        assertEquals(SparkRunTest.texts(run, ignored), SparkRunTest.texts(copy, ignored));
        int images = 0;
        for (JsonNode cell : SparkRunTest.cells(copy, Set.of()).values()) {
            for (String key : List.of("input", "edited")) {
                String file = cell.at("/images/" + key).asText();
                assertTrue(java.util.Arrays.equals(Files.readAllBytes(run.resolve(file)),
                        Files.readAllBytes(copy.resolve(file))), file);
                images++;
            }
        }
        assertEquals(4, images);
        Map<String, Long> files = hdfsFiles(uri);
        assertTrue(files.keySet().stream().anyMatch(n -> n.startsWith("report/images/") && n.endsWith(".png")),
                "the report copies the images it shows: " + files.keySet());
        assertEquals(List.of(), files.keySet().stream().filter(n -> n.contains(".tmp")).toList());
    }

    @Test
    void anotherExperimentsFolderAndTheLocalExecutorAreRefusedAndNothingIsWritten() throws Exception {
        env = new HashMap<>(System.getenv());
        String uri = base + "/runs/taken";
        hdfs.mkdirs(new org.apache.hadoop.fs.Path(uri + "/cells"));
        Files.writeString(temp.resolve("provenance.json"), "{\"experiment\": {\"name\": \"first\", \"file\":"
                + " \"/elsewhere/first.yaml\"}}\n");
        hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(temp.resolve("provenance.json").toUri()),
                new org.apache.hadoop.fs.Path(uri + "/provenance.json"));
        Map<String, Long> before = hdfsFiles(uri);
        String body = SparkRunTest.oracleGrid(1);
        Result other = gsmile("run", "--executor", "spark", experiment("other", "second", uri, body).toString());
        assertEquals(2, other.exit(), other.out());
        assertEquals("gsmile run: the run folder " + uri + " holds the run of experiment 'first' (first.yaml), not of"
                + " 'second' (second.yaml): delete the folder to start fresh, or set output to another folder",
                other.err().strip());
        assertEquals(before, hdfsFiles(uri));

        String fresh = base + "/runs/fresh";
        Path cwd = Path.of("").toAbsolutePath();
        Result local = gsmile("run", experiment("plain", "plain", fresh, body).toString());
        assertEquals(2, local.exit(), local.out());
        assertEquals("gsmile run: output " + fresh + " is a folder of another file system (hdfs:), which only the Spark"
                + " executor writes: run with --executor spark (or executor: spark in the file), or set output to a"
                + " local folder", local.err().strip());
        assertFalse(hdfs.exists(new org.apache.hadoop.fs.Path(fresh)));
        assertFalse(Files.exists(cwd.resolve("hdfs:")), "no local folder named after the URI");

        hdfs.mkdirs(new org.apache.hadoop.fs.Path(base + "/runs/foreign/data"));
        Result foreign = gsmile("run", "--executor", "spark", experiment("foreign", "foreign", base + "/runs/foreign",
                body).toString());
        assertEquals(2, foreign.exit(), foreign.out());
        assertEquals("gsmile run: the run folder " + base + "/runs/foreign is not a gsmile run folder (it has no"
                + " provenance.json): set output to a new or empty folder", foreign.err().strip());
    }

    // ---- helpers

    /** Every file of the HDFS folder, by its path relative to it, with its modification time. */
    static Map<String, Long> hdfsFiles(String uri) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        org.apache.hadoop.fs.Path root = hdfs.makeQualified(new org.apache.hadoop.fs.Path(uri));
        String prefix = root.toUri().getPath() + "/";
        RemoteIterator<LocatedFileStatus> it = hdfs.listFiles(root, true);
        while (it.hasNext()) {
            LocatedFileStatus f = it.next();
            out.put(f.getPath().toUri().getPath().substring(prefix.length()), f.getModificationTime());
        }
        return out;
    }

    static int stagingFolders() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return (int) s.filter(p -> p.getFileName().toString().startsWith("gsmile-run-")).count();
        }
    }

    /** summary.json but for how long things took. */
    static JsonNode summary(Path run) throws Exception {
        return SparkRunTest.without(SparkRunTest.JSON.readTree(run.resolve("summary.json").toFile()), Set.of("timingsMs"));
    }

    /** A table's lines, but for those of timings (the metrics' own times). */
    static List<String> withoutTimings(Path table) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(table)) {
            if (SparkRunTest.TIMINGS.stream().noneMatch(line::contains)) {
                lines.add(line);
            }
        }
        return lines;
    }
}
