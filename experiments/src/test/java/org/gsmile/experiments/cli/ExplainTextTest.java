package org.gsmile.experiments.cli;

import static org.gsmile.experiments.cli.ExplainCommandTest.PROMPT;
import static org.gsmile.experiments.cli.ExplainCommandTest.gsmile;
import static org.gsmile.experiments.cli.ExplainCommandTest.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.json.ExplanationJson;
import org.gsmile.experiments.cli.ExplainCommandTest.Result;
import org.gsmile.experiments.output.ExplanationText;
import org.junit.jupiter.api.Test;

/** What a person reads from {@code gsmile explain}: the text output, on the real stories260K model. */
class ExplainTextTest {
    /** A row of the ranked table: rank (a tie ends in =), position, unit, bar, score. */
    private static final Pattern RANKED_ROW = Pattern.compile("^\\s*(\\d+=?)\\s+#(\\d+)\\s+(.*?)\\s+[█ ]*\\s([+-]\\d+\\.\\d{5})\\b.*$");
    /** A row of the scores in prompt order: no rank, position, unit, score. */
    private static final Pattern PROMPT_ORDER_ROW = Pattern.compile("^\\s*(=[A-Z])?\\s+#(\\d+)\\s+(.*?)\\s+([+-]\\d+\\.\\d{5})\\b.*$");

    /** The output with its wrapped lines joined, for sentences that may be wrapped anywhere. */
    static String flat(String out) {
        return out.replaceAll("\\s+", " ");
    }

    static Result explain(String... args) {
        List<String> all = new ArrayList<>(List.of("explain", "--model", model(), "--max-new-tokens", "8"));
        all.addAll(List.of(args));
        Result r = gsmile(all.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return r;
    }

    /** Position (1-based) → score, from the ranked table. */
    static Map<Integer, Double> ranked(String out) {
        Map<Integer, Double> scores = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            Matcher m = RANKED_ROW.matcher(line);
            if (m.matches()) {
                scores.put(Integer.parseInt(m.group(2)), Double.parseDouble(m.group(4)));
            }
        }
        return scores;
    }

    @Test
    void aHealthyExplanationIsRankedWithIntervalsAndNoWarnings() {
        Result r = explain(PROMPT);
        String out = r.out();
        assertFalse(flat(out).contains("Warnings:"), out);
        assertTrue(flat(out).contains("Reliability: no warnings"), out);
        assertTrue(flat(out).contains("Method: surrogate: size-profile sampler, Shapley kernel, size-profile fit on 8 words"), out);
        assertTrue(flat(out).contains("Samples: 64 (default: max(64, 2n + 2) = 64 for n = 8), 1 round; stopped: budget spent"), out);
        assertTrue(flat(out).contains("Sign: distance (negative = keeping the unit holds the output in place)"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("rank\\s+#\\s+word\\s+\\|score\\| / max\\s+score\\s+95 % interval")), out);
        assertEquals(8, ranked(out).size(), out);
        assertTrue(flat(out).contains("Top-3 stability: the same top-3 set comes back in"), out);
        assertTrue(flat(out).contains("estimated Shapley value of the output distance (token-wasserstein)"), out);
        assertTrue(flat(out).contains("(efficiency)"), out);
        assertFalse(flat(out).contains("moves the output by about"), out);
        assertTrue(out.contains("1 generation\n"), out);
        assertFalse(flat(out).contains("{"), "an unrendered setting placeholder:\n" + out);
        // A local model has no response cache and never retries: nothing about them is said.
        assertFalse(flat(out).contains("response cache"), out);
    }

