package org.gsmile.odd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gsmile.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mistake in a taxonomy file gives exactly one line, {@code FILE:LINE:COLUMN: ...}; every
 * option a taxonomy cannot take, one line naming the setting. Each row: the file and the exact message.
 */
class ScenarioBadInputTest {
    /** Eight lines: weather (clear, rainy; a noun for rainy) and time (day, night) in environment, edit in task. */
    static final String B = """
            dimensions:
              environment:
                weather:
                  values: [clear, rainy]
                  noun: {rainy: rain}
                time: [day, night]
              task:
                edit: [remove, night]
            """;
    static final String T = "templates:\n  - text: x\n";

    record Bad(String name, String yaml, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Bad bad(String name, String yaml, String message) {
        return new Bad(name, yaml, message);
    }

    static Stream<Arguments> badFiles() {
        List<Bad> rows = new ArrayList<>();
        // ---- what the issue lists
        rows.add(bad("unknown dimension in a constraint", B + "exclude:\n  - {edit: remove, wether: clear}\n" + T,
                "t.yaml:10:20: exclude names no dimension 'wether': did you mean weather? (the dimensions are weather,"
                        + " time and edit)"));
        rows.add(bad("unknown dimension in a constraint, nothing near", B + "exclude:\n  - {speed: fast}\n" + T,
                "t.yaml:10:6: exclude names no dimension 'speed': the dimensions are weather, time and edit"));
        rows.add(bad("empty dimension", B.replace("time: [day, night]", "time: []") + T,
                "t.yaml:6:11: dimension time has no values: list at least one, as in time: [value1, value2]"));
        rows.add(bad("empty values", B.replace("values: [clear, rainy]", "values: []") + T,
                "t.yaml:4:15: dimension weather has no values: list at least one, as in values: [value1, value2]"));
        rows.add(bad("dimension with nothing", B.replace("time: [day, night]", "time:") + T,
                "t.yaml:6:5: dimension time has no values: list at least one, as in time: [value1, value2]"));
        rows.add(bad("dimension with attributes only", B.replace("values: [clear, rainy]\n", "") + T,
                "t.yaml:3:5: dimension weather has no values: list at least one, as in values: [value1, value2]"));
        rows.add(bad("template slot with no dimension", B + "templates:\n  - text: \"Remove the {wether.noun} now\"\n",
                "t.yaml:10:23: template slot 'wether.noun' names no dimension: did you mean weather.noun? (the"
                        + " dimensions are weather, time and edit)"));
        rows.add(bad("template slot with no dimension, plain text", B + "templates:\n  - text: Go {speed} now\n",
                "t.yaml:10:14: template slot 'speed' names no dimension: the dimensions are weather, time and edit"));
        rows.add(bad("relevant slot with no dimension", B + "templates:\n  - text: \"Make it {time}\"\n"
                        + "    relevant: [\"{tme}\"]\n",
                "t.yaml:11:17: template slot 'tme' names no dimension: did you mean time? (the dimensions are weather,"
                        + " time and edit)"));
        // ---- the file's structure
        rows.add(bad("misspelt top-level key", B.replace("dimensions:", "dimension:") + T,
                "t.yaml:1:1: unknown key 'dimension' at the top level: did you mean dimensions?"));
        rows.add(bad("no templates", B, "t.yaml:1:1: templates is missing: give the text each scenario becomes, as in"
                + " templates: [{text: \"Remove the {weather.noun} from the image.\", relevant: [remove,"
                + " \"{weather.noun}\"]}]"));
        rows.add(bad("no dimensions", T, "t.yaml:1:1: dimensions is missing: give groups of dimensions and their"
                + " values, as in dimensions: {environment: {weather: [clear, rainy]}}"));
        rows.add(bad("empty group", B.replace("  task:\n    edit: [remove, night]\n", "  task: {}\n") + T,
                "t.yaml:7:9: group task has no dimensions: give at least one, as in task: {weather: [clear, rainy]}"));
        rows.add(bad("dimension in two groups", B + "  other:\n    time: [noon]\n" + T,
                "t.yaml:10:5: dimension time is declared twice (first at line 6, in group environment): give each"
                        + " dimension one name"));
        rows.add(bad("value twice", B.replace("[remove, night]", "[remove, night, remove]") + T,
                "t.yaml:8:27: value remove of edit is given twice (first at line 8): keep one"));
        rows.add(bad("value with a space", B.replace("[day, night]", "[day, late night]") + T,
                "t.yaml:6:17: value 'late night' of time must be letters, digits, '.', '_' or '-' (at most 64),"
                        + " starting with a letter or digit: it names the scenario in case ids; give the text a"
                        + " template should show as an attribute"));
        rows.add(bad("attribute of no value", B.replace("{rainy: rain}", "{rany: rain}") + T,
                "t.yaml:5:14: attribute noun of weather names no value 'rany': did you mean rainy? the values of"
                        + " weather are clear and rainy"));
        rows.add(bad("misspelt values", B.replace("values: [clear", "valeus: [clear") + T,
                "t.yaml:4:7: unknown key 'valeus' in dimension weather: did you mean values?"));
        rows.add(bad("unknown value in a constraint", B + "exclude:\n  - {weather: rany}\n" + T,
                "t.yaml:10:15: exclude gives weather the value 'rany', which it does not have: did you mean rainy? the"
                        + " values of weather are clear and rainy"));
        rows.add(bad("empty constraint", B + "exclude:\n  - {}\n" + T,
                "t.yaml:10:5: an exclude entry is empty: give at least one entry of dimensions and values, like"
                        + " {edit: remove-weather, weather: clear}"));
        rows.add(bad("duplicate key", B + "exclude:\n  - {edit: remove, edit: night}\n" + T,
                "t.yaml:10:20: key edit is given twice (first at line 10): keep one"));
        rows.add(bad("not YAML", "dimensions: [a\n", "t.yaml:2:1: malformed YAML: expected ',' or ']', but"
                + " got <stream end> (while parsing a flow sequence that starts at line 1, column 13)"));
        // ---- templates
        rows.add(bad("unknown attribute", B + "templates:\n  - text: \"the {weather.nown}\"\n",
                "t.yaml:10:16: template slot 'weather.nown': weather has no attribute 'nown': did you mean noun? its"
                        + " attributes are noun"));
        rows.add(bad("attribute of a dimension without any", B + "templates:\n  - text: \"the {time.noun}\"\n",
                "t.yaml:10:16: template slot 'time.noun': time has no attribute 'noun': it has none; give time one,"
                        + " like noun: {day: ...}"));
        rows.add(bad("attribute missing for a value a scenario uses", B + "templates:\n"
                        + "  - text: \"Remove the {weather.noun}\"\n",
                "t.yaml:10:23: template slot 'weather.noun' has no text for weather clear, which scenario"
                        + " weather=clear time=day edit=remove takes: give clear a noun, or exclude the scenario"));
        rows.add(bad("relevant word not in the text", B + "templates:\n  - text: \"Make it {time}\"\n"
                        + "    relevant: [rain]\n",
                "t.yaml:11:16: relevant word 'rain' does not occur in the text 'Make it day' of scenario weather=clear"
                        + " time=day edit=remove: give words of the text, or slots that fill in words of it"));
        rows.add(bad("unquoted slot", B + "templates:\n  - text: \"Make it {time}\"\n    relevant: [{time}]\n",
                "t.yaml:11:16: a relevant word takes a text, got a mapping: a text that starts with a slot's brace must"
                        + " be in quotes, as in relevant: [remove, \"{weather.noun}\"]"));
        rows.add(bad("unclosed slot", B + "templates:\n  - text: Make it {time\n",
                "t.yaml:10:19: template text has an opening brace that is not closed: a slot is a dimension's name (or"
                        + " name.attribute) in braces; write a brace itself twice"));
        rows.add(bad("no template for a scenario", B + "templates:\n  - when: {edit: remove}\n    text: x\n",
                "t.yaml:9:1: no template takes scenario weather=clear time=day edit=night: add a template whose when it"
                        + " agrees with (or one without when, last), or exclude the scenario"));
        rows.add(bad("template never used", B + "templates:\n  - text: x\n  - when: {edit: night}\n    text: y\n",
                "t.yaml:11:5: this template is never used: every allowed scenario its when agrees with takes an"
                        + " earlier template, or none is allowed; remove it, or narrow the earlier template's when"));
        rows.add(bad("template without text", B + "templates:\n  - when: {edit: night}\n",
                "t.yaml:10:5: a template needs a text, as in text: \"Remove the {weather.noun} from the image.\""));
        // ---- constraints and scenes
        rows.add(bad("nothing allowed", B + "exclude:\n  - {weather: [clear, rainy]}\n" + T,
                "t.yaml:9:1: the constraints allow no scenario at all (8 before them): remove or narrow an exclude"
                        + " entry"));
        rows.add(bad("scenes with other dimensions", B + "scenes:\n  - {file: a.png, weather: clear}\n"
                        + "  - {file: b.png, weather: rainy, time: day}\n" + T,
                "t.yaml:11:5: this scene gives weather and time, the first scene weather: give every scene the same"
                        + " dimensions"));
        rows.add(bad("scenes with the same values", B + "scenes:\n  - {file: a.png, weather: clear}\n"
                        + "  - {file: b.png, weather: clear}\n" + T,
                "t.yaml:11:5: the scene at line 10 has the same values (weather=clear): a scenario's scene must be one;"
                        + " remove one, or tell them apart by another dimension"));
        rows.add(bad("scene without a file", B + "scenes:\n  - {weather: clear}\n" + T,
                "t.yaml:10:5: a scene needs a file: the image's path under the models folder, as in file:"
                        + " tinyeditor/scenes/scene00_clear_day_sharp.png"));
        rows.add(bad("scene with an unknown value", B + "scenes:\n  - {file: a.png, weather: sunny}\n" + T,
                "t.yaml:10:28: a scene gives weather the value 'sunny', which it does not have: the values of weather"
                        + " are clear and rainy"));
        StringBuilder huge = new StringBuilder("dimensions:\n  g:\n");
        for (int d = 0; d < 19; d++) {
            huge.append("    d").append(d).append(": [a, b, c, d, e, f, g, h, i, j]\n");
        }
        rows.add(bad("too many scenarios to count", huge + T, "t.yaml:1:1: the dimensions make 10000000000000000000"
                + " scenarios: more than gsmile counts (1000000000000000 in all, 50000000 among the dimensions"
                + " constraints name); split the taxonomy, or merge values"));
        rows.add(bad("too many constrained combinations", B.replace("[remove, night]", "[remove, night, a, b, c, d, e, f,"
                        + " g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y, z]") + "  more:\n"
                        + "    m1: [a, b, c, d, e, f, g, h, i, j]\n    m2: [a, b, c, d, e, f, g, h, i, j]\n"
                        + "    m3: [a, b, c, d, e, f, g, h, i, j]\n    m4: [a, b, c, d, e, f, g, h, i, j]\n"
                        + "    m5: [a, b, c, d, e, f, g, h, i, j]\n    m6: [a, b, c, d, e, f, g, h, i, j]\n"
                        + "exclude:\n  - {edit: remove, weather: clear, m1: a, m2: a, m3: a, m4: a, m5: a, m6: a}\n" + T,
                "t.yaml:1:1: the dimensions make 112000000 scenarios, and those the constraints name 56000000: more"
                        + " than gsmile counts (1000000000000000 in all, 50000000 among the dimensions constraints"
                        + " name); split the taxonomy, or merge values"));
        return rows.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void oneLineWithItsPosition(Bad bad) {
        TaxonomyException e = assertThrows(TaxonomyException.class, () -> Taxonomy.parse(bad.yaml(), "t.yaml", "t"));
        assertEquals(bad.message(), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertEquals(e.getMessage(), e.render((k, v) -> "--" + k), "nothing in it is a setting");
        assertFalse(e.getMessage().matches(".*\\{[a-zA-Z]+(=[^}]*)?}.*"),
                "a {name} that a front end would take for a setting: " + e.getMessage());
    }

    @TempDir
    Path dir;

    @Test
    void fileProblems() throws Exception {
        assertEquals("nope.yaml: no such file: check the name",
                assertThrows(TaxonomyException.class, () -> Taxonomy.load(Path.of("nope.yaml"))).getMessage());
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "dimensions:\n  g:\n    x: [caf\u00e9]\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(latin1 + ":3: is not UTF-8 text (byte 29): save it as UTF-8",
                assertThrows(TaxonomyException.class, () -> Taxonomy.load(latin1)).getMessage());
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "# nothing\n");
        assertEquals(empty + ":1:1: the file is empty: a taxonomy gives at least dimensions and templates",
                assertThrows(TaxonomyException.class, () -> Taxonomy.load(empty)).getMessage());
        assertEquals(dir + ": is a folder, not a taxonomy file: name a .yaml file",
                assertThrows(TaxonomyException.class, () -> Taxonomy.load(dir)).getMessage());
    }

    /** An option a taxonomy cannot take: the message's settings as placeholders, for each front end to spell. */
    static String optionError(String yaml, SuiteOptions options) {
        Taxonomy t = Taxonomy.parse(yaml, "t.yaml", "t");
        return assertThrows(UserInputException.class, () -> t.expand(options)).template();
    }

    @Test
    void optionsTheTaxonomyCannotTake() {
        String ok = B + T;
        assertEquals("{t=4} is larger than the number of dimensions of suite t (3): give {t} from 2 to 3",
                optionError(ok, SuiteOptions.pairwise(4, 1)));
        UserInputException e = assertThrows(UserInputException.class,
                () -> Taxonomy.parse(ok, "t.yaml", "t").expand(SuiteOptions.pairwise(4, 1)));
        assertEquals("--t 4 is larger than the number of dimensions of suite t (3): give --t from 2 to 3",
                e.render((k, v) -> v == null ? "--" + k : "--" + k + " " + v));
        assertEquals("{t=1} is below 2: a covering array of strength t holds every combination of values of every t"
                + " dimensions; give {t} from 2 to 3", optionError(ok, SuiteOptions.pairwise(1, 1)));
        assertEquals("{n} is the number of cases of {strategy=random}; pairwise makes as many as it needs: leave {n}"
                + " out", optionError(ok, new SuiteOptions(Strategy.PAIRWISE, 2, 5, 1, null)));
        assertEquals("{strategy=random} needs the number of cases: give {n}, like {n=20}",
                optionError(ok, new SuiteOptions(Strategy.RANDOM, 2, null, 1, null)));
        assertEquals("{n=9} is more than the 8 allowed scenarios of suite t: give {n} of at most 8, or use"
                + " {strategy=factorial}", optionError(ok, SuiteOptions.random(9, 1)));
        assertEquals("{n=0} must be at least 1", optionError(ok, SuiteOptions.random(0, 1)));
        assertEquals("suite t has one dimension, and a covering array combines at least two: use {strategy=factorial}",
                optionError("dimensions:\n  g:\n    x: [a, b]\n" + T, SuiteOptions.pairwise()));
        assertEquals("unknown {strategy} 'pairwse': did you mean pairwise? choose pairwise (a t-way covering array),"
                + " factorial or random", assertThrows(UserInputException.class, () -> Strategy.of("pairwse"))
                .template());
        assertEquals("unknown {strategy} 'ipog': choose pairwise (a t-way covering array), factorial or random",
                assertThrows(UserInputException.class, () -> Strategy.of("ipog")).template());
    }
}
