package org.gsmile.core.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordMoversDistanceTest {
    /** Deliberately not unit length: the distance must normalise. */
    static final Map<String, float[]> WORDS = Map.of(
            "the", new float[] {1, 0, 0},
            "cat", new float[] {0, 2, 1},
            "kitten", new float[] {0, 1.8f, 1.2f},
            "sat", new float[] {1, 1, 0},
            "dog", new float[] {0.5f, 1.5f, -1},
            "ran", new float[] {2, 0.5f, 0.5f},
            "a", new float[] {0.3f, -0.2f, 0.9f});

    // Reference values: scipy.optimize.linprog (HiGHS) on the same unit vectors and bags of words.
    // python3 tools/reference/embedding_distances.py recomputes them.
    @Test
    void matchesTheTransportLinearProgram() {
        WordMoversDistance wmd = new WordMoversDistance(new FixedEmbedder(WORDS));
        assertEquals(0.25740331666074812, wmd.distance("The cat sat, the cat.", "the KITTEN ran!"), 1e-6);
        assertEquals(0.58700226073851003, wmd.distance("The cat sat, the cat.", "dog ran the dog"), 1e-6);
        assertEquals(0.63516547725162797, wmd.distance("a cat", "kitten"), 1e-6);
    }

    @Test
    void isSymmetricAndZeroOnTheSameBagOfWords() {
        WordMoversDistance wmd = new WordMoversDistance(new FixedEmbedder(WORDS));
        assertEquals(wmd.distance("the cat sat", "dog ran"), wmd.distance("dog ran", "the cat sat"), 1e-12);
        assertEquals(0.0, wmd.distance("the cat sat", "sat, the CAT"));
        assertTrue(wmd.distance("the cat", "the kitten") < wmd.distance("the cat", "the dog"));
    }

    @Test
    void emptyOutputsSitAtTheOrigin() {
        WordMoversDistance wmd = new WordMoversDistance(new FixedEmbedder(WORDS));
        assertEquals(0.0, wmd.distance("", "  "));
        assertEquals(0.0, wmd.distance("", "... !"));
        assertEquals(1.0, wmd.distance("", "the cat"));
        assertEquals(1.0, wmd.distance("dog", "?!"));
    }

    @Test
    void wordsAreLowerCasedWithPunctuationStripped() {
        assertEquals(List.of("the", "ball", "dont", "well", "café", "3"),
                WordMoversDistance.words("  The ball. don't — well! Café 3 "));
        assertEquals(List.of(), WordMoversDistance.words(" -- "));
    }

    @Test
    void embedsEachDistinctWordOnce() {
        FixedEmbedder embedder = new FixedEmbedder(WORDS);
        WordMoversDistance wmd = new WordMoversDistance(embedder);
        wmd.distance("the cat sat", "the dog ran");
        wmd.distance("the cat sat", "the kitten ran");
        wmd.distance("the cat", "a dog");
        assertEquals(List.of("the", "cat", "sat", "dog", "ran", "kitten", "a"), embedder.embedded);
        // Another distance on the same embedder (the next explanation's) embeds nothing it has seen.
        WordMoversDistance next = new WordMoversDistance(embedder);
        assertEquals(wmd.distance("the cat sat", "the dog ran"), next.distance("the cat sat", "the dog ran"));
        next.distance("a kitten", "the dog");
        assertEquals(7, embedder.embedded.size());
        // Another embedder has its own vectors.
        FixedEmbedder other = new FixedEmbedder(WORDS);
        new WordMoversDistance(other).distance("the cat", "a dog");
        assertEquals(List.of("the", "cat", "a", "dog"), other.embedded);
    }
}