    @Test
    void oneSampleShowsItsWarningsAndNeitherARankingNorIntervals() {
        Result r = explain("--samples", "1", PROMPT);
        String out = r.out();
        assertTrue(out.contains("\nWarnings:\n"), out);
        for (String code : List.of("underdetermined", "few-samples", "no-intervals")) {
            assertTrue(out.contains("  [" + code + "] "), code + " missing in\n" + out);
        }
        // The warnings come right after the output, with their remedies as the command line spells them.
        assertTrue(out.indexOf("Warnings:") > out.indexOf("Output: ") && out.indexOf("Warnings:") < out.indexOf("Method: "), out);
        assertTrue(flat(out).contains("--samples 18"), out);
        assertFalse(flat(out).contains("{"), "an unrendered setting placeholder:\n" + out);
        assertTrue(flat(out).contains("No reliable ranking: the fit is not identified"), out);
        assertTrue(flat(out).contains("Scores in prompt order:"), out);
        assertTrue(ranked(out).isEmpty(), "a ranked row:\n" + out);
        assertFalse(flat(out).contains("rank "), out);
        List<Integer> positions = new ArrayList<>();
        for (String line : out.lines().toList()) {
            Matcher m = PROMPT_ORDER_ROW.matcher(line);
            if (m.matches()) {
                positions.add(Integer.parseInt(m.group(2)));
            }
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), positions, out);
        assertFalse(out.lines().anyMatch(l -> l.matches(".*score\\s+95 % interval")), out);
        assertFalse(flat(out).contains("includes 0"), out);
        assertFalse(flat(out).contains("Top-3 stability"), out);
        assertFalse(flat(out).contains("resamples"), out);
        assertTrue(flat(out).contains("Intervals: not shown: "), out);
        assertTrue(flat(out).contains("Samples: 2 (--samples 1, raised to the Shapley kernel's two anchors"), out);
        assertTrue(flat(out).contains(" 1 cache hit, 1 generation"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("Reliability: 6 warnings (underdetermined, few-samples")),
                out);
        // Every unit was kept or removed with all the others: tied by the design, and marked so.
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s*=A\\s+#3\\s+to\\s.*")), out);
        assertTrue(flat(out).contains("tied-units"), out);
    }

    @Test
    void repeatedWordsAreToldApartByTheirPosition() {
        Result r = explain("--reference", "loo", "the dog saw the cat");
        Map<Integer, String> units = new LinkedHashMap<>();
        for (String line : r.out().lines().toList()) {
            Matcher m = RANKED_ROW.matcher(line);
            if (m.matches()) {
                units.put(Integer.parseInt(m.group(2)), m.group(3));
            }
        }
        assertEquals("the", units.get(1), r.out());
        assertEquals("the", units.get(4), r.out());
        assertEquals(5, units.size(), r.out());
    }

    @Test
    void tokensAreShownInContext() {
        Result r = explain("--units", "tokens", PROMPT);
        String out = r.out();
        assertTrue(out.lines().anyMatch(l -> l.matches("rank\\s+#\\s+token\\s.*")), out);
        assertTrue(out.contains("Tokens in context:\n"), out);
        assertTrue(out.contains("  #1  ⟦Lily⟧ wanted to play with…\n"), out);
        // stories260K splits "wanted" into "want" and "ed": each shown where it is.
        assertTrue(out.contains("  #2  Lily ⟦want⟧ed to play"), out);
        assertTrue(out.contains("  #3  Lily want⟦ed⟧ to play"), out);
        assertTrue(flat(out).contains("on " + ranked(out).size() + " tokens"), out);
    }

    @Test
    void phrasesAreShownInContextAndLongOnesAreCutWithAMark() {
        String phrase = "and the big brown dog that lived next door barked all day long at the cat,";
        Result r = explain("--units", "phrases", "Lily wanted to play with her red ball, " + phrase + " so she ran.");
        String out = r.out();
        assertTrue(out.lines().anyMatch(l -> l.matches("rank\\s+#\\s+phrase\\s.*")), out);
        assertTrue(out.contains("Phrases in context:\n"), out);
        // In the table the long phrase is cut, and the cut is marked; its context line holds it whole.
        assertTrue(flat(out).contains("and the big brown dog that …"), out);
        assertTrue(flat(out).contains("⟦" + phrase + "⟧ so she ran."), out);
        assertTrue(flat(out).contains("on 3 phrases"), out);
        // Every coalition of 3 phrases was observed: the fit is the Shapley values and there is nothing to resample.
        assertTrue(flat(out).contains("exact Shapley value"), out);
        assertTrue(flat(out).contains("Intervals: none: every coalition the sampler can draw was observed"), out);
    }

    @Test
    void exactShapleySaysItObservedEveryCoalition() {
        Result r = explain("--reference", "shapley", PROMPT);
        String out = r.out();
        assertTrue(flat(out).contains("Method: exact Shapley values, all 256 coalitions of the 8 words (2^8)"), out);
        assertFalse(flat(out).contains("strata"), out);
        assertFalse(flat(out).contains("Samples: "), out);
        assertTrue(flat(out).contains("each word's exact Shapley value"), out);
        assertTrue(flat(out).contains("Intervals: none: exact values over every coalition have no sampling error."), out);
        assertEquals(8, ranked(out).size(), out);
    }

    @Test
    void leaveOneOutSaysWhatItIs() {
        Result r = explain("--reference", "loo", PROMPT);
        String out = r.out();
        assertTrue(flat(out).contains("Method: leave-one-out, 8 prompts besides the original, each with one word removed"), out);
        assertTrue(flat(out).contains("Score: minus the output distance (token-wasserstein) of the prompt with that word"
                + " alone removed"), out);
        assertFalse(flat(out).contains("Shapley"), out);
    }

    @Test
    void importanceFlipsEverySignAndSaysSo() {
        Map<Integer, Double> distance = ranked(explain("--seed", "3", PROMPT).out());
        Result r = explain("--seed", "3", "--sign", "importance", PROMPT);
        Map<Integer, Double> importance = ranked(r.out());
        assertTrue(flat(r.out()).contains("Sign: importance (positive = keeping the unit holds the output in place)"), r.out());
        assertEquals(8, distance.size());
        assertEquals(distance.keySet(), importance.keySet());
        for (int i : distance.keySet()) {
            assertEquals(-distance.get(i), importance.get(i), 1e-12, "unit " + i);
        }
        // The same ranking: |score| does not change.
        assertEquals(List.copyOf(distance.keySet()), List.copyOf(importance.keySet()));
        String prose = r.out().replaceAll("\\s+", " ");
        assertTrue(prose.contains("with its sign flipped"), r.out());
        assertTrue(prose.matches(".*The scores add up to \\+\\d\\.\\d{5}, the distance of the empty prompt's.*"), r.out());
    }

    @Test
    void coloursFollowTheSignConvention() {
        for (String sign : List.of("distance", "importance")) {
            Result r = explain("--samples", "24", "--sign", sign, "--format", "json", PROMPT);
            Explanation e = ExplanationJson.read(r.out());
            String text = new ExplanationText(true).render(e);
            String holds = "\u001b[34m";
            String pulls = "\u001b[31m";
            double[] theta = e.attribution().scores();
            int rows = 0;
            for (String line : text.lines().toList()) {
                Matcher m = RANKED_ROW.matcher(line.replaceAll("\u001b\\[[0-9;]*m", ""));
                if (m.matches()) {
                    double t = theta[Integer.parseInt(m.group(2)) - 1];
                    boolean keepingHolds = sign.equals("importance") ? t > 0 : t < 0;
                    assertTrue(line.contains(keepingHolds ? holds : pulls), sign + ": " + line);
                    rows++;
                }
            }
            assertEquals(8, rows, text);
        }
    }

    @Test
    void countedNounsAgreeWithTheirNumber() {
        String auto = explain("--samples", "auto", PROMPT).out();
        Matcher m = Pattern.compile("Samples: \\d+ in (\\d+) (rounds?) \\(budget auto, at most --max-samples 256\\)")
                .matcher(auto);
        assertTrue(m.find(), auto);
        assertEquals(m.group(1).equals("1") ? "round" : "rounds", m.group(2), auto);
        String fixed = explain("--samples", "24", PROMPT).out();
        assertTrue(flat(fixed).contains("Samples: 24 (--samples 24), 1 round;"), fixed);
    }

    @Test
    void thePromptLineEscapesControlCharacters() {
        Result r = explain("--samples", "24", "Lily\twanted to play\nwith her\u0007 red ball");
        assertTrue(r.out().startsWith("Prompt: Lily\\twanted to play\\nwith her\\u0007 red ball\n"), r.out());
        assertTrue(r.out().lines().filter(l -> l.startsWith("Output: ")).count() == 1, r.out());
    }
}
