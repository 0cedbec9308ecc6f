package org.gsmile.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The images of an image-editing cell, as its file's {@code images} block names them (format: the
 * package documentation): the input, the edit of the whole instruction, and the edits of the most
 * telling perturbations with their instructions and shifts. Each is a file under the run folder; one
 * that is not (a bad path, a deleted file) is reported as a problem and left out of the pages, so a
 * report never links to an image it does not hold.
 *
 * @param input   the input image, or null
 * @param edited  the edit of the whole instruction, or null
 * @param telling the telling perturbations, in the runner's order
 * @param calls   the editor calls made to draw them (beyond the explanation's), -1 where not given
 */
record ShownImages(Shown input, Shown edited, List<Shown> telling, long calls) {
    /**
     * One image.
     *
     * @param file     its path relative to the run folder, as the block gives it
     * @param role     {@code input}, {@code edited}, or the perturbation's role ({@code without-top-unit},
     *                 {@code top-k-only}, {@code largest-shift}; a later runner may add others)
     * @param prompt   the instruction the editor was given ("" for the input)
     * @param mask     the units kept, in 0 and 1 ("" where not a perturbation)
     * @param distance the output shift from the edit of the whole instruction (NaN where not given)
     */
    record Shown(String file, String role, String prompt, String mask, double distance) {
    }

    static final ShownImages NONE = new ShownImages(null, null, List.of(), -1);

    ShownImages {
        telling = List.copyOf(telling);
    }

    /** Reads a block leniently: an entry without a file name is left out; no block is {@link #NONE}. */
    static ShownImages of(JsonNode block) {
        if (block == null || !block.isObject()) {
            return NONE;
        }
        List<Shown> telling = new ArrayList<>();
        for (JsonNode t : block.path("telling")) {
            if (t.path("file").isTextual()) {
                telling.add(new Shown(t.get("file").asText(), t.path("role").asText("perturbation"),
                        t.path("prompt").asText(""), t.path("mask").asText(""), Explained.number(t.get("distance"))));
            }
        }
        JsonNode calls = block.get("calls");
        return new ShownImages(plain(block, "input"), plain(block, "edited"), telling,
                calls != null && calls.canConvertToLong() && calls.isIntegralNumber() ? calls.asLong() : -1);
    }

    private static Shown plain(JsonNode block, String key) {
        JsonNode f = block.get(key);
        return f != null && f.isTextual() ? new Shown(f.asText(), key, "", "", Double.NaN) : null;
    }

    boolean isEmpty() {
        return input == null && edited == null && telling.isEmpty();
    }

    /** Every image named, input and edit first. */
    List<Shown> all() {
        List<Shown> out = new ArrayList<>();
        if (input != null) {
            out.add(input);
        }
        if (edited != null) {
            out.add(edited);
        }
        out.addAll(telling);
        return out;
    }

    /** The named files that are not a file inside {@code runDir}. */
    List<String> missing(Path runDir) {
        return all().stream().map(Shown::file).filter(f -> resolve(runDir, f) == null).toList();
    }

    /**
     * The file a block's path names, or null where it is not a regular file inside the run folder (an
     * absolute path or one climbing out with {@code ..} is refused: a report copies only the run's own files).
     */
    static Path resolve(Path runDir, String file) {
        Path root = runDir.toAbsolutePath().normalize();
        try {
            if (Path.of(file).isAbsolute()) {
                return null;
            }
            Path p = root.resolve(file).normalize();
            return p.startsWith(root) && !p.equals(root) && Files.isRegularFile(p) ? p : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
