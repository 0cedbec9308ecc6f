package org.gsmile.experiments.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gsmile.models.testing.SharedModels;
import org.gsmile.odd.ScenarioCase;
import org.gsmile.odd.Scene;
import org.gsmile.odd.Suite;
import org.gsmile.odd.SuiteOptions;
import org.gsmile.odd.Taxonomy;
import org.junit.jupiter.api.Test;

/**
 * The three shipped suites (experiments/suites): they expand, their pairwise and factorial counts
 * (the README's table), full coverage; and for the driving suite, that every case's relevant words are
 * those tinyeditor's rules make relevant on its scene, that its scene is the shipped scene with its
 * conditions, and that the thesis's instructions come out with the thesis's labels.
 */
class ScenarioSuitesTest {
    static final Path SUITES = Path.of("suites");

    static Taxonomy suite(String name) {
        return Taxonomy.load(SUITES.resolve(name + ".yaml"));
    }

    /** pairwise (t = 2, seed 42) count, factorial count, allowed pairs; the README gives the same. */
    @Test
    void countsOfTheShippedSuites() {
        check("driving", 47, 124, 175);
        check("llm-prompts", 19, 228, 98);
        check("stories", 30, 960, 172);
    }

    private static void check(String name, int pairwise, long factorial, long pairs) {
        Taxonomy t = suite(name);
        Suite p = t.expand(SuiteOptions.pairwise());
        assertEquals(factorial, t.factorialCount(), name);
        assertEquals(pairwise, p.cases().size(), p.summary());
        assertEquals(pairs, p.coverage().allowed(), p.summary());
        assertTrue(p.coverage().complete(), p.summary());
        Suite f = t.expand(SuiteOptions.factorial());
        assertEquals(factorial, f.cases().size());
        Suite three = t.expand(SuiteOptions.pairwise(3, 42));
        assertTrue(three.coverage().complete(), three.summary());
        assertTrue(three.cases().size() < factorial, three.summary());
    }

    @Test
    void theDrivingSuiteFactorialIsWhatItsScenesAndExclusionsLeave() {
        // Counted independently of the taxonomy code: for each of the 16 scenes, the edits that change it.
        Taxonomy t = suite("driving");
        int count = 0;
        for (Scene scene : t.scenes()) {
            Map<String, String> c = scene.conditions();
            for (String edit : t.dimension("edit").values()) {
                if (changes(edit, c.get("weather"), c.get("time"), c.get("quality"))) {
                    count++;
                }
            }
        }
        assertEquals(124, count);
        assertEquals(count, t.factorialCount());
        assertEquals(4 * 3 * 3 * 2 * 12, t.productCount());
    }

    /** Whether an edit asks for a change the scene does not already have (the exclusions' intent). */
    private static boolean changes(String edit, String weather, String time, String quality) {
        return switch (edit) {
            case "remove-weather" -> !weather.equals("clear");
            case "remove-degradation" -> !quality.equals("sharp");
            case "brighten" -> !time.equals("day");
            case "snow" -> !weather.equals("snowy");
            case "rain" -> !weather.equals("rainy");
            case "fog" -> !weather.equals("foggy");
            case "day-to-night" -> time.equals("day");
            case "dusk" -> !time.equals("dusk");
            case "fog-and-night" -> !weather.equals("foggy") && !time.equals("night");
            case "snow-at-sunset" -> !weather.equals("snowy") && !time.equals("dusk");
            case "blur" -> !quality.equals("blurry");
            case "noise" -> !quality.equals("noisy");
            default -> throw new IllegalArgumentException(edit);
        };
    }

    // ---- tinyeditor's rules (PROVENANCE.md), written out on their own -----------------------

