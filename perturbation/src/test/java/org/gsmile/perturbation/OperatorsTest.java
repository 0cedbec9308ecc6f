package org.gsmile.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gsmile.core.mask.Mask;
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
        MaskOperator op = new MaskOperator("[MASK]");
        assertEquals("[MASK] Lily saw a [MASK] ball.", op.apply(PROMPT, UNITS, Mask.of(false, true, true, true, false, true)));
        assertEquals(PROMPT, op.apply(PROMPT, UNITS, Mask.allKept(6)));
        assertEquals("_ _ _ _ _ _", new MaskOperator("_").apply(PROMPT, UNITS, Mask.of(new boolean[6])));
        assertThrows(IllegalArgumentException.class, () -> new MaskOperator(""));
    }

    @Test
    void synonymReplacesKeepsCaseAndPunctuationAndDropsUnitsWithoutOne() {
        SynonymOperator op = new SynonymOperator(FAKE, 42);
        String all = op.apply(PROMPT, UNITS, Mask.of(new boolean[6]));
        // "Lily", "saw" and "a" have no synonym and are dropped; the others are replaced.
        String[] words = all.split(" ");
        assertEquals(3, words.length, all);
        assertTrue(Set.of("Glad", "Felicitous").contains(words[0]), all);
        assertTrue(Set.of("crimson", "scarlet", "ruby", "cherry").contains(words[1]), all);
        assertEquals("orb.", words[2]);
        assertEquals(List.of(1, 2, 3), op.unreplaced(PROMPT, UNITS));
        assertEquals(PROMPT, op.apply(PROMPT, UNITS, Mask.allKept(6)));
        assertEquals("Happy Lily saw ball.", op.apply(PROMPT, UNITS, Mask.of(true, true, true, false, false, true))
                .replaceAll(" (crimson|scarlet|ruby|cherry)", ""));
    }

    @Test
    void synonymChoiceIsFixedBySeedAndUnit() {
        Mask drop = Mask.of(false, true, true, true, false, true);
        String a = new SynonymOperator(FAKE, 7).apply(PROMPT, UNITS, drop);
        assertEquals(a, new SynonymOperator(FAKE, 7).apply(PROMPT, UNITS, drop));
        // A unit's synonym does not depend on which other units are removed.
        String alone = new SynonymOperator(FAKE, 7).apply(PROMPT, UNITS, Mask.of(true, true, true, true, false, true));
        assertEquals(a.split(" ")[4], alone.split(" ")[4]);
        Set<String> across = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            across.add(new SynonymOperator(FAKE, seed).apply(PROMPT, UNITS, drop));
        }
        assertEquals(8, across.size(), "2 synonyms of happy × 4 of red");
        assertNotEquals(1, across.size());
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
