package org.gsmile.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * A run with a scenario suite and image edits, from its folder to its report: the images named in the
 * cell files are read, copied into the report and shown from there; one that is missing is a problem
 * the report names without linking to it; the scenario page and its tables are written and linked.
 */
class ScenarioReportTest {
    @TempDir
    Path temp;

    @Test
    void theImagesGoFromTheRunFolderIntoTheReportAndThePagesShowThem() throws Exception {
        Path runDir = ScenarioFixture.write(temp.resolve("run"));
        RunFolder run = RunFolder.read(runDir);
        List<RunProblem> problems = run.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("missing-image", problems.get(0).code());
        String missingCell = ScenarioFixture.id("editor-b", "c2", 0);
        assertTrue(problems.get(0).message().contains("images/" + missingCell + "/telling-2.png"), problems.toString());

        Cell imaged = run.cells().stream().filter(c -> c.id().equals(ScenarioFixture.id("editor-a", "c1", 0))).findFirst()
                .orElseThrow();
        assertEquals("images/" + imaged.id() + "/input.png", imaged.images().input().file());
        assertEquals("images/" + imaged.id() + "/edited.png", imaged.images().edited().file());
        assertEquals(2, imaged.images().telling().size());
        ShownImages.Shown t1 = imaged.images().telling().get(0);
        assertEquals("without-top-unit", t1.role());
        assertEquals("the haze from the image.", t1.prompt());
        assertEquals(0.125, t1.distance());
        assertEquals(3, imaged.images().calls());
        assertEquals("fixture/scenes/clear_day.png", imaged.scene());

        Path report = Report.write(run, temp.resolve("report")).getParent();
        // Every image the run holds is in the report, byte for byte; the cell page shows the report's copies.
        int copied = 0;
        for (Cell c : run.cells()) {
            for (ShownImages.Shown s : c.images().all()) {
                Path source = runDir.resolve(s.file());
                if (!Files.exists(source)) {
                    continue;
                }
                String name = s == c.images().input() ? "input" : s == c.images().edited() ? "edited"
                        : "telling-" + (c.images().telling().indexOf(s) + 1);
                assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(report.resolve(ImagePanel.target(c.id(),
                        name))), s.file());
                copied++;
            }
        }
        // 8 ok scenario cells of 4 images each, less editor-b's missing telling-2.png (the failed cell and the
        // plain prompts have none).
        assertEquals(8 * 4 - 1, copied);
        String page = Files.readString(report.resolve("cells/" + imaged.id() + ".html"));
        assertTrue(page.contains("<img src=\"../images/" + imaged.id() + "/input.png\""), "the input beside the heatmap");
        assertTrue(page.contains("<img src=\"../images/" + imaged.id() + "/edited.png\""));
        assertTrue(page.contains("without the top unit — “the haze from the image.”, Δ = 0.125"), "instruction and Δ");
        assertTrue(page.indexOf("role=\"img\"") < page.indexOf("input.png"), "the heatmap comes first, the images beside it");
        assertTrue(page.contains("weather=clear time=day edit=remove"), "the cell page names its scenario");
        String missing = Files.readString(report.resolve("cells/" + missingCell + ".html"));
        assertTrue(missing.contains("images/" + missingCell + "/telling-2.png is not in the run folder"));
        assertFalse(missing.contains("src=\"../images/" + missingCell + "/telling-2.png\""), "no link to what is not there");

        String index = Files.readString(report.resolve("index.html"));
        assertTrue(index.contains("href=\"scenarios.html\""), "the index links the scenario page");
        assertTrue(index.contains("[missing-image]"), "the index names the missing image");
        String scenarios = Files.readString(report.resolve("scenarios.html"));
        assertTrue(scenarios.contains("4 of the 8 allowed scenarios"), "cases against the factorial");
        assertTrue(scenarios.contains("12 of 12 allowed 2-way combinations of values covered (100.0 %)"));
        assertTrue(scenarios.contains("0.2500 (n = 1)"), "editor-b's rainy ATT-AUROC: one cell, no interval");
        assertTrue(scenarios.contains("<img class=\"thumb\" src=\"images/"), "the cases show their images");
        for (String f : List.of("coverage.csv", "summary-by-scenario.csv", "summary-by-scenario-case.csv")) {
            Table t = Table.read().csv(report.resolve("tables").resolve(f).toFile());
            assertTrue(t.rowCount() > 0, f);
        }
        ReportTest.assertEveryLinkIsLocalAndResolves(report);
    }

    @Test
    void aRunWithoutSuitesHasNoScenarioPageAndEmptyScenarioTables() throws Exception {
        Path report = Report.write(RunFolder.read(ReportFixture.run()), temp.resolve("plain")).getParent();
        assertFalse(Files.exists(report.resolve("scenarios.html")));
        assertFalse(Files.readString(report.resolve("index.html")).contains("scenarios.html"));
        assertEquals(0, Table.read().csv(report.resolve("tables/coverage.csv").toFile()).rowCount());
    }
}