    private static final Pattern WORD = Pattern.compile("[a-z]+");
    private static final Map<String, String> WEATHER = Map.of("clear", "clear", "sunny", "clear", "rain", "rainy",
            "rainy", "rainy", "snow", "snowy", "snowy", "snowy", "fog", "foggy", "foggy", "foggy", "haze", "foggy",
            "hazy", "foggy");
    private static final Map<String, String> TIME = Map.of("day", "day", "daytime", "day", "dusk", "dusk", "sunset",
            "dusk", "evening", "dusk", "night", "night", "nighttime", "night");
    private static final Map<String, String> QUALITY = Map.of("blur", "blurry", "blurry", "blurry", "noise", "noisy",
            "noisy", "noisy", "grain", "noisy", "grainy", "noisy");
    private static final Set<String> REMOVAL = Set.of("remove", "eliminate", "without");
    private static final Set<String> ENHANCE = Set.of("enhance", "increase", "raise");
    private static final Set<String> BRIGHTNESS = Set.of("brightness", "light");

    static List<String> words(String instruction) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(instruction.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /**
     * The conditions the rules ask for: a weather, time or quality word sets it (the last of a kind
     * wins, as "Turn the day into night" → night in relevance.json); with a removal word, weather words
     * mean clear and quality words sharp; enhance with brightness means day; other words change nothing.
     */
    static List<String> edit(List<String> words, List<String> input) {
        String weather = input.get(0);
        String time = input.get(1);
        String quality = input.get(2);
        boolean removal = words.stream().anyMatch(REMOVAL::contains);
        boolean brighten = words.stream().anyMatch(ENHANCE::contains) && words.stream().anyMatch(BRIGHTNESS::contains);
        for (String w : words) {
            if (WEATHER.containsKey(w)) {
                weather = removal ? "clear" : WEATHER.get(w);
            }
            if (TIME.containsKey(w)) {
                time = TIME.get(w);
            }
            if (QUALITY.containsKey(w)) {
                quality = removal ? "sharp" : QUALITY.get(w);
            }
        }
        if (brighten) {
            time = "day";
        }
        return List.of(weather, time, quality);
    }

    /** The words whose deletion alone changes the edit: relevant, by the rules. */
    static Set<String> relevantByTheRules(String instruction, List<String> input) {
        List<String> words = words(instruction);
        List<String> full = edit(words, input);
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < words.size(); i++) {
            List<String> without = new ArrayList<>(words);
            without.remove(i);
            if (!edit(without, input).equals(full)) {
                out.add(words.get(i));
            }
        }
        return out;
    }

    @Test
    void everyDrivingCaseHasTheRelevantWordsTheEditorsRulesGive() {
        Suite f = suite("driving").expand(SuiteOptions.factorial());
        for (ScenarioCase c : f.cases()) {
            Map<String, String> s = c.scenario();
            List<String> input = List.of(s.get("weather"), s.get("time"), s.get("quality"));
            Set<String> rules = relevantByTheRules(c.prompt(), input);
            Set<String> given = new LinkedHashSet<>();
            c.relevant().forEach(w -> given.add(w.toLowerCase(Locale.ROOT)));
            assertEquals(rules, given, c.id() + ": " + c.prompt());
            assertFalse(given.isEmpty(), "an edit that changes nothing: " + c.id());
            assertNotEquals(input, edit(words(c.prompt()), input), c.id());
        }
    }

    @Test
    void theDrivingScenesAreTheShippedScenesWithTheirConditions() throws IOException {
        Path models = SharedModels.folderWith("tinyeditor/scenes/scenes.json");
        JsonNode scenes = new ObjectMapper().readTree(models.resolve("tinyeditor/scenes/scenes.json").toFile());
        Map<String, Map<String, String>> shipped = new LinkedHashMap<>();
        for (JsonNode s : scenes) {
            shipped.put("tinyeditor/" + s.get("file").asText(), Map.of("weather", s.get("weather").asText(),
                    "time", s.get("time").asText(), "quality", s.get("quality").asText(),
                    "scenery", s.get("urban").asBoolean() ? "urban" : "rural"));
        }
        Taxonomy t = suite("driving");
        assertEquals(shipped.size(), t.scenes().size());
        for (Scene s : t.scenes()) {
            assertEquals(shipped.get(s.file()), s.conditions(), s.file());
            assertTrue(Files.isRegularFile(models.resolve(s.file())), s.file());
        }
        for (ScenarioCase c : t.expand(SuiteOptions.factorial()).cases()) {
            Map<String, String> conditions = new LinkedHashMap<>(c.scenario());
            conditions.remove("edit");
            assertEquals(Map.copyOf(conditions), shipped.get(c.scene()), c.id());
        }
    }

