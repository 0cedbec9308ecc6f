package org.gsmile.odd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Small taxonomies whose counts are worked out by hand (each test says how), the constraints, the
 * templates, case ids, and that the same file and options give the same cases in the same order.
 */
class ScenarioTaxonomyTest {
    /** x has 3 values, y 2, z 2: 12 scenarios. */
    static final String XYZ = """
            dimensions:
              g1:
                x: [a, b, c]
                y: [p, q]
              g2:
                z: [u, v]
            """;
    static final String ANY = "templates:\n  - text: \"{x} {y} {z}\"\n";

    static Taxonomy parse(String yaml) {
        return Taxonomy.parse(yaml, "t.yaml", "t");
    }

    static Set<String> ids(Suite s) {
        Set<String> ids = new HashSet<>();
        s.cases().forEach(c -> ids.add(c.id()));
        return ids;
    }

    @Test
    void unconstrainedCounts() {
        Taxonomy t = parse(XYZ + ANY);
        assertEquals(12, t.productCount());          // 3 * 2 * 2
        assertEquals(12, t.factorialCount());        // nothing excluded
        assertEquals(List.of("g1", "g1", "g2"), t.dimensions().stream().map(Dimension::group).toList());
        Suite pairwise = t.expand(SuiteOptions.pairwise());
        // Pairs: x-y 3*2 + x-z 3*2 + y-z 2*2 = 16. No array has fewer than 6 rows (each x,y pair once).
        assertEquals(16, pairwise.coverage().allowed());
        assertTrue(pairwise.coverage().complete(), pairwise.summary());
        assertTrue(pairwise.cases().size() >= 6 && pairwise.cases().size() < 12, pairwise.summary());
        assertEquals(6, pairwise.cases().size(), "allpairs4j finds the smallest array here: " + pairwise.summary());
        Suite factorial = t.expand(SuiteOptions.factorial());
        assertEquals(12, factorial.cases().size());
        // Triples: all 12 scenarios; a 3-way array over 3 dimensions is the factorial.
        Suite threeWay = t.expand(SuiteOptions.pairwise(3, 42));
        assertEquals(12, threeWay.coverage().allowed());
        assertEquals(12, threeWay.cases().size());
    }

    @Test
    void factorialOrderHasTheFirstDimensionSlowest() {
        List<String> ids = parse(XYZ + ANY).expand(SuiteOptions.factorial()).cases().stream().map(ScenarioCase::id)
                .toList();
        assertEquals(List.of("t-a-p-u", "t-a-p-v", "t-a-q-u", "t-a-q-v", "t-b-p-u"), ids.subList(0, 5));
        assertEquals("t-c-q-v", ids.get(11));
    }

    @Test
    void anExclusionRemovesTheScenariosThatAgreeWithIt() {
        Taxonomy t = parse(XYZ + "exclude:\n  - {x: a, y: p}\n" + ANY);
        assertEquals(10, t.factorialCount());        // 12 minus a,p,u and a,p,v
        assertFalse(t.allows(Map.of("x", "a", "y", "p")));
        assertTrue(t.allows(Map.of("x", "a", "z", "u")));   // through a,q,u
        Suite s = t.expand(SuiteOptions.pairwise());
        assertEquals(15, s.coverage().allowed());    // 16 pairs less a,p
        assertTrue(s.coverage().complete());
        for (ScenarioCase c : s.cases()) {
            assertFalse(c.scenario().get("x").equals("a") && c.scenario().get("y").equals("p"), c.id());
        }
        assertFalse(ids(t.expand(SuiteOptions.factorial())).contains("t-a-p-u"));
    }

    @Test
    void aListInAnExclusionMeansAnyOfItsValues() {
        Taxonomy t = parse(XYZ + "exclude:\n  - {x: [a, b], z: u}\n" + ANY);
        assertEquals(8, t.factorialCount());         // 12 minus {a, b} x {p, q} x {u}
    }

    @Test
    void combinationsTheConstraintsRuleOutTogetherAreNotAllowed() {
        // x = a goes with neither y value, so no pair with x = a is allowed, though no exclusion names z.
        Taxonomy t = parse(XYZ + "exclude:\n  - {x: a, y: p}\n  - {x: a, y: q}\n" + ANY);
        assertEquals(8, t.factorialCount());         // 12 minus the 4 with x = a
        assertFalse(t.allows(Map.of("x", "a", "z", "u")));
        Suite s = t.expand(SuiteOptions.pairwise());
        assertEquals(12, s.coverage().allowed());    // x-y 2*2 + x-z 2*2 + y-z 2*2
        assertTrue(s.coverage().complete());
        assertTrue(s.cases().stream().noneMatch(c -> c.scenario().get("x").equals("a")));
    }

