package org.gsmile.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The scenario tables of the hand-made {@link ScenarioFixture} run against values worked out
 * independently: the means, standard deviations and 95 % intervals by numpy and scipy
 * (tools/reference/scenario_tables.py), the coverage row and the groups by hand.
 */
class ScenarioTablesTest {
    @TempDir
    Path temp;
    Tables tables;

    @BeforeEach
    void read() {
        tables = Tables.of(RunFolder.read(ScenarioFixture.write(temp.resolve("run"))));
    }

    /** The one row of {@code t} whose leading columns are {@code key} (its own Row: iteration reuses one). */
    static Row row(Table t, String... key) {
        int found = -1;
        for (Row r : t) {
            boolean match = true;
            for (int i = 0; i < key.length; i++) {
                match &= key[i].equals(r.getString(i));
            }
            if (match) {
                assertEquals(-1, found, "two rows for " + List.of(key));
                found = r.getRowNumber();
            }
        }
        assertTrue(found >= 0, "no row for " + List.of(key) + " in " + t.name());
        return t.row(found);
    }

    /** n, missing, mean, sd, lower, upper; NaN where the group has no such value. */
    static void assertStats(Row r, int n, int missing, double mean, double sd, double lower, double upper) {
        assertEquals(n, r.getInt("n"));
        assertEquals(missing, r.getInt("missing"));
        assertNumber(mean, r.getDouble("mean"));
        assertNumber(sd, r.getDouble("sd"));
        assertNumber(lower, r.getDouble("ci95Lower"));
        assertNumber(upper, r.getDouble("ci95Upper"));
    }

