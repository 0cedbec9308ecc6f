package org.gsmile.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.unit.Unit;
import org.junit.jupiter.api.Test;

class OperatorsTest {
    static final String PROMPT = "Happy Lily saw a red ball.";
    static final List<Unit> UNITS = new WordSplitter().split(PROMPT);
    static final Thesaurus FAKE = word -> Map.of(
            "happy", List.of("glad", "felicitous"),
            "red", List.of("crimson", "scarlet", "ruby", "cherry"),
            "ball", List.of("orb")).getOrDefault(word.toLowerCase(), List.of());

    @Test
    void maskKeepsPositionsWithThePlaceholder() {
        PerturbationOperator.Perturbation op = new MaskOperator("[MASK]").bind(PROMPT, UNITS, 1);
        assertEquals("[MASK] Lily saw a [MASK] ball.", op.apply(Mask.of(false, true, true, true, false, true)));
        assertEquals(PROMPT, op.apply(Mask.allKept(6)));
        assertEquals("_ _ _ _ _ _", new MaskOperator("_").bind(PROMPT, UNITS, 1).apply(Mask.of(new boolean[6])));
        assertEquals(List.of(), op.unreplacedUnits());
        assertThrows(IllegalArgumentException.class, () -> new MaskOperator(""));
        assertThrows(IllegalArgumentException.class, () -> op.apply(Mask.of(true, false)));
    }

    @Test
    void synonymReplacesKeepsCaseAndPunctuationAndDropsUnitsWithoutOne() {
        PerturbationOperator.Perturbation op = new SynonymOperator(FAKE).bind(PROMPT, UNITS, 42);
        String all = op.apply(Mask.of(new boolean[6]));
        // "Lily", "saw" and "a" have no synonym and are dropped; the others are replaced.
        String[] words = all.split(" ");
        assertEquals(3, words.length, all);
        assertTrue(Set.of("Glad", "Felicitous").contains(words[0]), all);
        assertTrue(Set.of("crimson", "scarlet", "ruby", "cherry").contains(words[1]), all);
        assertEquals("orb.", words[2]);
        assertEquals(List.of(1, 2, 3), op.unreplacedUnits());
        assertEquals(PROMPT, op.apply(Mask.allKept(6)));
        assertEquals("Happy Lily saw ball.", op.apply(Mask.of(true, true, true, false, false, true))
                .replaceAll(" (crimson|scarlet|ruby|cherry)", ""));
    }

    @Test
    void synonymChoiceIsFixedBySeedAndUnit() {
        SynonymOperator synonyms = new SynonymOperator(FAKE);
        Mask drop = Mask.of(false, true, true, true, false, true);
        String a = synonyms.bind(PROMPT, UNITS, 7).apply(drop);
        assertEquals(a, new SynonymOperator(FAKE).bind(PROMPT, UNITS, 7).apply(drop));
        // A unit's synonym does not depend on which other units are removed.
        String alone = synonyms.bind(PROMPT, UNITS, 7).apply(Mask.of(true, true, true, true, false, true));
        assertEquals(a.split(" ")[4], alone.split(" ")[4]);
        Set<String> across = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            across.add(synonyms.bind(PROMPT, UNITS, seed).apply(drop));
        }
        assertEquals(8, across.size(), "2 synonyms of happy × 4 of red");
    }

    @Test
    void oneSynonymOperatorServesSeveralPromptsAtOnce() {
        // Stateless: what belongs to a prompt lives in its binding, so bindings may interleave.
        SynonymOperator synonyms = new SynonymOperator(FAKE);
        String other = "the red ball";
        List<Unit> otherUnits = new WordSplitter().split(other);
        Mask drop = Mask.of(false, true, true, true, false, true);
        String before = synonyms.bind(PROMPT, UNITS, 7).apply(drop);
        PerturbationOperator.Perturbation first = synonyms.bind(PROMPT, UNITS, 7);
        PerturbationOperator.Perturbation second = synonyms.bind(other, otherUnits, 7);
        assertEquals("the ball", second.apply(Mask.of(true, true, true)).replace(" red", ""));
        assertEquals(List.of(0), second.unreplacedUnits());
        assertEquals(before, first.apply(drop));
        assertEquals(List.of(1, 2, 3), first.unreplacedUnits());
        assertEquals("the", second.apply(Mask.of(true, false, false)).split(" ")[0]);
        assertTrue(second.apply(Mask.of(true, false, false)).endsWith("orb"), second.apply(Mask.of(true, false, false)));
    }

    @Test
    void wordNetFindsCommonSynonymsAndNoneForFunctionWords() {
        WordNetThesaurus wn = WordNetThesaurus.load();
        assertTrue(wn.synonyms("girl").contains("young lady"), wn.synonyms("girl").toString());
        assertEquals(List.of("small"), wn.synonyms("little"));
        assertEquals(List.of("enjoy"), wn.synonyms("loved"));
        assertEquals(List.of(), wn.synonyms("the"));
        assertEquals(List.of(), wn.synonyms("xqzzy"));
    }
}
