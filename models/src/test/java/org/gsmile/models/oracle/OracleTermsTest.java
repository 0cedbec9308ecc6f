package org.gsmile.models.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gsmile.core.UserInputException;
import org.junit.jupiter.api.Test;

class OracleTermsTest {

    @Test
    void parsesOneWordTermsAndInteractions() {
        OracleTerms t = OracleTerms.parse("rain=0.6,remove=0.4,not+good=0.5");
        assertEquals(List.of(new OracleTerms.Term(List.of("rain"), 0.6), new OracleTerms.Term(List.of("remove"), 0.4),
                new OracleTerms.Term(List.of("not", "good"), 0.5)), t.terms());
        assertEquals("not+good", t.terms().get(2).label());
        assertEquals(3, t.size());
        assertEquals(0.6, t.maxWeight());
        assertEquals(List.of("rain", "remove", "not", "good"), List.copyOf(t.words()));
        assertEquals("rain=0.6,remove=0.4,not+good=0.5", t.canonical());
    }

    @Test
    void wordsAreNormalisedAsThePromptIsRead() {
        // Case and punctuation are ignored the way the oracle reads prompts: "Rain." in a prompt is rain.
        OracleTerms t = OracleTerms.parse(" Rain=0.60 , REMOVE = .4, Not + Good=5e-1, don't=1");
        assertEquals("rain=0.6,remove=0.4,not+good=0.5,dont=1.0", t.canonical());
        assertEquals(OracleTerms.parse("rain=0.6,remove=0.4,not+good=0.5,dont=1").canonical(), t.canonical());
    }

    @Test
    void everyMistakeIsOneLineNamingTheFix() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("", "oracle:keywords needs its keywords: write oracle:keywords#rain=0.6,remove=0.4");
        cases.put("  ", "oracle:keywords needs its keywords: write oracle:keywords#rain=0.6,remove=0.4");
        cases.put("rain=0.6,,remove=0.4", "has an empty term (the 2nd): separate terms by single commas");
        cases.put("rain=0.6,", "has an empty term (the 2nd)");
        cases.put(",rain=0.6", "has an empty term (the 1st)");
        cases.put("rain", "term 'rain' has no weight: write rain=0.5");
        cases.put("rain=0.6=3", "term 'rain=0.6=3' has more than one =: write one weight per term, as in rain=0.5");
        cases.put("=0.5", "has no word before its weight: write word=weight, as in rain=0.6");
        cases.put("not+=0.5", "term 'not+=0.5' has an empty word: join the words of a term with single +");
        cases.put("+good=0.5", "has an empty word");
        cases.put("not++good=0.5", "has an empty word");
        cases.put("!!=0.5", "word '!!' has no letter or digit");
        cases.put("not good=0.5", "word 'not good' holds a space: join the words of a term with +, as in not+good=0.5");
        cases.put("rain+Rain=0.5", "term 'rain+Rain=0.5' names rain twice: name each word of a term once");
        cases.put("rain=abc", "weight 'abc' of rain is not a number: write rain=0.5");
        cases.put("rain=", "weight '' of rain is not a number");
        cases.put("rain=NaN", "weight 'NaN' of rain is not a number");
        cases.put("rain=Infinity", "weight 'Infinity' of rain is not a number");
        cases.put("rain=0x1p3", "weight '0x1p3' of rain is not a number");
        cases.put("rain=0.5d", "weight '0.5d' of rain is not a number");
        cases.put("rain=0", "weight 0 of rain must be positive and finite: write rain=0.5");
        cases.put("rain=-0.5", "weight -0.5 of rain must be positive and finite");
        cases.put("rain=1e999", "weight 1e999 of rain must be positive and finite");
        cases.put("rain=0.6,Rain=0.3", "names the term rain twice: give each term once, with one weight");
        // An AND term means the same whatever the order of its words.
        cases.put("not+good=0.5,good+not=0.2", "names the term good+not twice");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            UserInputException e = assertThrows(UserInputException.class, () -> OracleTerms.parse(c.getKey()),
                    c.getKey());
            assertTrue(e.getMessage().contains(c.getValue()), c.getKey() + " → " + e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().length() < 200, "too long: " + e.getMessage());
        }
    }

    @Test
    void theRecordsCheckWhatTheParserChecks() {
        assertThrows(IllegalArgumentException.class, () -> new OracleTerms.Term(List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> new OracleTerms.Term(List.of("Rain"), 1));
        assertThrows(IllegalArgumentException.class, () -> new OracleTerms.Term(List.of("no good"), 1));
        assertThrows(IllegalArgumentException.class, () -> new OracleTerms.Term(List.of("rain", "rain"), 1));
        assertThrows(IllegalArgumentException.class, () -> new OracleTerms.Term(List.of("rain"), 0));
        assertThrows(IllegalArgumentException.class, () -> new OracleTerms.Term(List.of("rain"), Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> new OracleTerms.Term(List.of("rain"), Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new OracleTerms(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new OracleTerms(List.of(
                new OracleTerms.Term(List.of("not", "good"), 1), new OracleTerms.Term(List.of("good", "not"), 2))));
        assertEquals(Set.of("rain"), new OracleTerms(List.of(new OracleTerms.Term(List.of("rain"), 2))).words());
    }
}
