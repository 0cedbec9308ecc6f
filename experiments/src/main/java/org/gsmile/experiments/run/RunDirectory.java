package org.gsmile.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.gsmile.core.UserInputException;

/**
 * A run folder: {@code provenance.json}, {@code cells/<id>.json} (one per finished cell, written
 * whole or not at all), {@code observations.jsonl} (the observation store), {@code summary.json}
 * and {@code report/}. The layout is read by {@code org.gsmile.reports.RunFolder}.
 *
 * <p>A folder belongs to one experiment, by its name and file name: running another experiment
 * into it is refused. The same experiment whose file was edited resumes in it: cells whose
 * configuration is unchanged keep their ids and are not recomputed, and the provenance records
 * each revision of the file.
 *
 * <p>A folder on another file system ({@code hdfs://}) is this class's folder through its staging
 * copy ({@link RemoteRunFolder}): checked by what was found there, named in messages by its URI.
 */
final class RunDirectory {
    static final String PROVENANCE = "provenance.json";
    static final String CELLS = "cells";
    static final String SUMMARY = "summary.json";
    static final String STORE = "observations.jsonl";
    static final String REPORT = "report";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final JsonNode previous;

    private RunDirectory(Path dir, JsonNode previous) {
        this.dir = dir;
        this.previous = previous;
    }

    /**
     * Checks that the folder can hold this experiment's run, writing nothing.
     *
     * @throws UserInputException when it is a file, not writable, not a run folder, or another
     *                            experiment's run folder
     */
    static RunDirectory check(Path dir, String experimentName, String experimentFileName) {
        return check(dir, dir.toString(), RunFolderState.of(dir), experimentName, experimentFileName);
    }

    /**
     * As {@link #check(Path, String, String)}, for a folder that {@code dir} stands for: itself, or the
     * staging copy of a remote folder, whose provenance it holds.
     *
     * @param shown the folder as messages name it
     * @param state the folder as it was found
     */
    static RunDirectory check(Path dir, String shown, RunFolderState state, String experimentName,
                              String experimentFileName) {
        if (state.exists() && !state.folder()) {
            throw new UserInputException("the run folder " + shown + " is a file: set {output} to a folder");
        }
        JsonNode previous = null;
        if (state.exists()) {
            if (state.hasProvenance()) {
                previous = read(dir.resolve(PROVENANCE));
                String name = previous.path("experiment").path("name").asText();
                String file = Path.of(previous.path("experiment").path("file").asText("")).getFileName() + "";
                if (!name.equals(experimentName) || !file.equals(experimentFileName)) {
                    throw new UserInputException("the run folder " + shown + " holds the run of experiment '" + name
                            + "' (" + file + "), not of '" + experimentName + "' (" + experimentFileName + "): delete the"
                            + " folder to start fresh, or set {output} to another folder");
                }
            } else if (!state.empty()) {
                throw new UserInputException("the run folder " + shown + " is not a gsmile run folder (it has no "
                        + PROVENANCE + "): set {output} to a new or empty folder");
            }
            if (!state.writable()) {
                throw new UserInputException("the run folder " + shown + " is not writable: set {output} to a folder you"
                        + " can write");
            }
        } else if (!state.writable()) {
            throw new UserInputException("the run folder " + shown + " cannot be created (" + state.nearest() + " is not"
                    + " a writable folder): set {output} to a folder you can write");
        }
        return new RunDirectory(dir, previous);
    }

    Path dir() {
        return dir;
    }

    /** The provenance this folder had before this run, or null for a new folder. */
    JsonNode previousProvenance() {
        return previous;
    }

    void writeProvenance(ObjectNode provenance) {
        try {
            Files.createDirectories(dir.resolve(CELLS));
        } catch (IOException e) {
            throw new UserInputException("the run folder " + dir + " cannot be created: " + e.getMessage(), e);
        }
        AtomicFiles.write(dir.resolve(PROVENANCE), pretty(provenance));
    }

    /** Finished cells by id; a file that does not parse (a foreign or damaged one) counts as not finished. */
    Map<String, JsonNode> finishedCells() {
        Map<String, JsonNode> cells = new HashMap<>();
        Path folder = dir.resolve(CELLS);
        if (!Files.isDirectory(folder)) {
            return cells;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".json")) {
                    continue;
                }
                try {
                    JsonNode cell = JSON.readTree(f.toFile());
                    if (cell.path("id").asText().equals(name.substring(0, name.length() - 5))) {
                        cells.put(cell.get("id").asText(), cell);
                    }
                } catch (IOException e) {
                    // Recomputed: a cell file is written atomically, so this one is not ours.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cells;
    }

    void writeCell(String id, ObjectNode cell) {
        AtomicFiles.write(dir.resolve(CELLS).resolve(id + ".json"), pretty(cell));
    }

    void writeSummary(ObjectNode summary) {
        AtomicFiles.write(dir.resolve(SUMMARY), pretty(summary));
    }

    Path storeFile() {
        return dir.resolve(STORE);
    }

    Path reportDir() {
        return dir.resolve(REPORT);
    }

    static String pretty(JsonNode node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserInputException(file + " cannot be read (" + e.getMessage() + "): delete the run folder to"
                    + " start fresh", e);
        }
    }
}
