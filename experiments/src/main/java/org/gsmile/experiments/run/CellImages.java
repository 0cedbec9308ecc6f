package org.gsmile.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.gsmile.api.TellingPerturbations;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.model.ImageEditor;

/**
 * The images a report shows of a cell that explained an image editor: the input scene, the edit of
 * the whole instruction and the edits of the most telling perturbations ({@link TellingPerturbations}),
 * written as PNG files under {@code images/<cell id>/} and named in the cell file's {@code images}
 * block (the format {@code org.gsmile.reports} documents). The report reads only the run folder, and
 * an explanation's observations keep only output shifts, so the editor is asked again for these
 * images; those calls are the block's {@code calls}.
 *
 * <p>Each image is written atomically, and the block goes into the cell file, which the runner writes
 * only once everything is done: a finished cell is never drawn again, and a cell whose metrics alone
 * are recomputed keeps the images its previous file names.
 */
final class CellImages {
    /** The cell file's key, and the run folder's subfolder. */
    static final String KEY = "images";

    /** What drawing cost: the editor calls and the time spent in them. */
    record Drawn(int calls, double modelMs) {
        static final Drawn NONE = new Drawn(0, 0);
    }

    private CellImages() {
    }

    /**
     * Adds the {@code images} block to {@code cell} where {@code subject} is an editor bound to its
     * input image, drawing the images unless {@code old} (the cell's previous file, or null) names
     * images that are all still there; any other model draws nothing.
     */
    static Drawn addTo(ObjectNode cell, RunFolderFiles runDir, String cellId, BlackBoxModel subject, Explanation e, JsonNode old) {
        if (!(subject instanceof ImageEditor.Bound bound)) {
            return Drawn.NONE;
        }
        Optional<JsonNode> kept = reusable(runDir, old);
        if (kept.isPresent()) {
            cell.set(KEY, kept.get().deepCopy());
            return Drawn.NONE;
        }
        // Its own clock: the images block reports the drawing's model time apart from the cell's.
        ModelClock clock = new ModelClock();
        TellingPerturbations.Result telling = TellingPerturbations.of(e, clock.wrap(bound));
        String dir = KEY + "/" + cellId + "/";
        // Set on the cell only when whole: a failed write fails the cell, whose file then names no images.
        ObjectNode block = JsonNodeFactory.instance.objectNode();
        block.put("input", write(runDir, dir + "input.png", bound.input()));
        // The first image shown is always y₀, the edit of the whole instruction; the rest are perturbations.
        List<TellingPerturbations.Shown> shown = telling.shown();
        block.put("edited", write(runDir, dir + "edited.png", shown.get(0).image()));
        ArrayNode list = block.putArray("telling");
        for (int i = 1; i < shown.size(); i++) {
            TellingPerturbations.Shown s = shown.get(i);
            ObjectNode t = list.addObject();
            t.put("role", s.role());
            t.put("prompt", s.prompt());
            t.put("mask", s.mask().toString());
            if (Double.isFinite(s.outputDistance())) {
                t.put("distance", s.outputDistance());
            } else {
                t.putNull("distance");
            }
            t.put("file", write(runDir, dir + "telling-" + i + ".png", s.image()));
        }
        block.put("calls", telling.calls());
        double modelMs = clock.busyMillis();
        block.put("modelMs", Math.round(modelMs * 1000) / 1000.0);
        cell.set(KEY, block);
        return new Drawn(telling.calls(), modelMs);
    }

    /** The previous file's block, where the cell finished before and every file it names is there. */
    private static Optional<JsonNode> reusable(RunFolderFiles runDir, JsonNode old) {
        if (old == null || !"ok".equals(old.path("status").asText()) || !old.path(KEY).isObject()) {
            return Optional.empty();
        }
        JsonNode block = old.get(KEY);
        List<JsonNode> files = new java.util.ArrayList<>(List.of(block.path("input"), block.path("edited")));
        block.path("telling").forEach(t -> files.add(t.path("file")));
        for (JsonNode f : files) {
            if (!f.isTextual() || !runDir.isFile(f.asText())) {
                return Optional.empty();
            }
        }
        return Optional.of(block);
    }

    /** Writes one PNG atomically; returns its path relative to the run folder, as the block names it. */
    private static String write(RunFolderFiles runDir, String relative, Image image) {
        runDir.write(relative, image.toPng());
        return relative;
    }
}
