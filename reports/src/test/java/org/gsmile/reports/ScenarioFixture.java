package org.gsmile.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A run folder of a scenario suite with image edits, in the format the runner writes (see the
 * package documentation), made by hand so that every number of the scenario tables can be worked out
 * independently (tools/reference/scenario_tables.py): no model is needed.
 *
 * <p>The suite crosses weather (clear, rainy), time (day, night) and edit (remove, brighten) pairwise in
 * 4 of the 8 scenarios (an orthogonal array: every one of the 12 pairs once). Two editors run every case
 * and one plain prompt (no scenario, so in no scenario table), and editor-a runs case 1 twice (replicates
 * 0 and 1), so its clear, day and remove values rest on three cells; editor-b's case 4 failed, so its
 * rainy, night and remove values rest on one cell, and editor-a's case 3 has no out-of-sample R² (null:
 * not finite). Each scenario cell saves an input, an edit and two telling perturbations as small PNGs;
 * editor-b's case 2 names a telling image that is not there, which the report must name and not link.
 */
final class ScenarioFixture {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static final String SUITE = "weather-edit";
    static final List<String> MODELS = List.of("editor-a", "editor-b");

    /** A case: id, weather, time, edit, instruction, relevant words. */
    record Case(String id, String weather, String time, String edit, String instruction, List<String> relevant) {
    }

    static final List<Case> CASES = List.of(
            new Case("c1", "clear", "day", "remove", "Remove the haze from the image.", List.of("remove", "haze")),
            new Case("c2", "clear", "night", "brighten", "Brighten the dark image.", List.of("brighten")),
            new Case("c3", "rainy", "day", "brighten", "Brighten the rainy image.", List.of("brighten")),
            new Case("c4", "rainy", "night", "remove", "Remove the rain from the image.", List.of("remove", "rain")));

    /** The plain prompt's case: in no suite, with no scene and so no images. */
    static final Case PLAIN = new Case("plain", null, null, null, "Make it look like a painting.", List.of("painting"));

    /** The metric paths of {@link #METRICS}, in column order. */
    static final List<String> PATHS = List.of("accuracy.attAuroc", "accuracy.precisionAtK", "fidelity.inSample.r2w",
            "fidelity.outOfSample.r2", "stability.seedTopKJaccard", "stability.seedRuzicka",
            "faithfulness.explanation.aopcComprehensiveness");

    /**
     * Each cell's metric values, in {@link #PATHS} order; NaN is written as JSON null (not finite). The
     * row key is model/case/replicate; a missing row is a failed cell. tools/reference/scenario_tables.py
     * copies these rows.
     */
    static final Map<String, double[]> METRICS = Map.ofEntries(
            Map.entry("editor-a/c1/0", new double[] {1.0, 1.0, 0.9, 0.8, 1.0, 0.9, 0.3}),
            Map.entry("editor-a/c1/1", new double[] {0.9375, 0.5, 0.85, 0.7, 0.5, 0.8, 0.35}),
            Map.entry("editor-a/c2/0", new double[] {0.75, 0.5, 0.6, 0.4, 0.5, 0.7, 0.1}),
            Map.entry("editor-a/c3/0", new double[] {0.5, 0.5, 0.7, Double.NaN, 0.5, 0.6, 0.2}),
            Map.entry("editor-a/c4/0", new double[] {0.875, 1.0, 0.8, 0.6, 0.25, 0.8, 0.25}),
            Map.entry("editor-b/c1/0", new double[] {0.625, 0.5, 0.4, 0.1, 0.5, 0.5, 0.05}),
            Map.entry("editor-b/c2/0", new double[] {1.0, 1.0, 0.95, 0.9, 1.0, 0.95, 0.4}),
            Map.entry("editor-b/c3/0", new double[] {0.25, 0.0, 0.3, -0.2, 0.25, 0.3, 0.02}),
            Map.entry("editor-a/plain/0", new double[] {0.0, 0.0, 0.1, 0.0, 0.0, 0.1, 0.0}),
            Map.entry("editor-b/plain/0", new double[] {0.5, 0.5, 0.2, 0.1, 0.5, 0.2, 0.1}));

    private ScenarioFixture() {
    }

