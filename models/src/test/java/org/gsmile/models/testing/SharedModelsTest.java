package org.gsmile.models.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The skip-or-fail rule itself, on made-up environments, so it is checked with or without the real models. */
class SharedModelsTest {

    @Test
    void ciFailsNamingTheVariableAndThePath(@TempDir Path dir) {
        Path absent = dir.resolve("shared/models");
        SharedModels ci = new SharedModels(Map.of("CI", "true"), absent.toString());
        SharedModels.MissingInCi e = assertThrows(SharedModels.MissingInCi.class, ci::requireFolder);
        assertEquals("models folder " + absent + " not found (from the system property gsmile.models.default,"
                + " GSMILE_MODELS unset): CI needs the shared models; set GSMILE_MODELS to the shared models folder",
                e.getMessage());
        assertThrows(SharedModels.MissingInCi.class,
                () -> new SharedModels(Map.of("CI", "TRUE", "GSMILE_MODELS", absent.toString()), null).requireFolder());
        assertThrows(SharedModels.MissingInCi.class, () -> new SharedModels(Map.of("CI", "1"), null).requireFolder());
    }

    @Test
    void aMissingFileFailsInCiAndIsSkippedElsewhere(@TempDir Path dir) {
        Map<String, String> env = Map.of("GSMILE_MODELS", dir.toString());
        SharedModels.MissingInCi failed = assertThrows(SharedModels.MissingInCi.class,
                () -> new SharedModels(Map.of("CI", "true", "GSMILE_MODELS", dir.toString()), null)
                        .requireFile("stories260K/stories260K.bin"));
        assertTrue(failed.getMessage().startsWith("model file " + dir.resolve("stories260K/stories260K.bin")
                + " not found (models folder from GSMILE_MODELS): CI needs the shared models; set GSMILE_MODELS"),
                failed.getMessage());
        SharedModels.Skipped skipped = assertThrows(SharedModels.Skipped.class,
                () -> new SharedModels(env, "/elsewhere").requireFile("stories260K/stories260K.bin"));
        assertTrue(skipped.modelsMissing());
        assertTrue(skipped.getMessage().endsWith(": skipped; set GSMILE_MODELS=/path/to/shared/models to run it"),
                skipped.getMessage());
    }

    @Test
    void onlyCiEqualToTrueOrOneFails() {
        for (String notCi : new String[] {"false", "", "0", "yes"}) {
            assertFalse(new SharedModels(Map.of("CI", notCi), null).ci(), notCi);
            assertThrows(SharedModels.Skipped.class, () -> new SharedModels(Map.of("CI", notCi), null).requireFolder());
        }
        assertThrows(SharedModels.Skipped.class, () -> new SharedModels(Map.of(), " ").requireFolder());
    }

    @Test
    void theVariableWinsOverTheProperty(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("a/stories260K"));
        Files.writeString(dir.resolve("a/stories260K/tok512.bin"), "x");
        SharedModels models = new SharedModels(Map.of("GSMILE_MODELS", dir.resolve("a").toString(), "CI", "true"),
                dir.resolve("b").toString());
        assertEquals(dir.resolve("a"), models.requireFolder());
        assertEquals(dir.resolve("a/stories260K/tok512.bin"), models.requireFile("stories260K/tok512.bin"));
        assertEquals(dir.resolve("a"), models.requireEnvironmentFolder());
    }

    @Test
    void aTestNeedingTheVariableItselfSaysSo(@TempDir Path dir) {
        SharedModels.Skipped skipped = assertThrows(SharedModels.Skipped.class,
                () -> new SharedModels(Map.of(), dir.toString()).requireEnvironmentFolder());
        assertFalse(skipped.modelsMissing());
        assertTrue(skipped.getMessage().startsWith("GSMILE_MODELS is not set"), skipped.getMessage());
        assertThrows(SharedModels.MissingInCi.class,
                () -> new SharedModels(Map.of("CI", "true"), dir.toString()).requireEnvironmentFolder());
        // Without the models at all, the models are what is reported missing.
        assertTrue(assertThrows(SharedModels.Skipped.class,
                () -> new SharedModels(Map.of(), dir.resolve("absent").toString()).requireEnvironmentFolder())
                .modelsMissing());
    }

    @Test
    void theSummaryIsOneLineOrNothing() {
        assertNull(SharedModelsSummary.line(0, 0, 0, "models", "/x"));
        assertEquals("gsmile (models): 85 tests skipped because the shared models were not found in /x (from"
                + " GSMILE_MODELS): set GSMILE_MODELS=/path/to/shared/models",
                SharedModelsSummary.line(85, 0, 0, "models", "/x (from GSMILE_MODELS)"));
        assertEquals("gsmile (experiments): 1 test skipped because GSMILE_MODELS is not set (these tests need the"
                + " variable itself); the models were found in /x: set GSMILE_MODELS=/path/to/shared/models",
                SharedModelsSummary.line(0, 1, 0, "experiments", "/x"));
        assertTrue(SharedModelsSummary.line(3, 1, 0, "m", "/x").contains("3 tests skipped because the shared models"
                + " were not found in /x, 1 more because GSMILE_MODELS is not set"));
        assertTrue(SharedModelsSummary.line(0, 0, 2, "m", "/x").startsWith("gsmile (m): 2 tests failed because CI"
                + " needs the shared models"));
    }
}
