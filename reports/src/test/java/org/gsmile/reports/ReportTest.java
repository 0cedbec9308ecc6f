package org.gsmile.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The fixture run's report: every file the report promises, with the rows and columns it promises. */
class ReportTest {
    @TempDir
    Path temp;

    /** A report works from its folder alone: every href and src is relative and names a file in it. */
    static void assertEveryLinkIsLocalAndResolves(Path report) throws Exception {
        java.util.regex.Pattern link = java.util.regex.Pattern.compile("(?:href|src)=\"([^\"]*)\"");
        List<Path> pages;
        try (Stream<Path> s = Files.walk(report)) {
            pages = s.filter(p -> p.toString().endsWith(".html")).toList();
        }
        int links = 0;
        for (Path page : pages) {
            java.util.regex.Matcher m = link.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1).replace("&amp;", "&");
                assertFalse(target.contains(":"), report.relativize(page) + " links outside the report: " + target);
                String file = target.replaceFirst("#.*$", "");
                if (!file.isEmpty()) {
                    links++;
                    Path resolved = page.getParent().resolve(file).normalize();
                    assertTrue(resolved.startsWith(report) && Files.isRegularFile(resolved),
                            report.relativize(page) + " links to a missing file: " + target);
                }
            }
        }
        assertTrue(links > 100, links + " links");
    }

    @Test
    void writesEveryTablePlotAndPageOfTheFixtureRun() throws Exception {
        Path runDir = ReportFixture.run();
        long t0 = System.nanoTime();
        RunFolder run = RunFolder.read(runDir);
        long read = System.nanoTime();
        Path index = Report.write(run, temp.resolve("report"));
        long written = System.nanoTime();
        Report.write(run, temp.resolve("again"));
        long warm = System.nanoTime();
        System.out.printf("gsmile (reports): the same report again (warm JVM) in %d ms%n", (warm - written) / 1_000_000);
        System.out.printf("gsmile (reports): fixture run built in %d ms (0 = reused); read in %d ms, report written in %d ms%n",
                ReportFixture.buildMillis, (read - t0) / 1_000_000, (written - read) / 1_000_000);

        assertEquals(24, run.plannedCells());
        assertEquals(24, run.cells().size());
        assertEquals(23, run.cells().stream().filter(Cell::ok).count());
        assertTrue(run.problems().isEmpty(), run.problems().toString());
        Path report = index.getParent();
        assertEquals(temp.resolve("report").toAbsolutePath(), report);
        for (String f : List.of("index.html", "plotly.min.js", "report.css", "plots/metrics.html", "plots/settings.html",
                "plots/consistency.html", "plots/faithfulness.html", "plots/fidelity.html", "cases/case-1.html",
                "svg/case-1.svg")) {
            assertTrue(Files.isRegularFile(report.resolve(f)), f);
        }
        for (String f : Report.TABLES.keySet()) {
            assertTrue(Files.isRegularFile(report.resolve("tables").resolve(f)), f);
        }
        try (Stream<Path> s = Files.list(report.resolve("cells"))) {
            assertEquals(24, s.count());
        }
        try (Stream<Path> s = Files.walk(report.resolve("svg"))) {
            assertEquals(3 + 23, s.filter(p -> p.toString().endsWith(".svg")).count());
        }

        Table explanations = Table.read().csv(report.resolve("tables/explanations.csv").toFile());
        assertEquals(List.of("cell", "model", "case", "setting", "replicate", "seed", "unit", "position", "start", "end",
                "score", "normalized", "lower", "upper", "sign"), explanations.columnNames());
        Table metrics = Table.read().csv(report.resolve("tables/metrics.csv").toFile());
        assertTrue(metrics.stringColumn("metric").contains("fidelity.outOfSample.spearman"));
        assertTrue(metrics.stringColumn("metric").contains("stability.changes.start.topKJaccard"));
        assertFalse(metrics.stringColumn("metric").contains("fidelity.outOfSample.predicted"));
        Table comparison = Table.read().csv(report.resolve("tables/model-comparison.csv").toFile());
        assertEquals(2, comparison.rowCount());
        Table warnings = Table.read().csv(report.resolve("tables/warnings.csv").toFile());
        assertTrue(warnings.stringColumn("code").contains("cell-failed"));

        assertEveryLinkIsLocalAndResolves(report);
        String html = Files.readString(index);
        assertTrue(html.contains("src=\"plotly.min.js\""), "the index loads the report's own plotly.js");
        assertFalse(html.contains("cdn.plot.ly"), "no page may load plotly from the network");
        assertTrue(html.contains("simulated by the fixture"), "failed cells show their errors");
    }
}
