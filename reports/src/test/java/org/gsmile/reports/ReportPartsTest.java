package org.gsmile.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The small rules the pages depend on. */
class ReportPartsTest {
    @Test
    void warningTemplatesAreSpelledAsYaml() {
        assertEquals("leave samples out (the default grows with the prompt) or give samples: 24",
                Templates.yaml("leave {samples} out (the default grows with the prompt) or give {samples=24}"));
        assertEquals("raise it: <code>samples: 24</code> &lt;now&gt;", Pages.yamlSpans("raise it: {samples=24} <now>"));
    }

    @Test
    void metricPathsNameEveryScalar() throws Exception {
        var m = RunFolder.MAPPER.readTree("""
                {"fidelity": {"outOfSample": {"spearman": 0.5, "r2": null, "predicted": [1, 2]}},
                 "accuracy": {"shapley": {"skipped": "too many units"}},
                 "stability": {"changes": [{"change": "start", "topKJaccard": 1.0}]},
                 "consistency": {"units": [{"unit": {"text": "a", "start": 0, "end": 1}, "cv": 0.1}],
                                 "scores": [[1, 2]]}}
                """);
        MetricPaths.Flat flat = MetricPaths.flatten(m);
        assertEquals(List.of("fidelity.outOfSample.spearman", "fidelity.outOfSample.r2", "stability.changes.start.topKJaccard",
                "consistency.units[0].cv"), List.copyOf(flat.values().keySet()));
        assertTrue(Double.isNaN(flat.values().get("fidelity.outOfSample.r2")));
        assertEquals("too many units", flat.notes().get("accuracy.shapley.skipped"));
    }

    @Test
    void intervalsAreStudentT() {
        Stats s = Stats.of(List.of(1.0, 2.0, 3.0, Double.NaN));
        assertEquals(3, s.n());
        assertEquals(1, s.missing());
        assertEquals(2.0, s.mean(), 1e-12);
        assertEquals(1.0, s.sd(), 1e-12);
        assertEquals(4.302652729911275 / Math.sqrt(3), s.halfWidth(), 1e-9);
        assertTrue(Double.isNaN(Stats.of(List.of(1.0)).halfWidth()));
    }

    @Test
    void divergingColoursAreCentredOnZero() {
        assertEquals("#f7f7f7", PromptHeatmap.colour(0));
        assertEquals("#2166ac", PromptHeatmap.colour(-1));
        assertEquals("#b2182b", PromptHeatmap.colour(1));
        assertEquals("#2166ac", PromptHeatmap.colour(-7), "clipped to the scale");
    }

    @Test
    void namesSortNaturallyAndGiveDistinctFileNames() {
        List<String> cases = new java.util.ArrayList<>(List.of("case-10", "case-2", "case-1"));
        cases.sort(Names.NATURAL);
        assertEquals(List.of("case-1", "case-2", "case-10"), cases);
        Names.Slugs slugs = new Names.Slugs();
        assertEquals("case-1", slugs.of("case-1"));
        String a = slugs.of("a/b");
        String b = slugs.of("a b");
        assertTrue(a.startsWith("a-b-") && b.startsWith("a-b-") && !a.equals(b), a + " " + b);
        assertEquals(a, slugs.of("a/b"));
        assertTrue(PromptHeatmap.xml("x\u0001<y>").equals("x&lt;y&gt;"));
    }
}
