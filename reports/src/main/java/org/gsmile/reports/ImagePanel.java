package org.gsmile.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * An image-editing cell's images in its report: copied from the run folder into
 * {@code images/<cell>/} of the report (so the report works from its own folder), and shown as the
 * thesis shows an edit — the instruction's heatmap beside the input and the edited image, then the
 * edits of the most telling perturbations, each with its instruction and its shift. An image the run
 * folder does not hold is named, not linked (the run problems say which), so no page asks for a file
 * that is not there.
 */
final class ImagePanel {
    private final Path runDir;
    private final Path reportDir;

    ImagePanel(Path runDir, Path reportDir) {
        this.runDir = runDir;
        this.reportDir = reportDir;
    }

    /**
     * Where a cell's image goes in the report: {@code input}, {@code edited} or {@code telling-<i>} (from
     * 1), by its place in the block, whatever the run folder called the file.
     */
    static String target(String cellSlug, String name) {
        return "images/" + cellSlug + "/" + name + ".png";
    }

    /** Copies every image of the cell the run folder holds into the report. */
    void copy(String cellSlug, ShownImages images) throws IOException {
        copy(cellSlug, images.input(), "input");
        copy(cellSlug, images.edited(), "edited");
        for (int i = 0; i < images.telling().size(); i++) {
            copy(cellSlug, images.telling().get(i), "telling-" + (i + 1));
        }
    }

    private void copy(String cellSlug, ShownImages.Shown s, String name) throws IOException {
        Path source = s == null ? null : ShownImages.resolve(runDir, s.file());
        if (source != null) {
            Path to = reportDir.resolve(target(cellSlug, name));
            Files.createDirectories(to.getParent());
            Files.copy(source, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The instruction's heatmap beside the input and the edit, for a cell page (one folder below the
     * report's root), after {@link #copy}.
     */
    String beside(String cellSlug, ShownImages images, String heatmapSvg) {
        StringBuilder b = new StringBuilder("<div class=\"images\">\n<figure class=\"instruction\">")
                .append(heatmapSvg).append("<figcaption>the instruction's units coloured by attribution</figcaption>")
                .append("</figure>\n");
        if (images.input() != null) {
            b.append(figure(cellSlug, images.input(), "input", "input"));
        }
        if (images.edited() != null) {
            b.append(figure(cellSlug, images.edited(), "edited", "edited: the whole instruction"));
        }
        return b.append("</div>").toString();
    }

    /** The edits of the telling perturbations, with their instructions and shifts ("" where there are none). */
    String telling(String cellSlug, ShownImages images) {
        StringBuilder b = new StringBuilder();
        if (!images.telling().isEmpty()) {
            b.append("<h3>Most telling perturbations</h3>\n<p class=\"caption\">The editor's output for instructions the"
                    + " explanation points to; Δ is the output distance from the edit of the whole instruction, as the"
                    + " explanation measured it.</p>\n<div class=\"images\">\n");
            for (int i = 0; i < images.telling().size(); i++) {
                ShownImages.Shown s = images.telling().get(i);
                String caption = role(s.role()) + " — “" + s.prompt() + "”, Δ = " + Html.num(s.distance())
                        + (s.mask().isEmpty() ? "" : ", mask " + s.mask());
                b.append(figure(cellSlug, s, "telling-" + (i + 1), caption));
            }
            b.append("</div>\n");
        }
        return b.toString();
    }

    /**
     * A thumbnail of a cell's input or edited image for a page at the report's root, after
     * {@link #copy}; null where the run folder lacks it.
     */
    String thumbnail(String cellSlug, ShownImages images, boolean edited) {
        ShownImages.Shown s = edited ? images.edited() : images.input();
        String name = edited ? "edited" : "input";
        return s == null || ShownImages.resolve(runDir, s.file()) == null ? null : "<img class=\"thumb\" src=\""
                + target(cellSlug, name) + "\" alt=\"" + name + "\">";
    }

    private String figure(String cellSlug, ShownImages.Shown s, String name, String caption) {
        if (ShownImages.resolve(runDir, s.file()) == null) {
            return "<figure class=\"missing\"><div>" + Html.esc(s.file()) + " is not in the run folder</div><figcaption>"
                    + Html.esc(caption) + "</figcaption></figure>\n";
        }
        String rel = target(cellSlug, name);
        return "<figure><a href=\"../" + rel + "\"><img src=\"../" + rel + "\" alt=\"" + Html.esc(caption) + "\"></a>"
                + "<figcaption>" + Html.esc(caption) + "</figcaption></figure>\n";
    }

    /** The runner's role names, as a reader says them. */
    private static String role(String role) {
        return switch (role) {
            case "without-top-unit" -> "without the top unit";
            case "top-k-only" -> "the top units only";
            case "largest-shift" -> "the largest shift drawn";
            default -> role.replace('-', ' ').toLowerCase(Locale.ROOT);
        };
    }
}
