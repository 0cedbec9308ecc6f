package org.gsmile.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gsmile.experiments.plan.Cell;
import org.gsmile.experiments.plan.Experiment;
import org.gsmile.experiments.plan.ExperimentFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a cell file and the provenance say of a scenario suite's case (the format org.gsmile.reports documents). */
class ScenarioCellJsonTest {
    @TempDir
    Path dir;

    @Test
    void theCellHeaderCarriesTheScenarioAndTheSceneAndTheProvenanceTheSuite() throws IOException {
        Path driving = Path.of("suites/driving.yaml").toAbsolutePath();
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, "models: [local:stories260K]\ncases:\n  - Lily wanted to play\n"
                + "  - {suite: " + driving + ", strategy: pairwise}\n");
        Experiment e = ExperimentFile.load(file);
        List<Cell> cells = e.cells();

        ObjectNode plain = CellJson.header(cells.get(0));
        assertTrue(plain.get("scenario").isObject());
        assertEquals(0, plain.get("scenario").size());
        assertTrue(plain.get("scene").isNull());

        Cell suiteCell = cells.get(1);
        ObjectNode h = CellJson.header(suiteCell);
        JsonNode scenario = h.get("scenario");
        assertEquals(List.of("scenery", "weather", "time", "quality", "edit"), iterable(scenario));
        suiteCell.kase().scenario().forEach((k, v) -> assertEquals(v, scenario.get(k).asText(), k));
        assertEquals(suiteCell.kase().scene(), h.get("scene").asText());
        assertTrue(h.get("scene").asText().startsWith("tinyeditor/scenes/"));
        assertEquals(suiteCell.kase().id(), h.get("case").asText());

        ObjectNode suite = ExperimentRunner.suiteJson(e.suites().get(0));
        assertEquals("driving", suite.get("name").asText());
        assertEquals("pairwise", suite.get("strategy").asText());
        assertEquals(2, suite.get("t").asInt());
        assertTrue(suite.get("n").isNull());
        assertEquals(42, suite.get("seed").asLong());
        assertEquals(47, suite.get("cases").asInt());
        assertEquals(124, suite.get("factorial").asLong());
        assertEquals(175, suite.get("coverage").get("covered").asLong());
        assertEquals(175, suite.get("coverage").get("allowed").asLong());
        assertEquals("environment", suite.get("dimensions").get(1).get("group").asText());
        assertEquals("weather", suite.get("dimensions").get(1).get("name").asText());
        assertEquals(47, suite.get("caseIds").size());
        assertEquals(suiteCell.kase().id(), suite.get("caseIds").get(0).asText());
    }

    private static List<String> iterable(JsonNode o) {
        List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
