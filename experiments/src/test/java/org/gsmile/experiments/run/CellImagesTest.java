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
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gsmile.core.image.Image;
import org.gsmile.experiments.cli.Gsmile;
import org.gsmile.models.testing.TinyEditor;
import org.gsmile.reports.Report;
import org.gsmile.reports.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gsmile run on the real tinyeditor with a few driving-suite cases: each cell saves its input, its edit
 * and its telling perturbations' edits, names them in its file and counts the editor calls they took;
 * running again draws nothing; changing only the metrics keeps the images; the report reads them from
 * the run folder and copies them into itself.
 */
class CellImagesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    record Run(int exit, String out, String err) {
    }

    Run gsmile(String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GSMILE_MODELS", TinyEditor.folder().getParent().toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Gsmile.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Run(exit, out.toString(), err.toString());
    }

    Path experiment(String metrics) throws Exception {
        Path file = temp.resolve("images.yaml");
        Files.writeString(file, "name: images\noutput: " + temp.resolve("run") + "\nmodels: [onnx-editor:tinyeditor]\n"
                + "cases:\n  - {suite: " + Path.of("suites/driving.yaml").toAbsolutePath()
                + ", strategy: random, n: 3, seed: 5}\n"
                + "explainer: {samples: 24, distance: channel-wasserstein}\nmetrics: " + metrics + "\n");
        return file;
    }

    static List<JsonNode> cells(Path run) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(run.resolve("cells"))) {
            for (Path p : s.sorted().toList()) {
                out.add(JSON.readTree(p.toFile()));
            }
        }
        return out;
    }

    @Test
    void imageCellsSaveWhatTheReportShowsOnceAndTheReportCopiesIt() throws Exception {
        Run first = gsmile("run", experiment("{accuracy: {k: 2, exactShapley: false}}").toString());
        assertEquals(0, first.exit(), first.err() + first.out());
        Path run = temp.resolve("run");
        List<JsonNode> cells = cells(run);
        assertEquals(3, cells.size());
        long imageCalls = 0;
        Map<Path, FileTime> written = new HashMap<>();
        for (JsonNode c : cells) {
            assertEquals("ok", c.path("status").asText(), c.toString());
            JsonNode images = c.path("images");
            String dir = "images/" + c.path("id").asText() + "/";
            assertEquals(dir + "input.png", images.path("input").asText());
            assertEquals(dir + "edited.png", images.path("edited").asText());
            // The input as the editor received it: the case's scene.
            Image input = Image.read(run.resolve(images.path("input").asText()), Image.DEFAULT_MAX_PIXELS);
            Path sceneFile = TinyEditor.folder().getParent().resolve(c.path("scene").asText());
            Image scene = Image.read(sceneFile, Image.DEFAULT_MAX_PIXELS);
            assertEquals(scene.sha256(), input.sha256());
            // The edit of the whole instruction is the output the explanation recorded (its PNG pixels, whose
            // hash the output names: the mean colour of the 8-bit file differs in the last digit).
            Image edited = Image.read(run.resolve(images.path("edited").asText()), Image.DEFAULT_MAX_PIXELS);
            assertTrue(c.at("/explanation/output").asText().endsWith(" sha256 " + edited.sha256().substring(0, 16)),
                    c.at("/explanation/output").asText());
            JsonNode telling = images.path("telling");
            assertTrue(telling.size() >= 1 && telling.size() <= 3, telling.toString());
            for (int i = 0; i < telling.size(); i++) {
                JsonNode t = telling.get(i);
                assertEquals(dir + "telling-" + (i + 1) + ".png", t.path("file").asText());
                assertFalse(t.path("prompt").asText().equals(c.path("prompt").asText()),
                        "a perturbation, not the instruction");
                assertEquals(c.at("/explanation/units").size(), t.path("mask").asText().length());
                assertTrue(t.path("distance").isNumber());
            }
            // One call for y0 and one per distinct perturbed instruction shown.
            assertTrue(images.path("calls").asInt() >= 2 && images.path("calls").asInt() <= 4, images.toString());
            imageCalls += images.path("calls").asInt();
            try (Stream<Path> files = Files.list(run.resolve(dir))) {
                for (Path f : files.toList()) {
                    assertFalse(f.getFileName().toString().endsWith(".tmp"), "no temporary file is left: " + f);
                    written.put(f, Files.getLastModifiedTime(f));
                }
            }
            assertEquals(2 + telling.size(), Files.list(run.resolve(dir)).count());
        }
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        long explanationCalls = 0;
        for (JsonNode c : cells) {
            // As the runner counts an explanation's calls (ModelCalls): distinct prompts and y0, less the store's answers.
            explanationCalls += c.at("/explanation/calls/unique").asLong() + c.at("/explanation/calls/generations").asLong()
                    - c.at("/explanation/calls/diskCacheHits").asLong();
        }
        // The run's calls are the explanations' and the images' (accuracy asks the model nothing).
        assertEquals(explanationCalls + imageCalls, summary.at("/calls/model").asLong(), summary.toString());

        // Running again draws nothing: every cell is finished.
        Run again = gsmile("run", experiment("{accuracy: {k: 2, exactShapley: false}}").toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals(0, JSON.readTree(run.resolve("summary.json").toFile()).at("/calls/model").asLong());
        // Changing only the metrics recomputes them from the stored explanations and keeps the images.
        Run metrics = gsmile("run", experiment("{accuracy: {k: 1, exactShapley: false}}").toString());
        assertEquals(0, metrics.exit(), metrics.err());
        assertEquals(0, JSON.readTree(run.resolve("summary.json").toFile()).at("/calls/model").asLong(), "no image redrawn");
        List<JsonNode> after = cells(run);
        for (int i = 0; i < cells.size(); i++) {
            assertEquals(1, after.get(i).at("/metrics/accuracy/k").asInt(), "the metrics were recomputed");
            assertEquals(cells.get(i).get("images"), after.get(i).get("images"));
        }
        for (Map.Entry<Path, FileTime> f : written.entrySet()) {
            assertEquals(f.getValue(), Files.getLastModifiedTime(f.getKey()), "not rewritten: " + f.getKey());
        }

        // The report reads the images from the run folder and holds its own copies.
        RunFolder folder = RunFolder.read(run);
        assertTrue(folder.problems().isEmpty(), folder.problems().toString());
        Path report = Report.write(folder, temp.resolve("report")).getParent();
        for (JsonNode c : after) {
            String id = c.path("id").asText();
            String page = Files.readString(report.resolve("cells/" + id + ".html"));
            assertTrue(page.contains("../images/" + id + "/edited.png"), page);
            assertEquals(Files.size(run.resolve(c.at("/images/edited").asText())),
                    Files.size(report.resolve("images/" + id + "/edited.png")));
        }
        assertTrue(Files.isRegularFile(report.resolve("scenarios.html")));
    }
}
