package org.gsmile.experiments.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gsmile.core.spec.UnitKind;
import org.gsmile.core.unit.Unit;
import org.junit.jupiter.api.Test;

class TextFormatTest {
    @Test
    void controlCharactersAreEscapedOnOneLine() {
        assertEquals("a\\nb\\tc\\rd\\u0007e\\u001Bf\\u2028g", TextFormat.escape("a\nb\tc\rd\u0007e\u001bf\u2028g"));
        assertEquals("Lily ⟦ball⟧ ünïcode", TextFormat.escape("Lily ⟦ball⟧ ünïcode"));
    }

    @Test
    void countedNounsAgreeWithTheirNumber() {
        assertEquals("1 round", TextFormat.count(1, "round"));
        assertEquals("2 rounds", TextFormat.count(2, "round"));
        assertEquals("0 rounds", TextFormat.count(0, "round"));
        assertEquals("1 retry", TextFormat.count(1, "retry", "retries"));
        assertEquals("3 retries", TextFormat.count(3, "retry", "retries"));
        assertEquals("1 word", TextFormat.units(1, UnitKind.WORDS));
        assertEquals("2 sentences", TextFormat.units(2, UnitKind.SENTENCES));
        assertEquals("phrase", TextFormat.unitNoun(UnitKind.PHRASES));
    }

    @Test
    void aCutIsAlwaysMarked() {
        assertEquals("short", TextFormat.cut("short", 5));
        assertEquals("shor…", TextFormat.cut("shorter", 5));
    }

    @Test
    void wrappedLinesKeepEveryWordAndTheirWidth() {
        String text = "word ".repeat(60).strip();
        String wrapped = TextFormat.wrap(text, "Score: ", "  ");
        assertTrue(wrapped.lines().allMatch(l -> l.length() <= TextFormat.WIDTH), wrapped);
        assertTrue(wrapped.startsWith("Score: word"), wrapped);
        assertEquals(60, wrapped.split("word", -1).length - 1);
    }

    @Test
    void aFlagStaysWithItsValueAndASumWithItsOperands() {
        String text = "x".repeat(88) + " raise --samples 24 or (2n + 2) samples";
        String wrapped = TextFormat.wrap(text, "", "  ");
        assertTrue(wrapped.contains("--samples 24"), wrapped);
        assertTrue(wrapped.contains("(2n + 2)"), wrapped);
        assertEquals(text, wrapped.replaceAll("\\n  ", " ").strip());
    }

    @Test
    void aUnitInContextIsWholeAndTheCutContextMarked() {
        String prompt = "Once upon a time, there was a little girl named Lily who loved her red ball very much.";
        int start = prompt.indexOf("there");
        int end = prompt.indexOf(" who");
        String c = ExplanationText.context(prompt, new Unit(prompt.substring(start, end), start, end));
        assertEquals("Once upon a time, ⟦there was a little girl named Lily⟧ who loved her red ball…", c);
        Unit first = new Unit("Once", 0, 4);
        assertEquals("⟦Once⟧ upon a time, there was…", ExplanationText.context(prompt, first));
        Unit last = new Unit("much.", prompt.length() - 5, prompt.length());
        assertEquals("…her red ball very ⟦much.⟧", ExplanationText.context(prompt, last));
        assertEquals("⟦a\\nb⟧", ExplanationText.context("a\nb", new Unit("a\nb", 0, 3)));
    }
}