    @Test
    void scenesAllowOnlyTheirConditionsAndGiveEachCaseItsScene() {
        Taxonomy t = parse(XYZ + """
                scenes:
                  - {file: m/ap.png, x: a, y: p}
                  - {file: m/bq.png, x: b, y: q}
                  - {file: m/cp.png, y: p, x: c}
                """ + ANY);
        assertEquals(6, t.factorialCount());         // 3 scenes x 2 values of z
        Suite s = t.expand(SuiteOptions.pairwise());
        assertEquals(3 + 6 + 4, s.coverage().allowed());   // x-y: the 3 scenes; x-z 3*2; y-z 2*2
        assertTrue(s.coverage().complete());
        for (ScenarioCase c : s.cases()) {
            Map<String, String> sc = c.scenario();
            assertEquals("m/" + sc.get("x") + sc.get("y") + ".png", c.scene(), c.id());
        }
        assertNull(parse(XYZ + ANY).expand(SuiteOptions.factorial()).cases().get(0).scene());
    }

    @Test
    void templatesFillSlotsAttributesAndRelevantWords() {
        Taxonomy t = parse("""
                suite: weather
                dimensions:
                  environment:
                    weather:
                      values: [clear, rainy, foggy]
                      noun: {rainy: rain, foggy: thick fog}
                    lead:
                      values: [none, please]
                      text: {none: "", please: "Please,"}
                exclude:
                  - {weather: clear}
                templates:
                  - when: {weather: [rainy, foggy], lead: please}
                    text: "{lead.text} remove the {weather.noun} {{now}}."
                    relevant: [remove, "{weather.noun}", "{lead.text}", Remove]
                  - text: "{lead.text}   Remove the {weather.noun}   from the {weather} image."
                    relevant: ["{weather.noun}", "{weather}"]
                """);
        assertEquals(4, t.factorialCount());         // 3 * 2 minus the 2 clear ones
        List<ScenarioCase> cases = t.expand(SuiteOptions.factorial()).cases();
        assertEquals("weather-rainy-none", cases.get(0).id());
        assertEquals("Remove the rain from the rainy image.", cases.get(0).prompt());   // spaces made one
        assertEquals(List.of("rain", "rainy"), cases.get(0).relevant());
        assertEquals(Map.of("weather", "rainy", "lead", "none"), cases.get(0).scenario());
        assertEquals(List.of("weather", "lead"), List.copyOf(cases.get(0).scenario().keySet()));
        assertEquals("Please, remove the rain {now}.", cases.get(1).prompt());
        // "Please," is relevant there; Remove repeats remove (case and punctuation aside) and is dropped.
        assertEquals(List.of("remove", "rain", "Please,"), cases.get(1).relevant());
        assertEquals(List.of("remove", "thick fog", "Please,"), cases.get(3).relevant());
        assertEquals("weather=foggy lead=please", cases.get(3).label());
    }

    @Test
    void anEmptyRelevantSlotIsDropped() {
        Taxonomy t = parse("""
                dimensions:
                  form:
                    negation:
                      values: [none, negated]
                      word: {none: "", negated: not}
                templates:
                  - text: "Do {negation.word} stop"
                    relevant: [stop, "{negation.word}"]
                """);
        List<ScenarioCase> cases = t.expand(SuiteOptions.factorial()).cases();
        assertEquals("Do stop", cases.get(0).prompt());
        assertEquals(List.of("stop"), cases.get(0).relevant());
        assertEquals(List.of("stop", "not"), cases.get(1).relevant());
    }

    @Test
    void aLongIdIsCutWithAHash() {
        String v1 = "a".repeat(40);
        String v2 = "b".repeat(40);
        Taxonomy t = parse("dimensions:\n  g:\n    x: [" + v1 + ", c]\n    y: [" + v2 + ", d]\n" + "templates:\n"
                + "  - text: \"{x} {y}\"\n");
        List<ScenarioCase> cases = t.expand(SuiteOptions.factorial()).cases();
        String id = cases.get(0).id();
        assertEquals(64, id.length(), id);
        assertTrue(id.startsWith("t-" + v1 + "-bbbbbbbbbbbb-"), id);
        assertTrue(id.matches("[A-Za-z0-9][A-Za-z0-9._-]*-[0-9a-f]{8}"), id);
        assertEquals("t-c-d", cases.get(3).id());
        assertEquals(4, new HashSet<>(cases.stream().map(ScenarioCase::id).toList()).size());
    }

