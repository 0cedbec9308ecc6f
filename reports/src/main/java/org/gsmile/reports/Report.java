package org.gsmile.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.gsmile.core.UserInputException;

/**
 * Writes a run's report: a folder that works offline from itself alone (every link relative,
 * plotly.js copied in once), laid out as
 *
 * <pre>
 * index.html                  provenance, model comparison, coverage of the scenario suites, headline plots,
 *                             warnings, failed cells, links
 * scenarios.html              (a run with scenario suites) coverage, every scenario metric per dimension value
 *                             and model, scenario × model heatmaps, the cases
 * plots/metrics.html          metric bars per model (mean ± 95 % interval over cells)
 * plots/settings.html         setting × model heatmaps of the headline metrics
 * plots/consistency.html      box plots of each unit's scores over repeated runs
 * plots/faithfulness.html     deletion and insertion curves beside the random and leave-one-out rankings
 * plots/fidelity.html         predicted against actual output distance on fresh perturbations
 * cases/&lt;case&gt;.html          the prompt heatmaps of one case, every model, setting and replicate, one scale
 * cells/&lt;id&gt;.html            one explanation: heatmap, units, warnings, metrics, every perturbation
 * svg/&lt;case&gt;.svg             the case's comparison figure, standalone (no script)
 * svg/&lt;case&gt;/&lt;id&gt;.svg        one explanation's heatmap, standalone
 * images/&lt;id&gt;/*.png          an image-editing cell's input, edit and telling perturbations, copied from the run
 * tables/*.csv                the Tablesaw tables (see {@link #TABLES})
 * plotly.min.js, report.css
 * </pre>
 *
 * Writing the same run twice gives the same files: nothing in a report depends on when or where it
 * was written.
 */
public final class Report {
    static final String PLOTLY_FILE = "plotly.min.js";
    /** Marks a folder as a report, so that only a report is ever replaced. */
    static final String MARKER = ".gsmile-report";
    private static final String PLOTLY_RESOURCE = "/org/gsmile/reports/plotly/";

    /** The CSV files under {@code tables/}, with what each holds. */
    public static final java.util.Map<String, String> TABLES = Tables.FILES;

    private Report() {
    }

    /** Where {@code gsmile run} puts a run's report unless told otherwise: {@code <run>/report}. */
    public static Path defaultDir(RunFolder run) {
        return run.dir().resolve("report");
    }

    /**
     * Writes the report of {@code run} into {@code reportDir}, atomically: it is built in a temporary
     * folder beside {@code reportDir}, then moved into place, so a reader sees the old report or the new
     * one, never half of one (an existing report is replaced whole; between the two moves the folder is
     * briefly absent). A folder that exists and is neither empty nor a report is refused.
     *
     * @return the report's {@code index.html}
     * @throws UserInputException   when {@code reportDir} is a file, a folder that is not a report, the
     *                              run folder itself (or inside it), or cannot be created
     * @throws UncheckedIOException when writing fails otherwise
     */
    public static Path write(RunFolder run, Path reportDir) {
        Path target = reportDir.toAbsolutePath().normalize();
        Path runDir = run.dir().toAbsolutePath().normalize();
        if (runDir.startsWith(target)) {
            throw new UserInputException("cannot write the report to " + reportDir + ": it would replace the run folder "
                    + run.dir() + "; give a folder inside or beside it, e.g. " + runDir.resolve("report"));
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new UserInputException("cannot write the report to " + reportDir + ": it is a file; give a folder");
        }
        if (Files.isDirectory(target) && !Files.exists(target.resolve(MARKER)) && !isEmpty(target)) {
            throw new UserInputException("cannot write the report to " + reportDir + ": the folder exists and is not a"
                    + " gSMILE-J report, so it is not replaced; give another folder or empty it");
        }
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UserInputException("cannot write the report to " + reportDir + ": " + parent + " cannot be created ("
                    + RunFolder.oneLine(e.getMessage()) + ")", e);
        }
        if (!Files.isWritable(parent)) {
            throw new UserInputException("cannot write the report to " + reportDir + ": " + parent + " is not writable");
        }
        removeLeftovers(parent, name);
        Path tmp;
        try {
            tmp = Files.createTempDirectory(parent, "." + name + ".tmp-");
        } catch (IOException e) {
            throw new UserInputException("cannot write the report to " + reportDir + ": no temporary folder can be made in "
                    + parent + " (" + RunFolder.oneLine(e.getMessage()) + ")", e);
        }
        Path old = null;
        try {
            build(run, tmp);
            if (Files.exists(target)) {
                old = parent.resolve("." + name + ".old-" + tmp.getFileName().toString().substring(name.length() + 6));
                move(target, old);
            }
            move(tmp, target);
            if (old != null) {
                deleteTree(old);
            }
            return target.resolve("index.html");
        } catch (IOException | RuntimeException e) {
            try {
                deleteTree(tmp);
                if (old != null && Files.exists(old) && !Files.exists(target)) {
                    move(old, target);
                }
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException("cannot write the report to " + reportDir + ": " + e.getMessage(), (IOException) e);
        }
    }

    private static void build(RunFolder run, Path dir) throws IOException {
        copyResource(PLOTLY_FILE, dir.resolve(PLOTLY_FILE));
        copyResource("LICENSE", dir.resolve("plotly.LICENSE.txt"));
        Files.writeString(dir.resolve("report.css"), Html.CSS, StandardCharsets.UTF_8);
        Tables tables = Tables.of(run);
        tables.writeCsv(dir.resolve("tables"));
        new Pages(run, tables, dir).write();
        Files.writeString(dir.resolve(MARKER), "gSMILE-J report; replaced whole by the next `gsmile report`\n");
    }

    /** The pinned plotly.js version the build fetched (plotly.properties). */
    public static String plotlyVersion() {
        return PlotlyInfo.VERSION;
    }

    private static final class PlotlyInfo {
        static final String VERSION = load();

        private static String load() {
            try (InputStream in = Report.class.getResourceAsStream(PLOTLY_RESOURCE + "plotly.properties")) {
                if (in == null) {
                    return "unknown";
                }
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }

    private static void copyResource(String resource, Path to) throws IOException {
        try (InputStream in = Report.class.getResourceAsStream(PLOTLY_RESOURCE + resource)) {
            if (in == null) {
                throw new IllegalStateException("plotly.js is missing from the gsmile-reports jar (" + PLOTLY_RESOURCE
                        + resource + "): the Maven build fetches it into the module's resources; build with mvn");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Temporary and old folders a killed earlier write left beside the report; only those over an hour
     * old, since a younger one may be another process's write in progress.
     */
    private static void removeLeftovers(Path parent, String name) {
        long cutoff = System.currentTimeMillis() - 3_600_000L;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, "." + name + ".{tmp,old}-*")) {
            for (Path p : s) {
                if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            // Leftovers are harmless: they are hidden and the next write tries again.
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