    /** Writes the run folder into {@code dir} (replacing it) and returns it. */
    static Path write(Path dir) {
        try {
            Report.deleteTree(dir);
            Files.createDirectories(dir.resolve("cells"));
            writeProvenance(dir);
            int cells = 0;
            for (String model : MODELS) {
                for (Case c : CASES) {
                    writeCell(dir, model, c, 0);
                    cells++;
                }
                writeCell(dir, model, PLAIN, 0);
                cells++;
            }
            writeCell(dir, "editor-a", CASES.get(0), 1);
            cells++;
            ObjectNode summary = JSON.createObjectNode().put("cells", cells).put("ok", cells - 1);
            summary.putArray("failed").addObject().put("id", id("editor-b", "c4", 0)).put("model", "editor-b").put("case", "c4")
                    .put("setting", "default").put("error", "editor call failed (simulated by the fixture)");
            Files.writeString(dir.resolve("summary.json"), JSON.writeValueAsString(summary));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String id(String model, String caseId, int replicate) {
        return Names.hash("scenario-fixture/" + model + "/" + caseId + "/" + replicate) + "00000000";
    }

    private static void writeProvenance(Path dir) throws IOException {
        ObjectNode p = JSON.createObjectNode();
        p.putObject("experiment").put("name", "scenario-fixture").put("file", "experiments/scenario-fixture.yaml")
                .put("sha256", "0".repeat(64));
        p.put("gsmileVersion", "test").put("seed", 42).put("started", "2025-01-01T12:00:00Z");
        ArrayNode models = p.putArray("models");
        MODELS.forEach(m -> models.addObject().put("name", m).put("ref", "fixture:" + m).put("id", m).put("sha256", "")
                .putObject("settings"));
        p.put("cells", MODELS.size() * (CASES.size() + 1) + 1);
        ObjectNode s = p.putArray("suites").addObject();
        s.put("name", SUITE).put("file", "experiments/suites/weather-edit.yaml").put("strategy", "pairwise").put("t", 2)
                .putNull("n");
        s.put("seed", 42).put("cases", 4).put("factorial", 8);
        s.putObject("coverage").put("t", 2).put("covered", 12).put("allowed", 12);
        ArrayNode dims = s.putArray("dimensions");
        dimension(dims, "weather", "environment", "clear", "rainy");
        dimension(dims, "time", "environment", "day", "night");
        dimension(dims, "edit", "task", "remove", "brighten");
        ArrayNode ids = s.putArray("caseIds");
        CASES.forEach(c -> ids.add(c.id()));
        Files.writeString(dir.resolve("provenance.json"), JSON.writeValueAsString(p));
    }

    private static void dimension(ArrayNode dims, String name, String group, String... values) {
        ArrayNode v = dims.addObject().put("name", name).put("group", group).putArray("values");
        for (String x : values) {
            v.add(x);
        }
    }

    private static void writeCell(Path dir, String model, Case c, int replicate) throws IOException {
        String id = id(model, c.id(), replicate);
        ObjectNode cell = JSON.createObjectNode();
        cell.put("schema", 1).put("id", id).put("model", model).put("modelRef", "fixture:" + model).put("case", c.id())
                .put("prompt", c.instruction());
        ArrayNode rel = cell.putArray("relevant");
        c.relevant().forEach(rel::add);
        ObjectNode scenario = cell.putObject("scenario");
        if (c.weather() != null) {
            scenario.put("weather", c.weather()).put("time", c.time()).put("edit", c.edit());
        }
        if (c.weather() == null) {
            cell.putNull("scene");
        } else {
            cell.put("scene", "fixture/scenes/" + c.weather() + "_" + c.time() + ".png");
        }
        cell.put("setting", "default").putObject("settingValues");
        cell.put("replicate", replicate).put("seed", 7 + replicate);
        double[] values = METRICS.get(model + "/" + c.id() + "/" + replicate);
        if (values == null) {
            cell.put("status", "failed").put("error", "editor call failed (simulated by the fixture)").putNull("explanation");
            cell.putNull("metricsKey");
            cell.putObject("metrics");
            cell.putObject("timingsMs").put("model", 0.0).put("metrics", 0.0).put("total", 1.0);
            Files.writeString(dir.resolve("cells/" + id + ".json"), JSON.writeValueAsString(cell));
            return;
        }
        cell.put("status", "ok").putNull("error");
        cell.set("explanation", explanation(c));
        cell.put("metricsKey", "fixture");
        ObjectNode metrics = cell.putObject("metrics");
        for (int i = 0; i < PATHS.size(); i++) {
            String[] parts = PATHS.get(i).split("\\.");
            ObjectNode o = metrics;
            for (int k = 0; k < parts.length - 1; k++) {
                o = o.has(parts[k]) ? (ObjectNode) o.get(parts[k]) : o.putObject(parts[k]);
            }
            if (Double.isFinite(values[i])) {
                o.put(parts[parts.length - 1], values[i]);
            } else {
                o.putNull(parts[parts.length - 1]);
            }
        }
        cell.putObject("timingsMs").put("model", 10.0).put("metrics", 1.0).put("total", 12.0);
        if (c.weather() != null) {
            cell.set("images", images(dir, id, c, model.equals("editor-b") && c.id().equals("c2")));
        }
        Files.writeString(dir.resolve("cells/" + id + ".json"), JSON.writeValueAsString(cell));
    }

    /** An explanation as ExplanationJson writes it, reduced to what the report reads. */
    private static ObjectNode explanation(Case c) {
        ObjectNode e = JSON.createObjectNode();
        e.put("prompt", c.instruction()).put("output", "8x8 image, mean RGB 0.5000 0.5000 0.5000, sha256 0123456789abcdef");
        ArrayNode units = e.putArray("units");
        ArrayNode scores = e.putArray("attribution");
        String[] words = c.instruction().split(" ");
        int at = 0;
        for (int i = 0; i < words.length; i++) {
            units.addObject().put("text", words[i]).put("start", at).put("end", at + words[i].length());
            at += words[i].length() + 1;
            boolean relevant = c.relevant().contains(words[i].toLowerCase().replaceAll("[^a-z]", ""));
            scores.add(relevant ? -0.2 : -0.01 * (i + 1));
        }
        e.putObject("fidelity").put("r2w", 0.9);
        e.putObject("config").put("sign", "distance").put("distance", "channel-wasserstein");
        e.putObject("provenance").put("method", "surrogate");
        e.putObject("sampling").put("samples", 2).put("stopReason", "budget spent");
        e.putArray("warnings");
        ArrayNode samples = e.putArray("samples");
        samples.addObject().put("mask", "0".repeat(words.length)).put("prompt", "").put("inputDistance", 1.0).putNull("weight")
                .put("outputDistance", 0.3);
        samples.addObject().put("mask", "1".repeat(words.length)).put("prompt", c.instruction()).put("inputDistance", 0.0)
                .putNull("weight").put("outputDistance", 0.0);
        return e;
    }

    private static ObjectNode images(Path dir, String id, Case c, boolean oneMissing) throws IOException {
        String folder = "images/" + id + "/";
        ObjectNode b = JSON.createObjectNode();
        b.put("input", png(dir, folder + "input.png", 0x4a7ab0));
        b.put("edited", png(dir, folder + "edited.png", 0xd0c060));
        ArrayNode telling = b.putArray("telling");
        String first = c.instruction().substring(c.instruction().indexOf(' ') + 1);
        telling.addObject().put("role", "without-top-unit").put("prompt", first).put("mask", "0" + "1".repeat(
                first.split(" ").length)).put("distance", 0.125).put("file", png(dir, folder + "telling-1.png", 0x808080));
        String second = folder + "telling-2.png";
        telling.addObject().put("role", "largest-shift").put("prompt", "the").put("mask", "01" + "0".repeat(
                first.split(" ").length - 1)).put("distance", 0.25).put("file", oneMissing ? second : png(dir, second, 0x202020));
        b.put("calls", 3).put("modelMs", 2.5);
        return b;
    }

    /** An 8 × 8 PNG: a colour with a diagonal, so the image is not flat. */
    private static String png(Path dir, String relative, int rgb) throws IOException {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, x == y ? 0xffffff : rgb);
            }
        }
        Path f = dir.resolve(relative);
        Files.createDirectories(f.getParent());
        ImageIO.write(img, "png", f.toFile());
        return relative;
    }
}
