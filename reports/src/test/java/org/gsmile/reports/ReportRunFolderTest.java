package org.gsmile.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gsmile.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged or unfinished run folder still gives a report, which names each problem; replacing a report is safe. */
class ReportRunFolderTest {
    @TempDir
    Path temp;

    static Path copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
        return to;
    }

    @Test
    void damagedCellFilesAreProblemsNotFailures() throws Exception {
        Path run = copy(ReportFixture.run(), temp.resolve("run"));
        Path cells = run.resolve("cells");
        Path someCell;
        try (Stream<Path> s = Files.list(cells)) {
            someCell = s.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
        Files.writeString(cells.resolve("truncated.json"), "{\"schema\": 1, \"id\": \"ab");
        Files.writeString(cells.resolve("notes.txt"), "my notes");
        Files.writeString(cells.resolve(".abc.json.tmp"), "{");
        Files.writeString(cells.resolve("future.json"), Files.readString(someCell).replaceFirst("\"schema\" : 1", "\"schema\" : 2"));
        Files.copy(someCell, cells.resolve("copy.json"));
        Files.writeString(cells.resolve("array.json"), "[1, 2]");
        Files.delete(run.resolve("summary.json"));

        RunFolder folder = RunFolder.read(run);
        List<String> codes = folder.problems().stream().map(RunProblem::code).sorted().toList();
        assertEquals(List.of("duplicate-cell", "foreign-file", "ignored-file", "misnamed-cell", "missing-summary",
                "unreadable-cell", "unreadable-cell", "unsupported-schema"), codes, folder.problems().toString());
        assertEquals(24, folder.cells().size());
        assertTrue(folder.summary().isEmpty());

        Path index = Report.write(folder, run.resolve("report"));
        String html = Files.readString(index);
        assertTrue(html.contains("cells/truncated.json is not JSON"), "the index names the unreadable file");
        assertTrue(html.contains("not finished"));
        String warnings = Files.readString(index.getParent().resolve("tables/warnings.csv"));
        assertTrue(warnings.contains("unsupported-schema"));
    }

    @Test
    void anInterruptedRunIsShownWithWhatItHas() throws Exception {
        Path run = copy(ReportFixture.run(), temp.resolve("run"));
        Files.delete(run.resolve("summary.json"));
        try (Stream<Path> s = Files.list(run.resolve("cells"))) {
            for (Path p : s.sorted().limit(20).toList()) {
                Files.delete(p);
            }
        }
        RunFolder folder = RunFolder.read(run);
        assertEquals(4, folder.cells().size());
        assertTrue(folder.problems().stream().anyMatch(p -> p.code().equals("incomplete-run")
                && p.message().startsWith("4 of 24 planned cells")), folder.problems().toString());
        assertTrue(Files.isRegularFile(Report.write(folder, temp.resolve("report"))));
    }

    @Test
    void notARunFolderIsOneLine() throws Exception {
        UserInputException e = assertThrows(UserInputException.class, () -> RunFolder.read(temp.resolve("nothing")));
        assertEquals("not a run folder: " + temp.resolve("nothing") + " is not a folder", e.getMessage());
        Files.createDirectories(temp.resolve("empty"));
        e = assertThrows(UserInputException.class, () -> RunFolder.read(temp.resolve("empty")));
        assertTrue(e.getMessage().contains("has neither provenance.json nor cells/"), e.getMessage());
    }

    @Test
    void aReportIsReplacedWholeAndNothingElseIsReplaced() throws Exception {
        RunFolder run = RunFolder.read(ReportFixture.run());
        Path dir = temp.resolve("out/report");
        Report.write(run, dir);
        Files.writeString(dir.resolve("stale.html"), "from an older report");
        Path leftover = Files.createDirectories(temp.resolve("out/.report.tmp-123"));
        Files.setLastModifiedTime(leftover, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 7_200_000L));
        Path inProgress = Files.createDirectories(temp.resolve("out/.report.tmp-456"));
        Path index = Report.write(run, dir);
        assertTrue(Files.isRegularFile(index));
        assertFalse(Files.exists(dir.resolve("stale.html")), "an existing report is replaced whole");
        try (Stream<Path> s = Files.list(temp.resolve("out"))) {
            assertEquals(List.of(".report.tmp-456", "report"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "a killed write's leftover is removed, a young one (another write in progress) is not, and no"
                            + " temporary or old folder of this write is left");
        }
        Report.deleteTree(inProgress);

        Path mine = temp.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("thesis.tex"), "precious");
        UserInputException e = assertThrows(UserInputException.class, () -> Report.write(run, mine));
        assertTrue(e.getMessage().contains("is not a gSMILE-J report"), e.getMessage());
        assertTrue(Files.exists(mine.resolve("thesis.tex")));

        Path file = temp.resolve("file.txt");
        Files.writeString(file, "x");
        assertTrue(assertThrows(UserInputException.class, () -> Report.write(run, file)).getMessage().contains("is a file"));
        assertTrue(assertThrows(UserInputException.class, () -> Report.write(run, run.dir())).getMessage()
                .contains("would replace the run folder"));
    }

    @Test
    void writingTheSameRunTwiceGivesTheSameFiles() throws Exception {
        RunFolder run = RunFolder.read(ReportFixture.run());
        Path a = Report.write(run, temp.resolve("a")).getParent();
        Path b = Report.write(run, temp.resolve("b")).getParent();
        List<Path> files;
        try (Stream<Path> s = Files.walk(a)) {
            files = s.filter(Files::isRegularFile).map(a::relativize).sorted().toList();
        }
        for (Path f : files) {
            assertEquals(-1L, Files.mismatch(a.resolve(f), b.resolve(f)), f.toString());
        }
    }
}
