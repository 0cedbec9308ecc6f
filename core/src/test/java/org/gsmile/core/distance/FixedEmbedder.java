package org.gsmile.core.distance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gsmile.core.model.TextEmbedder;

/** Hand-made embeddings, so distances can be checked against values computed independently; records what it embeds. */
final class FixedEmbedder implements TextEmbedder {
    private final Map<String, float[]> vectors;
    final List<String> embedded = new CopyOnWriteArrayList<>();

    FixedEmbedder(Map<String, float[]> vectors) {
        this.vectors = vectors;
    }

    @Override
    public String name() {
        return "fixed";
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>();
        for (String t : texts) {
            embedded.add(t);
            float[] v = vectors.get(t);
            if (v == null) {
                throw new IllegalArgumentException("no embedding for '" + t + "'");
            }
            out.add(v.clone());
        }
        return out;
    }
}