    @Test
    void anIdPrefixReplacesTheSuiteName() {
        Suite s = parse(XYZ + ANY).expand(SuiteOptions.factorial().withIdPrefix("mine"));
        assertEquals("mine-a-p-u", s.cases().get(0).id());
    }

    @Test
    void theSameFileAndOptionsGiveTheSameCasesInTheSameOrder() {
        String yaml = XYZ + "  g3:\n    w: [k, l, m]\nexclude:\n  - {x: a, w: k}\n  - {y: q, z: v, w: m}\n"
                + "templates:\n  - text: \"{x} {y} {z} {w}\"\n";
        for (SuiteOptions o : List.of(SuiteOptions.pairwise(), SuiteOptions.pairwise(3, 7), SuiteOptions.factorial(),
                SuiteOptions.random(9, 3))) {
            List<ScenarioCase> first = parse(yaml).expand(o).cases();
            List<ScenarioCase> again = parse(yaml).expand(o).cases();
            assertEquals(first, again, o.toString());
        }
        // Another seed: another array, as complete.
        List<Suite> seeds = new ArrayList<>();
        for (long seed = 1; seed <= 5; seed++) {
            Suite s = parse(yaml).expand(SuiteOptions.pairwise(2, seed));
            assertTrue(s.coverage().complete(), s.summary());
            seeds.add(s);
        }
        assertTrue(seeds.stream().map(Suite::cases).distinct().count() > 1, "the seed changes the array");
    }

    @Test
    void randomDrawsDistinctAllowedScenariosInFactorialOrder() {
        Taxonomy t = parse(XYZ + "exclude:\n  - {x: a, y: p}\n" + ANY);
        Suite s = t.expand(SuiteOptions.random(6, 11));
        assertEquals(6, s.cases().size());
        assertEquals(6, ids(s).size());
        List<String> factorialOrder = t.expand(SuiteOptions.factorial()).cases().stream().map(ScenarioCase::id).toList();
        List<Integer> positions = s.cases().stream().map(c -> factorialOrder.indexOf(c.id())).toList();
        assertTrue(positions.stream().allMatch(p -> p >= 0), positions.toString());
        assertEquals(positions.stream().sorted().toList(), positions);
        assertNotEquals(ids(s), ids(t.expand(SuiteOptions.random(6, 12))), "another seed, another draw");
        assertEquals(10, t.expand(SuiteOptions.random(10, 5)).cases().size());   // all of them
        // Coverage of a random draw is measured at t = 2 and may fall short.
        assertEquals(15, s.coverage().allowed());
        assertTrue(s.summary().startsWith("random: 6 cases (seed 11), factorial 10, 2-way coverage "), s.summary());
    }

    @Test
    void aScenarioTakesTheFirstTemplateItAgreesWith() {
        Taxonomy t = parse(XYZ + """
                templates:
                  - when: {x: a}
                    text: first {y}
                  - when: {x: [a, b]}
                    text: second {y}
                  - text: last {z}
                """);
        List<String> prompts = t.expand(SuiteOptions.factorial()).cases().stream().map(ScenarioCase::prompt).toList();
        assertEquals(List.of("first p", "first p", "first q", "first q", "second p", "second p", "second q",
                "second q", "last u", "last v", "last u", "last v"), prompts);
    }

    @Test
    void summaryLine() {
        Suite s = parse(XYZ + ANY).expand(SuiteOptions.pairwise());
        assertEquals("pairwise: 6 cases, factorial 12, 2-way coverage 100 % (16 of 16 allowed pairs)", s.summary());
        assertEquals("pairwise (t = 3): 12 cases, factorial 12, 3-way coverage 100 % (12 of 12 allowed triples)",
                parse(XYZ + ANY).expand(SuiteOptions.pairwise(3, 1)).summary());
        assertEquals("factorial: 12 cases, factorial 12, 2-way coverage 100 % (16 of 16 allowed pairs)",
                parse(XYZ + ANY).expand(SuiteOptions.factorial()).summary());
    }
}