    @Test
    void theThesisInstructionsComeOutWithTheThesisLabels() throws IOException {
        Path relevance = SharedModels.file("tinyeditor/relevance.json");
        JsonNode entries = new ObjectMapper().readTree(relevance.toFile());
        List<ScenarioCase> cases = suite("driving").expand(SuiteOptions.factorial()).cases();
        int found = 0;
        for (JsonNode e : entries) {
            String instruction = e.get("instruction").asText();
            JsonNode input = e.get("input");
            Set<String> labelled = new LinkedHashSet<>();
            for (int i = 0; i < e.get("words").size(); i++) {
                if (e.get("relevant").get(i).asInt() == 1) {
                    labelled.add(e.get("words").get(i).asText());
                }
            }
            ScenarioCase match = cases.stream().filter(c -> c.prompt().equals(instruction)
                    && c.scenario().get("weather").equals(input.get("weather").asText())
                    && c.scenario().get("time").equals(input.get("time").asText())
                    && c.scenario().get("quality").equals(input.get("quality").asText())).findFirst().orElse(null);
            assertNotNull(match, "the suite has no case for the thesis's " + instruction + " on " + input);
            Set<String> given = new LinkedHashSet<>();
            match.relevant().forEach(w -> given.add(w.toLowerCase(Locale.ROOT)));
            assertEquals(labelled, given, instruction);
            // The rules written out here agree with the shipped labels too.
            assertEquals(labelled, relevantByTheRules(instruction, List.of(input.get("weather").asText(),
                    input.get("time").asText(), input.get("quality").asText())), instruction);
            found++;
        }
        assertEquals(15, found);
    }

    /** The example of EXPERIMENT-FILES.md ("Scenario suites") loads and gives the counts the text says. */
    @Test
    void theDocumentedExampleGivesWhatTheTextSays() throws IOException {
        Path doc = Path.of("EXPERIMENT-FILES.md");
        String text = Files.readString(doc);
        int mark = text.indexOf("<!-- example:taxonomy -->");
        assertTrue(mark >= 0, "no example:taxonomy block");
        int start = text.indexOf("```yaml\n", mark) + "```yaml\n".length();
        String yaml = text.substring(start, text.indexOf("```", start));
        Taxonomy t = Taxonomy.parse(yaml, "weather-edits.yaml", "weather-edits");
        assertEquals(12, t.productCount());
        assertEquals(6, t.factorialCount());
        Suite p = t.expand(SuiteOptions.pairwise());
        assertEquals("pairwise: 4 cases, factorial 6, 2-way coverage 100 % (12 of 12 allowed pairs)", p.summary());
        assertTrue(p.cases().stream().anyMatch(c -> c.id().equals("weather-edits-snowy-night-remove")
                && c.prompt().equals("Remove the snow from the image.") && c.relevant().equals(List.of("remove", "snow"))
                && c.scene().equals("tinyeditor/scenes/scene08_snowy_night_sharp.png")));
    }

    @Test
    void theTextSuitesHaveNoScenesAndTheirRelevantWordsAreInTheirPrompts() {
        for (String name : List.of("llm-prompts", "stories")) {
            for (ScenarioCase c : suite(name).expand(SuiteOptions.factorial()).cases()) {
                assertEquals(null, c.scene(), c.id());
                assertFalse(c.relevant().isEmpty(), c.id());
                for (String w : c.relevant()) {
                    assertEquals(null, CasesSection.checkWord(w, c.prompt()), c.id());
                }
                assertTrue(CasesSection.ID.matcher(c.id()).matches(), c.id());
            }
        }
    }

    @Test
    void storyStartsAreShortAndEndOpen() {
        for (ScenarioCase c : suite("stories").expand(SuiteOptions.pairwise()).cases()) {
            assertTrue(c.prompt().split(" ").length <= 30, c.prompt());
            assertTrue(c.prompt().endsWith("because"), c.prompt());
        }
    }
}
