package org.gsmile.experiments.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gsmile.odd.Strategy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A scenario suite as a source of cases in an experiment file: the cases, their cells, and every mistake. */
class ScenarioCasesTest {
    /** weather (3) x time (2) x edit (2) = 12 scenarios, of which the scenes and the exclusions allow 5. */
    static final String TAXONOMY = """
            suite: small
            dimensions:
              environment:
                weather:
                  values: [clear, rainy, foggy]
                  noun: {rainy: rain, foggy: fog}
                time: [day, night]
              task:
                edit: [remove, night]
            exclude:
              - {edit: remove, weather: clear}
              - {edit: night, time: night}
            scenes:
              - {file: m/clear-day.png, weather: clear, time: day}
              - {file: m/rainy-day.png, weather: rainy, time: day}
              - {file: m/rainy-night.png, weather: rainy, time: night}
              - {file: m/foggy-night.png, weather: foggy, time: night}
            templates:
              - when: {edit: remove}
                text: "Remove the {weather.noun} from the image."
                relevant: [remove, "{weather.noun}"]
              - text: Turn the day into night
                relevant: [night]
            """;
    static final String HEAD = "models: [local:stories260K]\ncases:\n";

    @TempDir
    Path dir;

    @BeforeEach
    void writeTaxonomy() throws IOException {
        Files.createDirectories(dir.resolve("suites"));
        Files.writeString(dir.resolve("suites/small.yaml"), TAXONOMY, StandardCharsets.UTF_8);
    }

    private Experiment load(String yaml) throws IOException {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return ExperimentFile.load(file);
    }

    @Test
    void aSuiteEntryGivesItsCasesWithTheirScenariosAndScenes() throws IOException {
        // Scenes allow clear-day, rainy-day, rainy-night, foggy-night; remove is out on clear, night on night:
        // clear-day-night, rainy-day-remove, rainy-day-night, rainy-night-remove, foggy-night-remove = 5.
        Experiment e = load(HEAD + "  - \"Lily wanted to play\"\n  - {suite: suites/small.yaml, strategy: factorial}\n");
        List<CaseEntry> cases = e.cases();
        assertEquals(6, cases.size());
        assertEquals(new CaseEntry("case-1", "Lily wanted to play", List.of(), dir.resolve("exp.yaml") + ":3"),
                cases.get(0));
        String source = dir.resolve("exp.yaml") + ":4";
        assertEquals(new CaseEntry("small-clear-day-night", "Turn the day into night", List.of("night"), source,
                Map.of("weather", "clear", "time", "day", "edit", "night"), "m/clear-day.png"), cases.get(1));
        assertEquals(new CaseEntry("small-rainy-day-remove", "Remove the rain from the image.", List.of("remove", "rain"),
                source, Map.of("weather", "rainy", "time", "day", "edit", "remove"), "m/rainy-day.png"), cases.get(2));
        assertEquals(List.of("small-clear-day-night", "small-rainy-day-remove", "small-rainy-day-night",
                "small-rainy-night-remove", "small-foggy-night-remove"), cases.subList(1, 6).stream().map(CaseEntry::id)
                .toList());
        assertEquals(List.of("weather", "time", "edit"), List.copyOf(cases.get(5).scenario().keySet()));
        assertTrue(cases.get(0).scenario().isEmpty());
        assertNull(cases.get(0).scene());

        assertEquals(1, e.suites().size());
        SuiteSource s = e.suites().get(0);
        assertEquals(dir.resolve("suites/small.yaml").toString(), s.file());
        assertEquals(source, s.source());
        assertEquals(5, s.suite().factorialCount());
        assertEquals(Strategy.FACTORIAL, s.suite().options().strategy());
        assertEquals(cases.subList(1, 6).stream().map(CaseEntry::id).toList(), s.caseIds());
    }

    @Test
    void theCasesPlanIntoCellsThatCarryTheirScenario() throws IOException {
        Experiment e = load("models: [local:stories260K, onnx:tinygpt]\ncases:\n"
                + "  - {suite: suites/small.yaml}\n" + "explainer:\n  samples: [16, 32]\n");
        // Pairwise over weather (3) x time (2) x edit (2) under the scenes and exclusions.
        int n = e.cases().size();
        assertEquals(e.suites().get(0).suite().cases().size(), n);
        assertTrue(e.suites().get(0).suite().coverage().complete());
        List<Cell> cells = e.cells();
        assertEquals(2 * n * 2, cells.size());
        for (Cell c : cells) {
            assertEquals(3, c.kase().scenario().size(), c.kase().id());
            assertTrue(c.kase().scene().startsWith("m/"), c.kase().id());
        }
    }