    private static void assertNumber(double expected, double actual) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), "expected no value, got " + actual);
        } else {
            assertEquals(expected, actual, 1e-12);
        }
    }

    @Test
    void perDimensionValueMatchesScipy() {
        Table t = tables.scenarios.byValue;
        assertEquals(List.of("suite", "dimension", "value", "model", "metric", "n", "missing", "mean", "sd", "ci95Lower",
                "ci95Upper"), t.columnNames());
        String s = ScenarioFixture.SUITE;
        // editor-a's clear cells: case 1 twice (1.0, 0.9375) and case 2 (0.75).
        assertStats(row(t, s, "weather", "clear", "editor-a", "accuracy.attAuroc"), 3, 0, 0.8958333333333334,
                0.13010412496663332, 0.5726367700494419, 1.2190298966172248);
        assertStats(row(t, s, "edit", "remove", "editor-a", "fidelity.inSample.r2w"), 3, 0, 0.85, 0.04999999999999999,
                0.7257931144124835, 0.9742068855875164);
        assertStats(row(t, s, "time", "day", "editor-b", "stability.seedRuzicka"), 2, 0, 0.4, 0.14142135623730953,
                -0.8706204736174695, 1.6706204736174697);
        assertStats(row(t, s, "time", "night", "editor-a", "faithfulness.explanation.aopcComprehensiveness"), 2, 0, 0.175,
                0.10606601717798213, -0.7779653552131021, 1.1279653552131021);
        // editor-b's case 4 failed: its rainy value rests on case 3 alone, and one value has no interval.
        assertStats(row(t, s, "weather", "rainy", "editor-b", "accuracy.attAuroc"), 1, 0, 0.25, Double.NaN, Double.NaN,
                Double.NaN);
        // editor-a's case 3 has no out-of-sample R² (not finite): counted as missing, not as a value.
        assertStats(row(t, s, "weather", "rainy", "editor-a", "fidelity.outOfSample.r2"), 1, 1, 0.6, Double.NaN,
                Double.NaN, Double.NaN);
    }

    @Test
    void perSettingRowsSplitThePooledOnes() {
        // The fixture's cells have one setting: each per-setting row is its pooled row, number for number.
        Table pooled = tables.scenarios.byValue;
        Table split = tables.scenarios.byValueAndSetting;
        assertEquals(List.of("suite", "dimension", "value", "model", "setting", "metric", "n", "missing", "mean", "sd",
                "ci95Lower", "ci95Upper"), split.columnNames());
        assertEquals(pooled.rowCount(), split.rowCount());
        for (int i = 0; i < pooled.rowCount(); i++) {
            Row p = pooled.row(i);
            Row r = row(split, p.getString("suite"), p.getString("dimension"), p.getString("value"), p.getString("model"),
                    "default", p.getString("metric"));
            assertStats(r, p.getInt("n"), p.getInt("missing"), p.getDouble("mean"), p.getDouble("sd"),
                    p.getDouble("ci95Lower"), p.getDouble("ci95Upper"));
        }
    }

    @Test
    void eachDimensionSplitsTheSuitesCellsAndPlainPromptsAreLeftOut() {
        Table t = tables.scenarios.byValue;
        for (String dim : List.of("weather", "time", "edit")) {
            int a = 0;
            int b = 0;
            for (Row r : t) {
                if (r.getString("dimension").equals(dim) && r.getString("metric").equals("accuracy.attAuroc")) {
                    a += r.getString("model").equals("editor-a") ? r.getInt("n") : 0;
                    b += r.getString("model").equals("editor-b") ? r.getInt("n") : 0;
                }
            }
            // editor-a: 5 scenario cells (case 1 twice); editor-b: 3 (case 4 failed); the plain prompt in neither.
            assertEquals(5, a, dim);
            assertEquals(3, b, dim);
        }
        assertFalse(tables.scenarios.byCase.stringColumn("case").contains("plain"));
    }

    @Test
    void rowsFollowTheTaxonomysOrderNotTheAlphabet() {
        Table t = tables.scenarios.byValue;
        List<String> order = new java.util.ArrayList<>();
        for (Row r : t) {
            String v = r.getString("dimension") + "=" + r.getString("value");
            if (!order.contains(v)) {
                order.add(v);
            }
        }
        assertEquals(List.of("weather=clear", "weather=rainy", "time=day", "time=night", "edit=remove", "edit=brighten"),
                order);
    }

    @Test
    void perCaseGroupsReplicatesAndLeavesOutWhatNoCellReached() {
        Table t = tables.scenarios.byCase;
        assertStats(row(t, ScenarioFixture.SUITE, "c1", "weather=clear time=day edit=remove", "editor-a",
                "accuracy.attAuroc"), 2, 0, 0.96875, 0.04419417382415922, 0.5716811019945408, 1.3658188980054593);
        for (Row r : t) {
            assertFalse(r.getString("case").equals("c4") && r.getString("model").equals("editor-b"),
                    "a failed cell has no values, so no row");
        }
    }

    @Test
    void theCoverageRowSaysHowTheCasesWereMadeAndWhatTheyCover() {
        Table t = tables.scenarios.coverage;
        assertEquals(1, t.rowCount());
        Row r = t.row(0);
        assertEquals(ScenarioFixture.SUITE, r.getString("suite"));
        assertEquals("pairwise", r.getString("strategy"));
        assertEquals(2, r.getInt("t"));
        assertTrue(t.column("n").isMissing(0), "n is for strategy random only");
        assertEquals(42, r.getLong("seed"));
        assertEquals(4, r.getLong("cases"));
        assertEquals(8, r.getLong("factorial"));
        assertEquals(0.5, r.getDouble("casesShare"));
        assertEquals(12, r.getLong("covered"));
        assertEquals(12, r.getLong("allowed"));
        assertEquals(1.0, r.getDouble("coveredShare"));
        assertEquals(3, r.getInt("dimensions"));
        assertEquals("weather: clear | rainy; time: day | night; edit: remove | brighten", r.getString("values"));
    }

    @Test
    void withoutProvenanceTheCellsStillMakeASuiteThatClaimsNoCoverage() throws Exception {
        Path run = ScenarioFixture.write(temp.resolve("bare"));
        Files.delete(run.resolve("provenance.json"));
        Tables bare = Tables.of(RunFolder.read(run));
        Row r = bare.scenarios.coverage.row(0);
        assertEquals(Suites.UNLISTED, r.getString("suite"));
        assertTrue(bare.scenarios.coverage.column("covered").isMissing(0));
        assertTrue(bare.scenarios.coverage.column("factorial").isMissing(0));
        assertEquals(4, r.getLong("cases"));
        assertStats(row(bare.scenarios.byValue, Suites.UNLISTED, "weather", "clear", "editor-a", "accuracy.attAuroc"), 3, 0,
                0.8958333333333334, 0.13010412496663332, 0.5726367700494419, 1.2190298966172248);
    }

    @Test
    void aMeanIsNeverShownWithoutItsN() {
        assertEquals("0.4000 ± 1.271 (n = 2)", ScenarioPage.meanAndInterval(Stats.of(List.of(0.5, 0.3))));
        assertEquals("0.2500 (n = 1)", ScenarioPage.meanAndInterval(Stats.of(List.of(0.25))));
        assertEquals("0.6000 (n = 1, 1 not finite)", ScenarioPage.meanAndInterval(Stats.of(List.of(Double.NaN, 0.6))));
        assertEquals("– (n = 0)", ScenarioPage.meanAndInterval(Stats.of(List.of())));
    }
}
