package org.gsmile.core.kernel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.gsmile.core.distance.WordMoversDistance;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.model.TextEmbedder;
import org.gsmile.core.reference.SampleWeighting;

/**
 * The sample weight as the thesis group's code computes it: w = √exp(−d²/σ²), where d is the Word
 * Mover's distance ({@link WordMoversDistance}) between the original prompt and the perturbed one,
 * σ = 0.25 by default. Where the {@code gaussian} kernel measures how much of the prompt was removed
 * (the fraction of units), this one measures how far the perturbed prompt moved in meaning: dropping
 * "the" costs less weight than dropping "rain". The square root is the code's: the weight it hands
 * to the weighted least squares is the square root of the kernel value.
 *
 * <p>A weighting of perturbed prompts, not of masks alone, so it is {@link #bind bound} to each
 * explanation's prompt; each mask's distance is computed once and remembered (the bootstrap
 * re-weights resamples of the same masks many times).
 */
public final class PromptWmdWeighting implements SampleWeighting {
    private final double sigma;
    private final WordMoversDistance wmd;

    public PromptWmdWeighting(double sigma, TextEmbedder embedder) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be a positive finite number, got " + sigma);
        }
        this.sigma = sigma;
        this.wmd = new WordMoversDistance(embedder);
    }

    /** √exp(−d²/σ²). */
    public static double weight(double distance, double sigma) {
        return Math.sqrt(Math.exp(-(distance * distance) / (sigma * sigma)));
    }

    @Override
    public String name() {
        return "wmd";
    }

    @Override
    public double[] weights(List<Mask> masks) {
        throw new IllegalStateException("the wmd kernel weighs perturbed prompts: bind it to the prompt first");
    }

    @Override
    public SampleWeighting bind(String prompt, Function<Mask, String> perturbed) {
        Map<Mask, Double> weights = new ConcurrentHashMap<>();
        return new SampleWeighting() {
            @Override
            public String name() {
                return "wmd";
            }

            @Override
            public double[] weights(List<Mask> masks) {
                double[] w = new double[masks.size()];
                for (int j = 0; j < w.length; j++) {
                    w[j] = weights.computeIfAbsent(masks.get(j),
                            m -> weight(wmd.distance(prompt, perturbed.apply(m)), sigma));
                }
                return w;
            }
        };
    }
}