    @Test
    void theScenarioIsPartOfTheCellIdOnlyWhereThereIsOne() throws IOException {
        Experiment e = load(HEAD + "  - {suite: suites/small.yaml, strategy: factorial}\n");
        Cell c = e.cells().get(0);
        Map<String, Object> config = Plan.configOf(e.seed(), c.model(), c.kase(), c.spec(), 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> kase = (Map<String, Object>) config.get("case");
        assertEquals(Map.of("weather", "clear", "time", "day", "edit", "night"), kase.get("scenario"));
        assertEquals("m/clear-day.png", kase.get("scene"));
        // The same prompt without a scenario: the id it always had.
        CaseEntry plain = new CaseEntry(c.kase().id(), c.kase().prompt(), c.kase().relevant(), c.kase().source());
        @SuppressWarnings("unchecked")
        Map<String, Object> plainCase = (Map<String, Object>) Plan.configOf(e.seed(), c.model(), plain, c.spec(), 0)
                .get("case");
        assertEquals(List.of("id", "prompt", "relevant"), List.copyOf(plainCase.keySet()));
        assertTrue(!Plan.cellId(e.seed(), c.model(), plain, c.spec(), 0).equals(c.id()));
    }

    @Test
    void theSuiteSeedIsTheExperimentSeedUnlessGiven() throws IOException {
        String random = "  - {suite: suites/small.yaml, strategy: random, n: 3";
        List<String> byExperimentSeed = load("seed: 7\n" + HEAD + random + "}\n").cases().stream().map(CaseEntry::id)
                .toList();
        List<String> bySeed = load(HEAD + random + ", seed: 7}\n").cases().stream().map(CaseEntry::id).toList();
        assertEquals(byExperimentSeed, bySeed);
        assertEquals(3, bySeed.size());
        assertEquals(load(HEAD + random + ", seed: 7}\n").cases(), load(HEAD + random + ", seed: 7}\n").cases());
    }

    @Test
    void aSceneIsFoundInTheModelsFolder() throws IOException {
        CaseEntry c = load(HEAD + "  - {suite: suites/small.yaml, strategy: factorial}\n").cases().get(0);
        assertEquals(Path.of("/models/m/clear-day.png"), c.scenePath(Path.of("/models")));
        assertEquals("case small-clear-day-night edits the scene m/clear-day.png, a path in the models folder: set"
                        + " GSMILE_MODELS to that folder (the one that holds tinyeditor/)",
                assertThrows(org.gsmile.core.UserInputException.class, () -> c.scenePath(null)).getMessage());
        assertNull(new CaseEntry("a", "b", List.of(), "x").scenePath(null));
        assertEquals(Path.of("/abs/s.png"), new CaseEntry("a", "b", List.of(), "x", Map.of("w", "v"), "/abs/s.png")
                .scenePath(null));
    }

    @Test
    void anIdPrefixLetsOneSuiteAppearTwice() throws IOException {
        Experiment e = load(HEAD + "  - {suite: suites/small.yaml, strategy: factorial}\n"
                + "  - {suite: suites/small.yaml, strategy: factorial, id: again}\n");
        assertEquals(10, e.cases().size());
        assertEquals("again-clear-day-night", e.cases().get(5).id());
        assertEquals(2, e.suites().size());
    }

    @Test
    void theShippedDrivingSuitePlans() throws IOException {
        Path driving = Path.of("suites/driving.yaml").toAbsolutePath();
        Experiment e = load(HEAD + "  - {suite: " + driving + ", strategy: pairwise, t: 2, seed: 42}\n");
        assertEquals(47, e.cases().size());
        assertTrue(e.cases().stream().allMatch(c -> c.scene().startsWith("tinyeditor/scenes/scene")));
        assertTrue(e.cases().stream().allMatch(c -> c.scenario().keySet().equals(java.util.Set.of("scenery", "weather",
                "time", "quality", "edit"))));
    }

    // ---- mistakes ----------------------------------------------------------------------------

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("  - {suite: suites/nope.yaml}\n", "exp.yaml:3:13: suite file {dir}/suites/nope.yaml does"
                        + " not exist: check the name; a relative path starts at the experiment file's folder"),
                Arguments.of("  - {suite: suites}\n", "exp.yaml:3:13: suite file {dir}/suites is a folder: name a"
                        + " taxonomy .yaml file"),
                Arguments.of("  - {suite: suites/small.yaml, strategy: pairwse}\n", "exp.yaml:3:42: unknown strategy"
                        + " 'pairwse': did you mean pairwise? choose pairwise (a t-way covering array), factorial or"
                        + " random"),
                Arguments.of("  - {suite: suites/small.yaml, strategy: factorial, t: 3}\n", "exp.yaml:3:53: t is the"
                        + " covering strength of strategy: pairwise; factorial takes none: leave t out"),
                Arguments.of("  - {suite: suites/small.yaml, n: 3}\n", "exp.yaml:3:32: n is the number of cases of"
                        + " strategy: random; pairwise makes as many as it needs: leave n out"),
                Arguments.of("  - {suite: suites/small.yaml, strategy: factorial, seed: 3}\n", "exp.yaml:3:53: seed has"
                        + " no effect on strategy: factorial, which takes every allowed scenario: leave seed out"),
                Arguments.of("  - {suite: suites/small.yaml, strategy: random}\n", "exp.yaml:3:5: strategy: random"
                        + " needs the number of cases: give n, as in {suite: suites/small.yaml, strategy: random, n: 20}"),
                Arguments.of("  - {suite: suites/small.yaml, t: 4}\n", "exp.yaml:3:35: t: 4 is larger than the number"
                        + " of dimensions of suite small (3): give t from 2 to 3"),
                Arguments.of("  - {suite: suites/small.yaml, t: 1}\n", "exp.yaml:3:35: t must be between 2 and 1000,"
                        + " got 1"),
                Arguments.of("  - {suite: suites/small.yaml, strategy: random, n: 6}\n", "exp.yaml:3:53: n: 6 is more"
                        + " than the 5 allowed scenarios of suite small: give n of at most 5, or use strategy: factorial"),
                Arguments.of("  - {suite: suites/small.yaml, prompt: x}\n", "exp.yaml:3:32: a cases entry with suite"
                        + " takes no prompt: the suite's templates give prompts and relevant words; write this case as"
                        + " an entry of its own"),
                Arguments.of("  - {prompt: x, t: 2}\n", "exp.yaml:3:17: t is an option of a scenario suite, as in"
                        + " {suite: suites/driving.yaml, strategy: pairwise}; a prompt or a file of prompts takes none"),
                Arguments.of("  - {suite: suites/small.yaml, strategy: factorial}\n  - {suite: suites/small.yaml,"
                        + " strategy: factorial}\n", "exp.yaml:4:13: case id small-clear-day-night of suite"
                        + " {dir}/suites/small.yaml is used twice (first at {dir}/exp.yaml:3): give this entry an id,"
                        + " the start of its cases' ids, as in {suite: suites/small.yaml, id: small2}"),
                Arguments.of("  - {suite: suites/small.yaml, id: \"a b\"}\n", "exp.yaml:3:36: id 'a b' of a suite"
                        + " starts its cases' ids: letters, digits, '.', '_' or '-', at most 40, starting with a"
                        + " letter or digit"),
                Arguments.of("  - {suite: suites/bad.yaml}\n", "{dir}/suites/bad.yaml:3:12: exclude names no dimension"
                        + " 'wether': did you mean weather? (the dimensions are weather)"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void oneLineAtItsPosition(String entries, String expected) throws IOException {
        Files.writeString(dir.resolve("suites/bad.yaml"), "dimensions:\n  e: {weather: [clear, rainy]}\nexclude: [{wether:"
                + " clear}]\ntemplates: [{text: x}]\n");
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, HEAD + entries, StandardCharsets.UTF_8);
        ExperimentFileException e = assertThrows(ExperimentFileException.class, () -> ExperimentFile.load(file));
        String message = expected.replace("{dir}", dir.toString());
        if (message.startsWith("exp.yaml")) {
            message = file + message.substring("exp.yaml".length());
        }
        assertEquals(message, e.getMessage());
    }

    @Test
    void aSuiteAtTheTopLevelIsPointedToTheCases() throws IOException {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, HEAD + "  - x\nsuite: suites/small.yaml\n");
        assertEquals(file + ":4:1: unknown key 'suite' at the top level: a scenario suite is an entry of cases, as in"
                        + " cases: [{suite: suites/driving.yaml, strategy: pairwise}]",
                assertThrows(ExperimentFileException.class, () -> ExperimentFile.load(file)).getMessage());
    }
}
