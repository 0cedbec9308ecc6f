package org.gsmile.core.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentenceEmbeddingDistanceTest {
    static final Map<String, float[]> TEXTS = Map.of(
            "Lily found a ball.", new float[] {1, 2, 3},
            "Tom ran home.", new float[] {-1, 0.5f, 2},
            "opposite", new float[] {-1, -2, -3});

    @Test
    void isOneMinusTheCosine() {
        SentenceEmbeddingDistance d = new SentenceEmbeddingDistance(new FixedEmbedder(TEXTS));
        // numpy: 1 - x·y / (|x| |y|); python3 tools/reference/embedding_distances.py recomputes it.
        assertEquals(0.3001457877762348, d.distance("Lily found a ball.", " Tom ran home.\n"), 1e-7);
        assertEquals(2.0, d.distance("Lily found a ball.", "opposite"), 1e-7);
        assertEquals(0.0, d.distance("Lily found a ball.", "Lily found a ball."));
    }

    @Test
    void emptyOutputsSitAtTheOrigin() {
        SentenceEmbeddingDistance d = new SentenceEmbeddingDistance(new FixedEmbedder(TEXTS));
        assertEquals(0.0, d.distance("", " \n"));
        assertEquals(1.0, d.distance("", "Tom ran home."));
        assertEquals(1.0, d.distance("Tom ran home.", "  "));
    }

    @Test
    void embedsEachDistinctTextOnce() {
        FixedEmbedder embedder = new FixedEmbedder(TEXTS);
        SentenceEmbeddingDistance d = new SentenceEmbeddingDistance(embedder);
        d.distance("Lily found a ball.", "Tom ran home.");
        d.distance("Lily found a ball.", "opposite");
        d.distance("Lily found a ball.", "Tom ran home.");
        assertEquals(List.of("Lily found a ball.", "Tom ran home.", "opposite"), embedder.embedded);
    }
}
