package org.gsmile.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.gsmile.core.UserInputException;

/**
 * A run folder as the runner writes it (format: the package documentation), read whole. Anything
 * wrong with one file is a {@link RunProblem} the report shows, never an exception: a report of a
 * damaged or half-finished run is what its user needs most.
 */
public final class RunFolder {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** The cell file format this version reads. */
    public static final int SCHEMA = 1;

    private final Path dir;
    private final JsonNode provenance;
    private final List<Cell> cells;
    private final JsonNode summary;
    private final List<RunProblem> problems;

    private RunFolder(Path dir, JsonNode provenance, List<Cell> cells, JsonNode summary, List<RunProblem> problems) {
        this.dir = dir;
        this.provenance = provenance;
        this.cells = List.copyOf(cells);
        this.summary = summary;
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads {@code provenance.json}, every {@code cells/*.json} and {@code summary.json}.
     *
     * @throws UserInputException when {@code runDir} is not a folder, or holds neither a provenance
     *                            file nor a {@code cells} folder (one line, naming the folder)
     */
    public static RunFolder read(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            throw new UserInputException("not a run folder: " + runDir + " is not a folder");
        }
        Path cellsDir = runDir.resolve("cells");
        Path provenanceFile = runDir.resolve("provenance.json");
        if (!Files.isDirectory(cellsDir) && !Files.exists(provenanceFile)) {
            throw new UserInputException("not a run folder: " + runDir
                    + " has neither provenance.json nor cells/ (give the folder that `gsmile run` wrote)");
        }
        List<RunProblem> problems = new ArrayList<>();
        JsonNode provenance = readObject(runDir, "provenance.json", "provenance", problems);
        if (provenance == null) {
            provenance = JsonNodeFactory.instance.objectNode();
        }
        List<Cell> cells = new ArrayList<>();
        if (Files.isDirectory(cellsDir)) {
            readCells(runDir, cellsDir, cells, problems);
        }
        JsonNode summary = readObject(runDir, "summary.json", "summary", problems);
        cells.sort(order(provenance));
        int planned = provenance.path("cells").asInt(-1);
        if (cells.isEmpty()) {
            problems.add(new RunProblem("cells/", "no-cells", "no cell has a readable file yet"
                    + (planned > 0 ? " (" + planned + " planned)" : "")));
        } else if (planned > cells.size()) {
            problems.add(new RunProblem("cells/", "incomplete-run", cells.size() + " of " + planned
                    + " planned cells have a file; the report shows those, and resuming the run adds the rest"));
        }
        return new RunFolder(runDir, provenance, cells, summary, problems);
    }

    public Path dir() {
        return dir;
    }

    /** {@code provenance.json}, or an empty object where it is missing or unreadable (a problem says so). */
    public JsonNode provenance() {
        return provenance;
    }

    /** The readable cells, ok and failed, by model (in the provenance's order), case, setting and replicate. */
    public List<Cell> cells() {
        return cells;
    }

    /** {@code summary.json}, absent for a run that did not finish (or where it is unreadable). */
    public Optional<JsonNode> summary() {
        return Optional.ofNullable(summary);
    }

    public List<RunProblem> problems() {
        return problems;
    }

    /** The number of cells the experiment plans ({@code provenance.cells}), or -1 where unknown. */
    public int plannedCells() {
        return provenance.path("cells").asInt(-1);
    }

    /** The experiment's name, else the run folder's name. */
    public String name() {
        String name = provenance.path("experiment").path("name").asText("");
        if (name.isBlank()) {
            Path f = dir.toAbsolutePath().normalize().getFileName();
            name = f == null ? "run" : f.toString();
        }
        return name;
    }

    private static JsonNode readObject(Path runDir, String name, String what, List<RunProblem> problems) {
        Path file = runDir.resolve(name);
        if (!Files.exists(file)) {
            problems.add(new RunProblem(name, "missing-" + what, name + " is missing"
                    + (what.equals("summary") ? ": the run has not finished (or was interrupted); the report shows the cells"
                    + " written so far" : ": the report cannot show the run's provenance")));
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(Files.readString(file));
            if (node == null || !node.isObject()) {
                problems.add(new RunProblem(name, "unreadable-" + what, name + " is not a JSON object"));
                return null;
            }
            return node;
        } catch (JsonProcessingException e) {
            problems.add(new RunProblem(name, "unreadable-" + what, name + " is not JSON: " + oneLine(e.getOriginalMessage())));
        } catch (IOException | UncheckedIOException e) {
            problems.add(new RunProblem(name, "unreadable-" + what, name + " cannot be read: " + oneLine(e.getMessage())));
        }
        return null;
    }

    private static void readCells(Path runDir, Path cellsDir, List<Cell> cells, List<RunProblem> problems) {
        List<Path> files;
        try (Stream<Path> s = Files.list(cellsDir)) {
            files = s.sorted().toList();
        } catch (IOException e) {
            problems.add(new RunProblem("cells/", "unreadable-cell", "cells/ cannot be listed: " + oneLine(e.getMessage())));
            return;
        }
        Map<String, String> seen = new HashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            String rel = "cells/" + name;
            if (name.startsWith(".") || name.endsWith(".tmp") || name.endsWith(".part")) {
                problems.add(new RunProblem(rel, "ignored-file", rel
                        + " looks like a write that did not finish (an interrupted run leaves these); it is ignored"));
                continue;
            }
            if (!name.endsWith(".json") || !Files.isRegularFile(f)) {
                problems.add(new RunProblem(rel, "foreign-file", rel + " is not a cell file (cells/<id>.json); it is ignored"));
                continue;
            }
            Cell cell;
            try {
                JsonNode node = MAPPER.readTree(Files.readString(f));
                cell = parse(rel, node);
            } catch (JsonProcessingException e) {
                problems.add(new RunProblem(rel, "unreadable-cell", rel + " is not JSON (" + oneLine(e.getOriginalMessage())
                        + "); the cell is left out"));
                continue;
            } catch (IOException | UncheckedIOException e) {
                problems.add(new RunProblem(rel, "unreadable-cell", rel + " cannot be read (" + oneLine(e.getMessage())
                        + "); the cell is left out"));
                continue;
            } catch (BadCell e) {
                problems.add(new RunProblem(rel, e.code, rel + " " + e.getMessage() + "; the cell is left out"));
                continue;
            }
            String stem = name.substring(0, name.length() - ".json".length());
            if (!stem.equals(cell.id())) {
                problems.add(new RunProblem(rel, "misnamed-cell", rel + " holds cell " + cell.id()
                        + ", whose file would be cells/" + cell.id() + ".json; it is shown"));
            }
            String first = seen.putIfAbsent(cell.id(), rel);
            if (first != null) {
                problems.add(new RunProblem(rel, "duplicate-cell", rel + " repeats cell " + cell.id() + " of " + first
                        + "; only the first is shown"));
                continue;
            }
            for (String missing : cell.images().missing(runDir)) {
                problems.add(new RunProblem(rel, "missing-image", rel + " names the image " + missing + ", which is not a"
                        + " file in the run folder; the cell is shown without it"));
            }
            cells.add(cell);
        }
    }

