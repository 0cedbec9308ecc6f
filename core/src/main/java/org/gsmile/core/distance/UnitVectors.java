package org.gsmile.core.distance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.gsmile.core.model.TextEmbedder;

/**
 * L2-normalised embeddings of texts, each distinct text embedded once per process and embedder.
 * Embedding is the costly part of a text distance (some 2 ms a word with the packaged MiniLM), and
 * explanations compare the same words over and over: every explanation of a run, its metrics' re-explanations,
 * and the WMD kernel's prompts. The vectors are shared by every distance on the same embedder, which
 * changes no result because an embedder embeds each text alone ({@link TextEmbedder#embed}: the same
 * vector whatever else is in the batch), so it does not matter which explanation asked first.
 *
 * <p>A blank text maps to {@link #ORIGIN}, the zero vector: it lies at Euclidean distance 1 from
 * every unit vector, which is how the text distances place an empty output.
 */
final class UnitVectors {
    /** The zero vector, of any dimension: see {@link #euclidean}. */
    static final double[] ORIGIN = new double[0];
    /**
     * Texts kept per embedder (about 3 KB each at 384 dimensions) before the cache starts afresh: words
     * and the outputs of one run fit, and a long-lived process stays bounded.
     */
    static final int MAX_TEXTS = 20_000;
    private static final Map<TextEmbedder, Map<String, double[]>> SHARED = new WeakHashMap<>();

    private final TextEmbedder embedder;
    private final Map<String, double[]> cache;

    UnitVectors(TextEmbedder embedder) {
        this.embedder = embedder;
        synchronized (SHARED) {
            this.cache = SHARED.computeIfAbsent(embedder, e -> new ConcurrentHashMap<>());
        }
    }

    String embedderName() {
        return embedder.name();
    }

    /** The unit vector of each text, in order; texts not seen before are embedded in one batch. */
    double[][] of(List<String> texts) {
        Set<String> missing = new LinkedHashSet<>();
        for (String t : texts) {
            if (!t.isBlank() && !cache.containsKey(t)) {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            List<String> batch = new ArrayList<>(missing);
            List<float[]> vectors = embedder.embed(batch);
            if (vectors.size() != batch.size()) {
                throw new IllegalStateException(embedder.name() + " returned " + vectors.size() + " embeddings for "
                        + batch.size() + " texts");
            }
            Map<String, double[]> fresh = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                fresh.put(batch.get(i), normalise(vectors.get(i)));
            }
            if (cache.size() + fresh.size() > MAX_TEXTS) {
                cache.clear();
            }
            fresh.forEach(cache::putIfAbsent);
            return vectorsOf(texts, fresh);
        }
        return vectorsOf(texts, Map.of());
    }

    /** Each text's vector from the cache, or from those just embedded (another thread may have cleared the cache). */
    private double[][] vectorsOf(List<String> texts, Map<String, double[]> fresh) {
        double[][] out = new double[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            String t = texts.get(i);
            double[] v = t.isBlank() ? ORIGIN : fresh.get(t);
            out[i] = v != null ? v : cache.get(t);
        }
        return out;
    }

    /** Euclidean distance, where {@link #ORIGIN} stands for the zero vector of the other's dimension. */
    static double euclidean(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            return Math.sqrt(dot(a.length == 0 ? b : a, a.length == 0 ? b : a));
        }
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings of " + a.length + " and " + b.length + " dimensions");
        }
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static double[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new IllegalStateException("embedding has a non-finite component: " + x);
            }
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return ORIGIN;
        }
        double[] u = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            u[k] = v[k] / norm;
        }
        return u;
    }
}
