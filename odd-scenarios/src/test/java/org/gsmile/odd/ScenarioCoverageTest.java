package org.gsmile.odd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The coverage check on arrays written by hand, covering and not, and against a brute force that
 * projects the full factorial; then the generator on random taxonomies, every array it builds
 * checked by it.
 */
class ScenarioCoverageTest {
    static final String BINARY = """
            dimensions:
              g:
                x: ["0", "1"]
                y: ["0", "1"]
                z: ["0", "1"]
            templates:
              - text: "{x}{y}{z}"
            """;

    static List<Map<String, String>> rows(String... rows) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String r : rows) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("x", r.substring(0, 1));
            m.put("y", r.substring(1, 2));
            m.put("z", r.substring(2, 3));
            out.add(m);
        }
        return out;
    }

    @Test
    void anOrthogonalArrayCoversEveryPair() {
        Taxonomy t = ScenarioTaxonomyTest.parse(BINARY);
        // 000, 011, 101, 110: each of the 3 * 4 pairs exactly once.
        Coverage c = CoverageCheck.check(t, rows("000", "011", "101", "110"), 2);
        assertEquals(12, c.allowed());
        assertEquals(12, c.covered());
        assertTrue(c.complete());
        assertEquals(List.of(), c.missing());
        assertEquals("2-way coverage 100 % (12 of 12 allowed pairs)", c.describe());
        // Triples: 4 of the 8.
        Coverage triples = CoverageCheck.check(t, rows("000", "011", "101", "110"), 3);
        assertEquals(8, triples.allowed());
        assertEquals(4, triples.covered());
        assertEquals("3-way coverage 50.0 % (4 of 8 allowed triples)", triples.describe());
        assertEquals(6, CoverageCheck.check(t, rows("000", "111"), 1).covered());
    }

    @Test
    void aRowLessLeavesItsPairsUncovered() {
        Taxonomy t = ScenarioTaxonomyTest.parse(BINARY);
        Coverage c = CoverageCheck.check(t, rows("000", "011", "101"), 2);
        assertEquals(12, c.allowed());
        assertEquals(9, c.covered());                // each row held 3 pairs no other row has
        assertFalse(c.complete());
        assertEquals(List.of(Map.of("x", "1", "y", "1"), Map.of("x", "1", "z", "0"), Map.of("y", "1", "z", "0")),
                c.missing());
        assertEquals("2-way coverage 75.0 % (9 of 12 allowed pairs)", c.describe());
        assertEquals("2-way coverage 99.9 % (999 of 1000 allowed pairs)", new Coverage(2, 1000, 999, List.of())
                .describe(), "never rounded up to 100 %");
    }

    @Test
    void onlyAllowedCombinationsCount() {
        // x = 1 with y = 1 excluded: 11 allowed pairs, x1-z0 and y1-z0 possible (through 100 and 010).
        Taxonomy t = ScenarioTaxonomyTest.parse(BINARY.replace("templates:", "exclude:\n  - {x: \"1\", y: \"1\"}\n"
                + "templates:"));
        Coverage c = CoverageCheck.check(t, rows("000", "011", "101"), 2);
        assertEquals(11, c.allowed());
        assertEquals(9, c.covered());
        assertEquals(List.of(Map.of("x", "1", "z", "0"), Map.of("y", "1", "z", "0")), c.missing());
        // An excluded row counts for nothing it alone holds.
        assertEquals(9, CoverageCheck.check(t, rows("000", "011", "101", "111"), 2).covered());
    }

    /** Random taxonomies: 2 to 6 dimensions of 1 to 4 values, up to 4 exclusions, sometimes scenes. */
    static String randomTaxonomy(Random r) {
        int dims = 2 + r.nextInt(5);
        int[] sizes = new int[dims];
        StringBuilder y = new StringBuilder("dimensions:\n  g:\n");
        for (int d = 0; d < dims; d++) {
            sizes[d] = 1 + r.nextInt(4);
            y.append("    d").append(d).append(": [");
            for (int v = 0; v < sizes[d]; v++) {
                y.append(v == 0 ? "" : ", ").append("v").append(v);
            }
            y.append("]\n");
        }
        int exclusions = r.nextInt(5);
        if (exclusions > 0) {
            y.append("exclude:\n");
        }
        for (int i = 0; i < exclusions; i++) {
            int named = 1 + r.nextInt(Math.min(3, dims));
            List<Integer> chosen = new ArrayList<>();
            while (chosen.size() < named) {
                int d = r.nextInt(dims);
                if (!chosen.contains(d)) {
                    chosen.add(d);
                }
            }
            y.append("  - {");
            for (int k = 0; k < chosen.size(); k++) {
                int d = chosen.get(k);
                y.append(k == 0 ? "" : ", ").append("d").append(d).append(": v").append(r.nextInt(sizes[d]));
            }
            y.append("}\n");
        }
        if (r.nextInt(3) == 0) {
            y.append("scenes:\n");
            Set<String> seen = new HashSet<>();
            int scenes = 1 + r.nextInt(sizes[0] * sizes[1]);
            for (int s = 0; s < scenes; s++) {
                String key = "d0: v" + r.nextInt(sizes[0]) + ", d1: v" + r.nextInt(sizes[1]);
                if (seen.add(key)) {
                    y.append("  - {file: s").append(s).append(".png, ").append(key).append("}\n");
                }
            }
        }
        y.append("templates:\n  - text: case\n");
        return y.toString();
    }

    /** The allowed t-way combinations by brute force: the projections of every allowed scenario. */
    static long bruteForceAllowed(Taxonomy t, int strength) {
        Set<String> combos = new HashSet<>();
        List<Map<String, String>> all = t.factorial();
        List<String> dims = t.dimensions().stream().map(Dimension::name).toList();
        for (int[] subset : CoveringArrays.subsets(dims.size(), strength)) {
            for (Map<String, String> s : all) {
                StringBuilder b = new StringBuilder();
                for (int d : subset) {
                    b.append(dims.get(d)).append('=').append(s.get(dims.get(d))).append(' ');
                }
                combos.add(b.toString());
            }
        }
        return combos.size();
    }

    @Test
    void theCheckAgreesWithABruteForceAndEveryArrayCoversAll() {
        Random r = new Random(20240611);
        int taxonomies = 0;
        int arrays = 0;
        while (taxonomies < 80) {
            String yaml = randomTaxonomy(r);
            Taxonomy t;
            try {
                t = ScenarioTaxonomyTest.parse(yaml);
            } catch (TaxonomyException nothingAllowed) {
                assertTrue(nothingAllowed.getMessage().contains("allow no scenario"), nothingAllowed.getMessage());
                continue;
            }
            taxonomies++;
            int dims = t.dimensions().size();
            for (int strength = 1; strength <= Math.min(3, dims); strength++) {
                Coverage factorial = CoverageCheck.check(t, t.factorial(), strength);
                assertEquals(bruteForceAllowed(t, strength), factorial.allowed(), yaml);
                assertTrue(factorial.complete(), yaml);
                if (strength < 2) {
                    continue;
                }
                Suite s = t.expand(SuiteOptions.pairwise(strength, r.nextLong()));
                arrays++;
                assertTrue(s.coverage().complete(), s.summary() + "\n" + yaml);
                Coverage again = CoverageCheck.check(t, s.cases().stream().map(ScenarioCase::scenario).toList(),
                        strength);
                assertEquals(factorial.allowed(), again.covered(), yaml);
                Set<Map<String, String>> distinct = new HashSet<>();
                for (ScenarioCase c : s.cases()) {
                    assertTrue(t.allows(c.scenario()), c.label() + "\n" + yaml);
                    assertTrue(distinct.add(c.scenario()), "a repeated row " + c.label());
                }
                assertTrue(s.cases().size() <= t.factorialCount(), s.summary());
            }
        }
        assertTrue(arrays > 80, "arrays built: " + arrays);
    }

    @Test
    void compactionDropsOnlyRowsThatAddNothing() {
        // The last row, 001, holds x0-y0 (also in 000), x0-z1 (in 011) and y0-z1 (in 101): compaction, from the
        // last row back, drops it. The first four are an orthogonal array, each pair once: they all stay.
        List<int[]> rows = new ArrayList<>(List.of(new int[] {0, 0, 0}, new int[] {0, 1, 1}, new int[] {1, 0, 1},
                new int[] {1, 1, 0}, new int[] {0, 0, 1}));
        List<int[]> kept = CoveringArrays.compact(rows, 2);
        assertEquals(4, kept.size());
        assertTrue(kept.stream().noneMatch(k -> k[0] == 0 && k[1] == 0 && k[2] == 1));
    }
}