    /** A cell file that is JSON but not a cell this version can show. */
    static final class BadCell extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        BadCell(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    static Cell parse(String rel, JsonNode n) throws BadCell {
        if (n == null || !n.isObject()) {
            throw new BadCell("unreadable-cell", "is not a JSON object");
        }
        JsonNode schema = n.get("schema");
        if (schema != null && !(schema.canConvertToInt() && schema.asInt() == SCHEMA)) {
            throw new BadCell("unsupported-schema", "has schema " + schema + ", this version reads schema " + SCHEMA);
        }
        String status = text(n, "status");
        if (!status.equals("ok") && !status.equals("failed")) {
            throw new BadCell("unreadable-cell", "has status '" + status + "' (ok or failed expected)");
        }
        boolean ok = status.equals("ok");
        JsonNode explanation = n.get("explanation");
        if (explanation != null && explanation.isNull()) {
            explanation = null;
        }
        if (ok) {
            if (explanation == null || !explanation.isObject()) {
                throw new BadCell("unreadable-cell", "has status ok but no explanation object");
            }
            checkExplanation(explanation);
        }
        JsonNode replicate = n.get("replicate");
        if (replicate == null || !replicate.canConvertToInt()) {
            throw new BadCell("unreadable-cell", "has no whole number 'replicate'");
        }
        List<String> relevant = new ArrayList<>();
        for (JsonNode r : n.path("relevant")) {
            relevant.add(r.asText());
        }
        String model = text(n, "model");
        return new Cell(rel, text(n, "id"), model, n.path("modelRef").asText(model), text(n, "case"), text(n, "prompt"),
                relevant, text(n, "setting"), objectOrEmpty(n.get("settingValues")), replicate.asInt(),
                n.path("seed").asLong(0), ok, n.hasNonNull("error") ? n.get("error").asText() : null, explanation,
                n.hasNonNull("metricsKey") ? n.get("metricsKey").asText() : null, objectOrEmpty(n.get("metrics")),
                objectOrEmpty(n.get("timingsMs")), objectOrEmpty(n.get("scenario")),
                n.path("scene").isTextual() ? n.get("scene").asText() : null, ShownImages.of(n.get("images")));
    }

    /** What the report needs of an explanation: units and one score per unit. */
    private static void checkExplanation(JsonNode e) throws BadCell {
        JsonNode units = e.get("units");
        JsonNode scores = e.get("attribution");
        if (units == null || !units.isArray() || scores == null || !scores.isArray()) {
            throw new BadCell("unreadable-cell", "has an explanation without 'units' and 'attribution' lists");
        }
        if (units.size() != scores.size()) {
            throw new BadCell("unreadable-cell", "has " + units.size() + " units but " + scores.size() + " attributions");
        }
        for (JsonNode u : units) {
            if (!u.path("text").isTextual() || !u.path("start").canConvertToInt() || !u.path("end").canConvertToInt()) {
                throw new BadCell("unreadable-cell", "has a unit without text, start and end");
            }
        }
    }

    private static String text(JsonNode n, String key) throws BadCell {
        JsonNode v = n.get(key);
        if (v == null || v.isNull() || v.isContainerNode()) {
            throw new BadCell("unreadable-cell", "has no '" + key + "'");
        }
        return v.asText();
    }

    private static JsonNode objectOrEmpty(JsonNode n) {
        return n != null && n.isObject() ? n : JsonNodeFactory.instance.objectNode();
    }

    private static Comparator<Cell> order(JsonNode provenance) {
        Map<String, Integer> models = new LinkedHashMap<>();
        for (JsonNode m : provenance.path("models")) {
            models.putIfAbsent(m.path("name").asText(), models.size());
        }
        return Comparator.<Cell>comparingInt(c -> models.getOrDefault(c.model(), Integer.MAX_VALUE))
                .thenComparing(Cell::model, Names.NATURAL)
                .thenComparing(Cell::caseName, Names.NATURAL)
                .thenComparing(Cell::setting, Names.NATURAL)
                .thenComparingInt(Cell::replicate)
                .thenComparing(Cell::id);
    }

    static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }

    /** A fresh empty object, for writers. */
    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
