package org.gsmile.models.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.gsmile.core.Futures;
import org.gsmile.core.distance.ReferenceTokenWasserstein;
import org.gsmile.core.distance.TokenWassersteinDistance;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.model.TokenScores;
import org.junit.jupiter.api.Test;

/**
 * The token distance equals the transport solver as it was ({@code ReferenceTokenWasserstein}) to
 * 1e-9 on the distributions an explanation really compares: stories260K teacher-forced on its own
 * greedy continuation of story prompts, after every drop-one and keep-one perturbation and random
 * ones, position by position and averaged, through {@code from} and through {@code distance}.
 */
class TokenWassersteinOnStories260KTest {
    static final String[] PROMPTS = {
            "Once upon a time, there was a little girl named Lily who loved her red ball",
            "Tom and his dog went to the park to play with a big stick",
            "The sun was hot, so Ben went to swim in the lake.",
    };

    @Test
    void equalsTheReferenceSolverOnRealDistributions() {
        LocalLlamaModel model = TestModels.stories260KModel();
        TokenScorer scorer = model.tokenScorer().orElseThrow();
        float[][] embeddings = scorer.tokenEmbeddings();
        TokenWassersteinDistance fast = new TokenWassersteinDistance(embeddings, TokenWassersteinDistance.DEFAULT_TOP_K);
        ReferenceTokenWasserstein reference = new ReferenceTokenWasserstein(embeddings,
                TokenWassersteinDistance.DEFAULT_TOP_K);
        SplittableRandom random = new SplittableRandom(260);
        int compared = 0;
        double worst = 0;
        for (String prompt : PROMPTS) {
            int[] y0 = Futures.join(model.generateAsync(List.of(prompt), DecodingOptions.greedy(32))).get(0).tokens();
            List<String> prompts = perturbations(prompt.split(" "), random);
            List<TokenScores> scores = Futures.join(scorer.scoreAsync(prompts, y0));
            TokenScores original = scores.get(0);
            ToDoubleFunction<TokenScores> fromOriginal = fast.from(original);
            for (TokenScores perturbed : scores) {
                for (int t = 0; t < y0.length; t++) {
                    float[] p = original.distributions()[t];
                    float[] q = perturbed.distributions()[t];
                    double expected = reference.positionDistance(p, q);
                    assertEquals(expected, fast.positionDistance(p, q), 1e-9, prompt + " at " + t);
                    worst = Math.max(worst, Math.abs(expected - fast.positionDistance(p, q)));
                    compared++;
                }
                double expected = reference.distance(original, perturbed);
                assertEquals(expected, fromOriginal.applyAsDouble(perturbed), 1e-9, prompt);
                assertEquals(expected, fast.distance(original, perturbed), 1e-9, prompt);
            }
        }
        assertTrue(compared > 3000, "compared " + compared + " positions");
        assertTrue(worst < 1e-12, "worst difference " + worst);
    }

    /** The prompt itself, every drop-one and keep-one prompt (the extreme strata), and 20 random ones. */
    static List<String> perturbations(String[] words, SplittableRandom random) {
        List<String> out = new ArrayList<>();
        out.add(String.join(" ", words));
        for (int i = 0; i < words.length; i++) {
            int dropped = i;
            out.add(join(words, k -> k != dropped));
            out.add(words[i]);
        }
        for (int r = 0; r < 20; r++) {
            boolean[] keep = new boolean[words.length];
            for (int k = 0; k < keep.length; k++) {
                keep[k] = random.nextBoolean();
            }
            keep[random.nextInt(words.length)] = true;
            out.add(join(words, k -> keep[k]));
        }
        return out;
    }

    static String join(String[] words, java.util.function.IntPredicate kept) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < words.length; k++) {
            if (kept.test(k)) {
                b.append(b.length() == 0 ? "" : " ").append(words[k]);
            }
        }
        return b.toString();
    }
}
