package org.gsmile.core.distance;

import java.util.List;
import org.gsmile.core.model.TextEmbedder;

/**
 * Cosine distance 1 − cos(e(x), e(y)) between the sentence embeddings of two output texts, in
 * [0, 2]. Texts are compared with surrounding whitespace removed. A blank output is empty and, as
 * in {@link WordMoversDistance}, sits at the origin: distance 0 to another empty output and 1 (no
 * similarity) to any other.
 */
public final class SentenceEmbeddingDistance implements OutputDistance<String> {
    private final UnitVectors vectors;

    public SentenceEmbeddingDistance(TextEmbedder embedder) {
        this.vectors = new UnitVectors(embedder);
    }

    @Override
    public String name() {
        return "sentence-embedding";
    }

    @Override
    public double distance(String original, String perturbed) {
        String a = original.strip();
        String b = perturbed.strip();
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty() ? 0.0 : 1.0;
        }
        if (a.equals(b)) {
            return 0.0;
        }
        double[][] v = vectors.of(List.of(a, b));
        if (v[0].length == 0 || v[1].length == 0) {
            return v[0].length == v[1].length ? 0.0 : 1.0;
        }
        // Rounding can push the cosine of near-identical unit vectors a hair past 1.
        return Math.min(2.0, Math.max(0.0, 1.0 - UnitVectors.dot(v[0], v[1])));
    }
}
