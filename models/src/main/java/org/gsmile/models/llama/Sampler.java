package org.gsmile.models.llama;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Next-token choice as in llama2.c's sampler, with the softmax carried out in double. */
public final class Sampler {

    private Sampler() {
    }

    /** Index of the largest logit; the lowest index wins ties. */
    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Softmax of logits / temperature in double. */
    static double[] probabilities(float[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l / temperature);
        }
        double[] p = new double[logits.length];
        double sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] / temperature - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Draws from the tempered distribution, restricted to the top-p nucleus when 0 < topP < 1. */
    public static int sample(float[] logits, double temperature, double topP, SplittableRandom random) {
        double[] p = probabilities(logits, temperature);
        double coin = random.nextDouble();
        return topP <= 0.0 || topP >= 1.0 ? sampleMultinomial(p, coin) : sampleTopP(p, topP, coin);
    }

    private static int sampleMultinomial(double[] p, double coin) {
        double cdf = 0.0;
        for (int i = 0; i < p.length; i++) {
            cdf += p[i];
            if (coin < cdf) {
                return i;
            }
        }
        return p.length - 1;
    }

    /**
     * llama2.c's nucleus rule: drop tokens below (1 - topP) / (n - 1), which cannot be in the
     * nucleus, sort the rest by descending probability, keep the shortest prefix whose mass
     * exceeds topP and draw within it.
     */
    private static int sampleTopP(double[] p, double topP, double coin) {
        double cutoff = (1.0 - topP) / (p.length - 1);
        Integer[] candidates = new Integer[p.length];
        int n = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] >= cutoff) {
                candidates[n++] = i;
            }
        }
        Integer[] nucleus = Arrays.copyOf(candidates, n);
        // stable sort: equal probabilities keep ascending token order, so results are reproducible
        Arrays.sort(nucleus, (a, b) -> Double.compare(p[b], p[a]));
        double cumulative = 0.0;
        int last = n - 1;
        for (int i = 0; i < n; i++) {
            cumulative += p[nucleus[i]];
            if (cumulative > topP) {
                last = i;
                break;
            }
        }
        double r = coin * cumulative;
        double cdf = 0.0;
        for (int i = 0; i <= last; i++) {
            cdf += p[nucleus[i]];
            if (r < cdf) {
                return nucleus[i];
            }
        }
        return nucleus[last];
    }
}
