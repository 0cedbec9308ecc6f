package org.gsmile.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gsmile.experiments.cli.Gsmile;
import org.gsmile.models.testing.SharedModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gsmile run on the real stories260K: a run, its resume, a kill -9 in the middle of one, a failing
 * cell among good ones, and the mistakes that must stop it before anything is written.
 */
class RunCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    Map<String, String> env;

    record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void models() {
        env = new HashMap<>(System.getenv());
        env.put("GSMILE_MODELS", SharedModels.folderWith("stories260K/stories260K.bin").toString());
    }

    Result gsmile(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Gsmile.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Result(exit, out.toString(), err.toString());
    }

    Path experiment(String name, String body) throws Exception {
        Path file = temp.resolve(name + ".yaml");
        Files.writeString(file, "name: " + name + "\noutput: " + temp.resolve("runs").resolve(name) + "\n" + body);
        return file;
    }

    Path writeWithOutput(String name, String output) throws Exception {
        Path file = temp.resolve(name + ".yaml");
        Files.writeString(file, "name: " + name + "\noutput: " + output + "\n" + SMALL);
        return file;
    }

    static final String SMALL = """
            models: [local:stories260K]
            cases:
              - {id: ball, prompt: "Lily wanted to play with her red ball", relevant: [ball]}
              - {id: dog, prompt: "Tom saw a big dog", relevant: [dog]}
            explainer: {maxNewTokens: 8, samples: [16, 24]}
            metrics: {fidelity: {fresh: 4}, accuracy: {k: 1, exactShapley: false}, faithfulness: {k: 1, random: 2}}
            """;

    @Test
    void runsEveryCellThenResumesWithoutCallingTheModel() throws Exception {
        Path file = experiment("small", SMALL);
        Result first = gsmile("run", file.toString());
        assertEquals(0, first.exit(), first.err() + first.out());
        Path run = temp.resolve("runs/small");
        assertEquals(4, cells(run).size());
        for (JsonNode cell : cells(run)) {
            assertEquals("ok", cell.path("status").asText(), cell.toString());
            assertTrue(cell.at("/metrics/faithfulness/explanation/curve/deletion").isArray());
        }
        assertTrue(Files.isRegularFile(run.resolve("report/index.html")), first.out());
        JsonNode provenance = JSON.readTree(run.resolve("provenance.json").toFile());
        assertEquals(64, provenance.at("/experiment/sha256").asText().length());
        assertFalse(provenance.at("/models/0/sha256").asText().isEmpty());
        if (Files.isReadable(Path.of("/proc/self/task"))) {
            // The run's CPU time by thread: the embedded model computes on its own pool.
            JsonNode cpu = JSON.readTree(run.resolve("summary.json").toFile()).at("/timingsMs/cpu");
            assertTrue(cpu.path("modelThreads").asLong() > 0, cpu.toString());
            assertTrue(cpu.path("restShare").isNumber(), cpu.toString());
            assertTrue(first.out().contains("cpu: "), first.out());
        }

        Result again = gsmile("run", file.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("4 cells (4 done before, 0 run now), 0 failed; 0 model calls"), again.out());
        // Nothing ran, so there is no CPU time to split, and no line claims one.
        assertFalse(again.out().contains("cpu: "), again.out());
        assertEquals("not measured: no cell ran in this run",
                JSON.readTree(run.resolve("summary.json").toFile()).at("/timingsMs/cpu").asText());

        // Only a metric changes: the explanations are read back and no model is called.
        Files.writeString(file, Files.readString(file).replace("accuracy: {k: 1", "accuracy: {k: 2"));
        Result metricOnly = gsmile("run", file.toString());
        assertEquals(0, metricOnly.exit(), metricOnly.err());
        assertTrue(metricOnly.out().contains("(0 done before, 4 run now), 0 failed; 0 model calls"), metricOnly.out());
        for (JsonNode cell : cells(run)) {
            assertEquals(2, cell.at("/metrics/accuracy/k").asInt());
        }
    }

    @Test
    void aRunKilledMidWayResumesAndLeavesNoHalfWrittenFile() throws Exception {
        Path file = experiment("killed", SMALL.replace("samples: [16, 24]", "samples: [16, 24, 32, 40]"));
        Path run = temp.resolve("runs/killed");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                Gsmile.class.getName(), "run", "--no-report", "--concurrency", "1", file.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("killed.log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (cellFiles(run) < 2 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // kill -9
        int before = cells(run).size();
        assertTrue(before >= 2 && before < 8, before + " cells before the kill: " + Files.readString(temp.resolve("killed.log")));

        Result resumed = gsmile("run", file.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("8 cells (" + before + " done before, " + (8 - before) + " run now)"),
                resumed.out());
        assertEquals(8, cells(run).size());
        try (Stream<Path> files = Files.list(run.resolve("cells"))) {
            assertTrue(files.allMatch(f -> f.toString().endsWith(".json")), "no temporary file is left as a cell");
        }
    }

    @Test
    void aFailingCellIsRecordedAndTheOthersGoOn() throws Exception {
        // k 3 on a two-word prompt: that cell cannot be measured, the other can.
        Path file = experiment("partial", """
                models: [local:stories260K]
                cases: ["Lily wanted to play with her red ball", "Tom ran"]
                explainer: {maxNewTokens: 8, samples: 16}
                metrics: {faithfulness: {k: 3, random: 2}}
                """);
        Result r = gsmile("run", "--no-report", file.toString());
        assertEquals(1, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("1 failed"), r.out());
        assertTrue(r.out().contains("k: 3") || r.out().contains("k is 3"), r.out());
        JsonNode summary = JSON.readTree(temp.resolve("runs/partial/summary.json").toFile());
        assertEquals(1, summary.path("ok").asInt());
        assertEquals("case-2", summary.at("/failed/0/case").asText());
    }

    @Test
    void anotherExperimentsRunFolderIsRefusedAndNothingIsWritten() throws Exception {
        Path file = experiment("one", SMALL.replace("samples: [16, 24]", "samples: 16").replace("- {id: dog", "#"));
        assertEquals(0, gsmile("run", "--no-report", file.toString()).exit());
        Path other = temp.resolve("other.yaml");
        Files.writeString(other, "name: other\noutput: " + temp.resolve("runs/one") + "\n" + SMALL);
        Result r = gsmile("run", other.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("gsmile run: the run folder " + temp.resolve("runs/one") + " holds the run of experiment"
                + " 'one' (one.yaml), not of 'other' (other.yaml): delete the folder to start fresh"), r.err());
    }

    @Test
    void mistakesStopTheRunBeforeAnyModelCallOrFile() throws Exception {
        Path missingModel = experiment("nomodel", SMALL.replace("local:stories260K", "local:/nonexistent/m.bin"));
        Result r = gsmile("run", missingModel.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("gsmile run: model m (local:/nonexistent/m.bin): "), r.err());
        assertFalse(Files.exists(temp.resolve("runs/nomodel")), "nothing written");

        Path blocked = temp.resolve("runs/blocked");
        Files.createDirectories(blocked.getParent());
        Files.writeString(blocked, "a file");
        Result f = gsmile("run", experiment("blocked", SMALL).toString());
        assertEquals(2, f.exit());
        assertTrue(f.err().startsWith("gsmile run: the run folder " + blocked + " is a file: set output to a folder"), f.err());

        // A folder on HDFS needs the Spark executor, whose tasks write there: not the local one.
        Result hdfs = gsmile("run", writeWithOutput("remote", "hdfs://namenode:8020/runs/remote").toString());
        assertEquals(2, hdfs.exit());
        assertEquals("gsmile run: output hdfs://namenode:8020/runs/remote is a folder of another file system (hdfs:),"
                + " which only the Spark executor writes: run with --executor spark (or executor: spark in the file), or"
                + " set output to a local folder", hdfs.err().strip());
        assertFalse(Files.exists(Path.of("hdfs:")), "no local folder named after the URI");
        Result report = gsmile("report", "hdfs://namenode:8020/runs/remote");
        assertEquals(2, report.exit());
        assertEquals("gsmile report: hdfs://namenode:8020/runs/remote is on another file system (hdfs:), which gsmile"
                + " report reads with the spark module's Hadoop client: start it with ./gsmile (which adds the module"
                + " for such a folder), or copy the folder here (hdfs dfs -get) and give that", report.err().strip());

        Result none = gsmile("run", temp.resolve("absent.yaml").toString());
        assertEquals(2, none.exit());
        assertEquals(1, none.err().strip().lines().count(), none.err());
    }

    @Test
    void executorMistakesAreOneLineAndWriteNothing() throws Exception {
        Path file = experiment("exec", SMALL);
        Path run = temp.resolve("runs/exec");
        // The experiments module alone: no Spark on this class path.
        Result noSpark = gsmile("run", "--executor", "spark", file.toString());
        assertEquals(2, noSpark.exit());
        assertEquals("gsmile run: --executor spark needs the spark module and Spark on the class path: start it with"
                + " ./gsmile, which adds them (mvn -B -pl spark -am package builds them), or submit"
                + " spark/target/gsmile-spark-job.jar with spark-submit", noSpark.err().strip());
        Result typo = gsmile("run", "--executor", "sprak", file.toString());
        assertEquals(2, typo.exit());
        assertEquals("gsmile run: unknown --executor 'sprak': did you mean spark? choose local or spark",
                typo.err().strip());
        Result master = gsmile("run", "--master", "local[2]", file.toString());
        assertEquals(2, master.exit());
        assertEquals("gsmile run: --master is for --executor spark: add --executor spark, or leave --master out",
                master.err().strip());
        Path inFile = experiment("exec2", "executor: spark\n" + SMALL);
        Result fromFile = gsmile("run", inFile.toString());
        assertEquals(2, fromFile.exit());
        assertTrue(fromFile.err().startsWith("gsmile run: executor: spark needs the spark module"), fromFile.err());
        assertFalse(Files.exists(run) || Files.exists(temp.resolve("runs/exec2")), "nothing written");
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static long cellFiles(Path run) throws Exception {
        Path cells = run.resolve("cells");
        if (!Files.isDirectory(cells)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(cells)) {
            return s.filter(f -> f.toString().endsWith(".json")).count();
        }
    }

    static List<JsonNode> cells(Path run) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(run.resolve("cells"))) {
            for (Path f : (Iterable<Path>) s::iterator) {
                if (f.toString().endsWith(".json")) {
                    out.add(JSON.readTree(f.toFile()));   // a half-written file would not parse
                }
            }
        }
        return out;
    }
}
