package org.gsmile.models.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gsmile.core.UserInputException;
import org.gsmile.core.distance.LogProbShiftDistance;
import org.gsmile.core.distance.TokenWassersteinDistance;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.TokenScores;
import org.gsmile.models.resolve.ModelResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeywordOracleTest {

    private static final String PROMPT = "Remove the rain from the image";
    private static final double SQRT2 = Math.sqrt(2);
    /** float32 distributions: each mass is off by at most 2^-25, so a distance by ~1e-7. */
    private static final double FLOAT_TOLERANCE = 1e-6;

    @TempDir
    Path temp;

    private static KeywordOracle oracle(String reference) {
        return KeywordOracle.fromReference(reference);
    }

    private static TokenScores score(KeywordOracle o, String prompt, int[] continuation) {
        return o.scoreAsync(List.of(prompt), continuation).join().get(0);
    }

    /** token-wasserstein as the explainer builds it for this model, on the greedy output of the original prompt. */
    private static double tokenWasserstein(KeywordOracle o, String original, String perturbed) {
        int[] y0 = o.generateAsync(List.of(original), DecodingOptions.greedy(32)).join().get(0).tokens();
        TokenWassersteinDistance d = new TokenWassersteinDistance(o.tokenEmbeddings(),
                TokenWassersteinDistance.DEFAULT_TOP_K);
        return d.distance(score(o, original, y0), score(o, perturbed, y0));
    }

    private static double logprobShift(KeywordOracle o, String original, String perturbed) {
        int[] y0 = o.generateAsync(List.of(original), DecodingOptions.greedy(32)).join().get(0).tokens();
        return new LogProbShiftDistance().distance(score(o, original, y0), score(o, perturbed, y0));
    }

    @Test
    void vocabularyEmbeddingsAndGreedyOutputNameWhatThePromptHolds() {
        KeywordOracle o = oracle("oracle:keywords#rain=0.6,remove=0.4");
        assertEquals(3, o.vocabSize());
        assertArrayEquals(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, o.tokenEmbeddings());
        assertEquals("– rain remove", o.decode(new int[] {0, 1, 2}));
        assertEquals(6, o.promptTokenCount(PROMPT));
        assertEquals(Set.of("rain", "remove"), o.relevantWords());
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put(PROMPT, "rain remove");
        outputs.put("RAIN! remove?", "rain remove");
        outputs.put("Remove the from the image", "– remove");
        outputs.put("the image", "– –");
        outputs.put("", "– –");
        // Whole words only: "rainy" and "removed" are other words.
        outputs.put("rainy days removed", "– –");
        List<Generation> g = o.generateAsync(List.copyOf(outputs.keySet()), DecodingOptions.greedy(32)).join();
        assertEquals(List.copyOf(outputs.values()), g.stream().map(Generation::text).toList());
        assertArrayEquals(new int[] {1, 2}, g.get(0).tokens());
        assertArrayEquals(new int[] {0, 2}, g.get(2).tokens());
    }

    @Test
    void distributionsAreTheHandWorkedOnes() {
        KeywordOracle o = oracle("oracle:keywords#rain=0.6,remove=0.4");
        // a = w / max w: rain 1, remove 2/3. Present: ½ + a/4 on the term, ½ − a/4 on none; absent: swapped.
        TokenScores s = score(o, PROMPT, new int[] {1, 2});
        assertArrayEquals(new float[] {0.25f, 0.75f, 0f}, s.distributions()[0]);
        assertArrayEquals(new float[] {1f / 3, 0f, 2f / 3}, s.distributions()[1], 1e-7f);
        assertEquals(Math.log(0.75), s.logProbs()[0], 1e-7);
        assertEquals(Math.log(2.0 / 3), s.logProbs()[1], 1e-7);
        TokenScores without = score(o, "the image", new int[] {1, 2});
        assertArrayEquals(new float[] {0.75f, 0.25f, 0f}, without.distributions()[0]);
        assertArrayEquals(new float[] {2f / 3, 0f, 1f / 3}, without.distributions()[1], 1e-7f);
        // A prefix of the output is scored on the same positions.
        assertEquals(1, score(o, PROMPT, new int[] {1}).length());
    }

    @Test
    void tokenWassersteinIsExactlyAdditiveInTheDroppedTerms() {
        KeywordOracle o = oracle("oracle:keywords#rain=0.6,remove=0.4");
        // T = 2 positions, ground cost √2 between distinct tokens, so W1 = √2 · total variation.
        // Dropping rain (a = 1): position 0 moves ½ of its mass, W1 = √2/2; position 1 unchanged.
        // Averaged over 2 positions: Δ = √2/4 = 0.35355339.
        assertEquals(SQRT2 / 4, tokenWasserstein(o, PROMPT, "Remove the from the image"), FLOAT_TOLERANCE);
        assertEquals(0.35355339, SQRT2 / 4, 1e-8);
        // Dropping Remove (a = 2/3): position 1 moves 1/3, W1 = √2/3; Δ = √2/6 = 0.23570226.
        assertEquals(SQRT2 / 6, tokenWasserstein(o, PROMPT, "the rain from the image"), FLOAT_TOLERANCE);
        // Both: the sum, 5√2/12 = 0.58925565 = s · (0.6 + 0.4) with s = 1/(√2 · 2 · 0.6).
        assertEquals(5 * SQRT2 / 12, tokenWasserstein(o, PROMPT, "the from the image"), FLOAT_TOLERANCE);
        assertEquals(1 / (SQRT2 * 2 * 0.6), o.scale(), 1e-15);
        assertEquals(5 * SQRT2 / 12, o.scale() * (0.6 + 0.4), 1e-15);
        // Words that are no keyword change nothing.
        assertEquals(0, tokenWasserstein(o, PROMPT, "Remove rain"), FLOAT_TOLERANCE);
        // The closed form agrees with the model.
        assertEquals(SQRT2 / 4, o.outputShift(PROMPT, "Remove the from the image"), 1e-15);
        assertEquals(5 * SQRT2 / 12, o.outputShift(PROMPT, ""), 1e-15);
    }

    @Test
    void anInteractionCountsOnlyWhenAllItsWordsArePresent() {
        KeywordOracle o = oracle("oracle:keywords#rain=0.6,remove=0.4,not+good=0.5");
        String prompt = "The rain was not good, so remove it";
        // T = 3, max w = 0.6: s = 1/(√2 · 3 · 0.6) = 0.39283710. Dropping "not" or "good" or both
        // loses the term not+good alone: Δ = 0.5 s = 0.19641855.
        double s = 1 / (SQRT2 * 3 * 0.6);
        assertEquals(0.39283710, s, 1e-8);
        assertEquals(0.5 * s, tokenWasserstein(o, prompt, "The rain was good, so remove it"), FLOAT_TOLERANCE);
        assertEquals(0.5 * s, tokenWasserstein(o, prompt, "The rain was not so remove it"), FLOAT_TOLERANCE);
        assertEquals(0.5 * s, tokenWasserstein(o, prompt, "The rain was so remove it"), FLOAT_TOLERANCE);
        assertEquals(1.5 * s, tokenWasserstein(o, prompt, "The was so it"), FLOAT_TOLERANCE);
        assertEquals("rain remove –", o.generateAsync(List.of("The rain was good, so remove it"),
                DecodingOptions.greedy(3)).join().get(0).text());
    }

    @Test
    void logprobShiftIsAdditiveTooWithLogOddsContributions() {
        KeywordOracle o = oracle("oracle:keywords#rain=0.6,remove=0.4");
        // Dropping rain: y₀'s token goes from ¾ to ¼ at position 0, (ln ¾ − ln ¼)/2 = ln 3 / 2.
        assertEquals(Math.log(3) / 2, logprobShift(o, PROMPT, "Remove the from the image"), FLOAT_TOLERANCE);
        // Dropping Remove: 2/3 to 1/3 at position 1, ln 2 / 2.
        assertEquals(Math.log(2) / 2, logprobShift(o, PROMPT, "the rain from the image"), FLOAT_TOLERANCE);
        assertEquals(Math.log(6) / 2, logprobShift(o, PROMPT, "the image"), FLOAT_TOLERANCE);
    }

    @Test
    void shapleyValuesHaveTheirClosedForm() {
        KeywordOracle additive = oracle("oracle:keywords#rain=0.6,remove=0.4");
        // Distance convention: −s·w for the unit holding a one-word term. s·0.6 = √2/4, s·0.4 = √2/6.
        assertArrayEquals(new double[] {-SQRT2 / 6, 0, -SQRT2 / 4, 0, 0, 0},
                additive.shapleyValues(List.of("Remove", "the", "rain", "from", "the", "image")), 1e-15);

        KeywordOracle interaction = oracle("oracle:keywords#rain=0.6,remove=0.4,not+good=0.5");
        double s = 1 / (SQRT2 * 3 * 0.6);
        // A 2-word AND term: −s·w/2 on each of its words; a term the prompt lacks gives nothing.
        assertArrayEquals(new double[] {0, -0.6 * s, 0, -0.25 * s, -0.25 * s, 0, -0.4 * s, 0},
                interaction.shapleyValues(List.of("The", "rain", "was", "not", "good,", "so", "remove", "it")), 1e-15);
        assertArrayEquals(new double[] {0, -0.6 * s, 0, 0}, interaction.shapleyValues(List.of("The", "rain", "was",
                "good")), 1e-15);
        // One unit holding both words of the term carries all of it.
        assertArrayEquals(new double[] {-0.6 * s, -0.5 * s}, interaction.shapleyValues(List.of("rain", "not good")),
                1e-15);

        // A word twice: either occurrence keeps it present, so the two share −s·w; s = 1/√2 for one term of weight 1.
        KeywordOracle one = oracle("oracle:keywords#rain=1");
        assertArrayEquals(new double[] {-1 / (2 * SQRT2), 0, -1 / (2 * SQRT2)},
                one.shapleyValues(List.of("rain", "and", "Rain.")), 1e-15);
    }

    /** The enumeration formula over the model's own distances, for prompts whose closed form is awkward. */
    @Test
    void shapleyValuesAreThoseOfTheModelsOwnDistances() {
        KeywordOracle o = oracle("oracle:keywords#rain=0.6,remove=0.4,not+good=0.5,good=0.2");
        for (List<String> units : List.of(
                List.of("not", "good", "rain,", "not", "remove", "good"),
                List.of("rain", "not good", "good", "Remove", "it"))) {
            assertArrayEquals(bruteForceShapley(o, units), o.shapleyValues(units), FLOAT_TOLERANCE, units.toString());
        }
    }

    private static double[] bruteForceShapley(KeywordOracle o, List<String> units) {
        int n = units.size();
        String full = String.join(" ", units);
        double[] v = new double[1 << n];
        for (int s = 0; s < v.length; s++) {
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if ((s & (1 << i)) != 0) {
                    kept.add(units.get(i));
                }
            }
            v[s] = tokenWasserstein(o, full, String.join(" ", kept));
        }
        double[] phi = new double[n];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < v.length; s++) {
                if ((s & (1 << i)) == 0) {
                    int k = Integer.bitCount(s);
                    phi[i] += factorial(k) * factorial(n - k - 1) / factorial(n) * (v[s | (1 << i)] - v[s]);
                }
            }
        }
        return phi;
    }

    private static double factorial(int k) {
        double f = 1;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }

    @Test
    void samplingIsSeededAndDrawsFromTheDistributions() {
        KeywordOracle o = oracle("oracle:keywords#rain=1");
        DecodingOptions sampled = new DecodingOptions(4, 1.0, 1.0, 5);
        List<Generation> twice = o.generateAsync(List.of("rain", "rain"), sampled).join();
        assertArrayEquals(twice.get(0).tokens(), twice.get(1).tokens());
        // Present, rain's token has ¾: over 4000 seeds the share is 0.75 ± 3 standard errors (0.007).
        int hits = 0;
        for (long seed = 0; seed < 4000; seed++) {
            hits += o.generateAsync(List.of("rain"), new DecodingOptions(1, 1.0, 1.0, seed)).join().get(0).tokens()[0];
        }
        assertEquals(0.75, hits / 4000.0, 0.021);
    }

    @Test
    void tooFewNewTokensOrTooLongAContinuationIsRefused() {
        KeywordOracle o = oracle("oracle:keywords#rain=0.6,remove=0.4,not+good=0.5");
        UserInputException e = assertThrows(UserInputException.class,
                () -> o.generateAsync(List.of(PROMPT), DecodingOptions.greedy(2)));
        assertTrue(e.getMessage().contains("writes one token per term, 3 in all: maxNewTokens must be at least 3"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> o.scoreAsync(List.of(PROMPT), new int[] {1, 2, 3, 0}));
        assertThrows(IllegalArgumentException.class, () -> o.scoreAsync(List.of(PROMPT), new int[] {4}));
        assertThrows(IllegalArgumentException.class, () -> o.decode(new int[] {-1}));
    }

    @Test
    void provenanceNamesTheExactOracle() {
        KeywordOracle o = oracle("oracle:keywords#rain=0.6,remove=0.4");
        assertEquals("oracle:keywords#rain=0.6,remove=0.4", o.info().id());
        assertTrue(o.info().sha256().matches("[0-9a-f]{64}"), o.info().sha256());
        // The hash is of the normal form: the same oracle written differently hashes alike ...
        assertEquals(o.info().sha256(), oracle("oracle:keywords#Rain=0.60, remove=.4").info().sha256());
        assertEquals(o.info().sha256(), new KeywordOracle(OracleTerms.parse("rain=0.6,remove=0.4")).info().sha256());
        assertEquals("oracle:keywords#rain=0.6,remove=0.4",
                new KeywordOracle(OracleTerms.parse("RAIN=0.6,remove=0.40")).info().id());
        // ... and another weight or another order (other token ids, other outputs) does not.
        assertNotEquals(o.info().sha256(), oracle("oracle:keywords#rain=0.6,remove=0.5").info().sha256());
        assertNotEquals(o.info().sha256(), oracle("oracle:keywords#remove=0.4,rain=0.6").info().sha256());
        assertEquals(Integer.MAX_VALUE, o.info().contextLength());
        assertTrue(o.tokenScorer().isPresent());
    }

    @Test
    void theResolverOpensOracles() {
        ModelResolver resolver = new ModelResolver(null, temp.resolve("cache"), URI.create("http://127.0.0.1:9/"));
        try (GenerativeModel m = resolver.resolve(" ORACLE:Keywords#rain=0.6,not+good=0.5 ")) {
            KeywordOracle o = assertInstanceOf(m);
            assertEquals("oracle:Keywords#rain=0.6,not+good=0.5", o.info().id());
            assertEquals("rain=0.6,not+good=0.5", o.terms().canonical());
        }
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("oracle:keywords", "oracle:keywords needs its keywords: write oracle:keywords#rain=0.6,remove=0.4");
        cases.put("oracle:keywords#", "oracle:keywords needs its keywords: write oracle:keywords#rain=0.6,remove=0.4");
        cases.put("oracle:", "'oracle:' names no oracle: write oracle:keywords#rain=0.6,remove=0.4");
        cases.put("oracle:#rain=1", "names no oracle: write oracle:keywords#rain=0.6,remove=0.4");
        cases.put("oracle:words#rain=1", "unknown oracle 'words': the one oracle is keywords, as in oracle:keywords#rain");
        cases.put("oracle:keywords#rain=0", "weight 0 of rain must be positive and finite: write rain=0.5");
        cases.put("gpt5", "or oracle:keywords#<word>=<weight>,...");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            UserInputException e = assertThrows(UserInputException.class, () -> resolver.resolve(c.getKey()));
            assertTrue(e.getMessage().contains(c.getValue()), c.getKey() + " → " + e.getMessage());
            assertTrue(e.getMessage().length() < 250, "too long: " + e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    private static KeywordOracle assertInstanceOf(GenerativeModel m) {
        assertTrue(m instanceof KeywordOracle, m.getClass().getName());
        return (KeywordOracle) m;
    }
}
