package org.gsmile.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.model.TextEmbedder;
import org.gsmile.core.reference.SampleWeighting;
import org.junit.jupiter.api.Test;

/** The thesis code's weight √exp(−d²/σ²) on the Word Mover's distance between the prompts, by hand. */
class PromptWmdWeightingTest {
    /** One-hot words: distinct words are √2 apart. */
    static final TextEmbedder ONE_HOT = new TextEmbedder() {
        final Map<String, float[]> v = Map.of("rain", new float[] {1, 0, 0}, "stops", new float[] {0, 1, 0},
                "now", new float[] {0, 0, 1});

        @Override
        public String name() {
            return "one-hot";
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            List<float[]> out = new ArrayList<>();
            texts.forEach(t -> out.add(v.get(t).clone()));
            return out;
        }
    };

    @Test
    void theWeightIsTheSquareRootOfTheGaussian() {
        // √exp(−(0.25/0.25)²) = e^(−1/2) = 0.6065306597126334
        assertEquals(0.6065306597126334, PromptWmdWeighting.weight(0.25, 0.25), 1e-15);
        assertEquals(1.0, PromptWmdWeighting.weight(0, 0.25), 0.0);
    }

    @Test
    void weighsEachPerturbedPromptByItsWordMoversDistanceFromTheOriginal() {
        String prompt = "rain stops now";
        SampleWeighting w = new PromptWmdWeighting(0.25, ONE_HOT).bind(prompt, m -> {
            StringBuilder sb = new StringBuilder();
            String[] words = prompt.split(" ");
            for (int i = 0; i < words.length; i++) {
                if (m.isKept(i)) {
                    sb.append(sb.isEmpty() ? "" : " ").append(words[i]);
                }
            }
            return sb.toString();
        });
        // Kept everything: d = 0, weight 1.
        // Dropped "now": {rain, stops, now} at 1/3 each against {rain, stops} at 1/2 each; the optimal plan moves
        // 1/6 from "now" to each of the two, at √2: d = √2/3 = 0.47140, weight √exp(−d²/σ²) = exp(−(2/9)/(2·0.0625))
        // = exp(−16/9) = 0.16901331540606612.
        // Dropped all but "rain": moves 1/3 + 1/3 at √2: d = 2√2/3, weight exp(−(8/9)/0.125) = exp(−64/9) = 8.1580e-4.
        // Dropped everything: the empty prompt is at distance 1 from any other, weight exp(−1/0.125) = exp(−8).
        double[] got = w.weights(List.of(Mask.parse("111"), Mask.parse("110"), Mask.parse("100"), Mask.parse("000")));
        assertArrayEquals(new double[] {1.0, Math.exp(-16.0 / 9), Math.exp(-64.0 / 9), Math.exp(-8)}, got, 1e-12);
    }

    @Test
    void unboundItRefusesToWeigh() {
        assertThrows(IllegalStateException.class,
                () -> new PromptWmdWeighting(0.25, ONE_HOT).weights(List.of(Mask.parse("1"))));
        assertThrows(IllegalArgumentException.class, () -> new PromptWmdWeighting(0, ONE_HOT));
    }
}
