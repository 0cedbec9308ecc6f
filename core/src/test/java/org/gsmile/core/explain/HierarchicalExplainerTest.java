package org.gsmile.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gsmile.core.adaptive.FixedBudget;
import org.gsmile.core.adaptive.Games;
import org.gsmile.core.adaptive.Hierarchy;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.reference.ShapleyKernel;
import org.gsmile.core.reference.SizeProfileFit;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.UnitKind;
import org.gsmile.core.unit.Unit;
import org.gsmile.core.unit.UnitSplitter;
import org.junit.jupiter.api.Test;

/** Groups first, then the words of the groups that matter, on fake games of letters. */
class HierarchicalExplainerTest {
    static final String PROMPT = "a b c d e f g h i";
    /** Groups of three letters: "a b c", "d e f", "g h i". */
    static final UnitSplitter THREES = new UnitSplitter() {
        public String name() {
            return "threes";
        }

        public List<Unit> split(String prompt) {
            List<Unit> groups = new ArrayList<>();
            for (int g = 0; g < 3; g++) {
                groups.add(new Unit(prompt.substring(6 * g, 6 * g + 5), 6 * g, 6 * g + 5));
            }
            return groups;
        }
    };
    static final double[] A = {0.05, 0.3, 0.02, 0.0, 0.01, 0.04, 0.12, 0.1, 0.08};

    /** v(S) = Σ_{i∉S} aᵢ: removing letter i moves the output by aᵢ, whatever else is there. */
    static final OutputDistance<String> ADDITIVE = Games.game(set -> {
        double v = 0;
        for (int i = 0; i < A.length; i++) {
            v += ((set >> i) & 1) == 0 ? A[i] : 0;
        }
        return v;
    });

    static Explanation explain(int samples, OutputDistance<String> game, EchoProbe probe) {
        ExplanationSpec spec = ExplanationSpec.builder().units(UnitKind.PHRASES_THEN_WORDS).samples(samples).build();
        TestParts parts = TestParts.of(Games.LETTERS, Games.uniformDistinct(), Games.DROP, new ShapleyKernel(),
                new SizeProfileFit(), new FixedBudget(samples, 0, 0.95, 3), probe, game);
        return new HierarchicalExplainer(spec, parts, THREES).explain(new ExplanationRequest(PROMPT, 5), TestParts.MODEL);
    }

    @Test
    void anAdditiveGameGivesEveryWordItsOwnEffect() {
        EchoProbe probe = new EchoProbe();
        Explanation e = explain(64, ADDITIVE, probe);
        double[] scores = e.attribution().scores();
        for (int i = 0; i < A.length; i++) {
            assertEquals(-A[i], scores[i], 1e-9, "letter " + i);
        }
        Hierarchy h = e.sampling().hierarchy();
        assertEquals("phrases", h.groups());
        assertEquals(3, h.count());
        assertEquals(8, h.groupSamples());
        assertEquals(3, h.refined().size());
        // The group with the largest effect ("a b c": 0.37) is refined first.
        assertEquals(0, h.refined().get(0).group());
        assertEquals("a b c", h.refined().get(0).text());
        // Every distinct prompt once, within the budget.
        assertEquals(probe.seen().size(), e.calls().unique());
        assertTrue(e.calls().unique() <= 64 + 1, e.calls().toString());
        assertEquals(-Arrays.stream(A).sum(), Arrays.stream(scores).sum(), 1e-12);
    }

    @Test
    void onATightBudgetOnlyTheGroupThatMattersMostIsRefinedAndTheOthersShareTheirScore() {
        Explanation e = explain(12, ADDITIVE, new EchoProbe());
        Hierarchy h = e.sampling().hierarchy();
        assertEquals(1, h.refined().size());
        assertEquals(0, h.refined().get(0).group());
        double[] s = e.attribution().scores();
        assertEquals(-A[1], s[1], 1e-9);
        // "d e f" and "g h i" were not refined: each word has its group's score over 3.
        assertEquals(-(A[3] + A[4] + A[5]) / 3, s[3], 1e-9);
        assertEquals(s[3], s[5], 0);
        assertEquals(-(A[6] + A[7] + A[8]) / 3, s[8], 1e-9);
        assertTrue(e.warnings().stream().anyMatch(w -> w.code() == Warning.Code.TIED_UNITS), e.warnings().toString());
        assertTrue(e.warnings().stream().noneMatch(w -> w.code() == Warning.Code.UNDERDETERMINED), e.warnings().toString());
    }
}
