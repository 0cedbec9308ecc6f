package org.gsmile.core.distance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gsmile.core.model.TextEmbedder;

/**
 * Word Mover's Distance between two output texts: the exact Wasserstein-1 distance
 * ({@link Wasserstein#emd}) between their normalised bags of words, the ground cost between two
 * words the Euclidean distance between their L2-normalised embeddings. Moving mass from "dog" to
 * "puppy" costs little, to "spaceship" a lot, so outputs that say the same thing in other words
 * stay close.
 *
 * <p>Words are whitespace-separated pieces, lower-cased, with every character that is not a letter,
 * a combining mark or a digit removed ("Ball." and "ball" are one word, "don't" becomes "dont");
 * pieces left empty are dropped. An output with no words is empty and sits at the origin of the
 * embedding space, at distance 1 from every unit word vector: two empty outputs are at distance 0,
 * an empty and a non-empty one at exactly 1. With unit vectors every distance lies in [0, 2].
 */
public final class WordMoversDistance implements OutputDistance<String> {
    private final UnitVectors vectors;

    public WordMoversDistance(TextEmbedder embedder) {
        this.vectors = new UnitVectors(embedder);
    }

    @Override
    public String name() {
        return "embedding-wasserstein";
    }

    @Override
    public double distance(String original, String perturbed) {
        Map<String, Integer> a = bag(original);
        Map<String, Integer> b = bag(perturbed);
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty() ? 0.0 : 1.0;
        }
        if (a.equals(b)) {
            return 0.0;
        }
        List<String> wa = new ArrayList<>(a.keySet());
        List<String> wb = new ArrayList<>(b.keySet());
        List<String> all = new ArrayList<>(wa);
        all.addAll(wb);
        double[][] unit = vectors.of(all);
        double[] ma = new double[wa.size()];
        double[] mb = new double[wb.size()];
        double[][] cost = new double[wa.size()][wb.size()];
        for (int i = 0; i < wa.size(); i++) {
            ma[i] = a.get(wa.get(i));
            for (int j = 0; j < wb.size(); j++) {
                cost[i][j] = UnitVectors.euclidean(unit[i], unit[wa.size() + j]);
            }
        }
        for (int j = 0; j < wb.size(); j++) {
            mb[j] = b.get(wb.get(j));
        }
        return Wasserstein.emd(ma, mb, cost);
    }

    /** The words of a text as this distance counts them, in order, repeats kept. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String piece : text.strip().split("\\s+")) {
            StringBuilder w = new StringBuilder(piece.length());
            piece.codePoints()
                    .filter(c -> Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                            || Character.getType(c) == Character.COMBINING_SPACING_MARK
                            || Character.getType(c) == Character.ENCLOSING_MARK)
                    .forEach(w::appendCodePoint);
            if (w.length() > 0) {
                words.add(w.toString().toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }

    /** Word counts in first-seen order, so every run builds the same transport problem. */
    private static Map<String, Integer> bag(String text) {
        Map<String, Integer> bag = new LinkedHashMap<>();
        for (String w : words(text)) {
            bag.merge(w, 1, Integer::sum);
        }
        return bag;
    }
}
