package org.gsmile.core.distance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gsmile.core.model.TextEmbedder;
import org.gsmile.core.model.TopLogprobs;

/**
 * gSMILE's token distance for models behind an API that returns top log-probabilities but cannot
 * score a fixed continuation (no teacher forcing over the API). At each position t of the original
 * output y₀, the exact Wasserstein-1 distance between the next-token distribution of y₀ at t and
 * that of the perturbed prompt's own output at t, averaged over the positions of y₀.
 *
 * <p>Positions are aligned by index. While the perturbed output agrees with y₀ this is exactly the
 * teacher-forced comparison; after the two outputs diverge it compares what each model state would
 * produce next, which still grows with the shift. A position past the end of the perturbed output
 * compares against "ended", placed at the origin of the embedding space (distance 1 from every
 * word token), so an output that stops early counts as moved; positions the perturbed output adds
 * beyond y₀'s length are not compared, as in the teacher-forced distance.
 *
 * <p>At each position the distribution is the server's top tokens (plus the chosen token if it is
 * not among them), probabilities exp(logprob) renormalised over that support. The ground cost
 * between two tokens is the Euclidean distance between the L2-normalised embeddings of their text
 * with surrounding whitespace removed; identical token strings cost 0, and whitespace-only tokens
 * sit at the origin.
 */
public final class TopLogprobsWassersteinDistance implements OutputDistance<TopLogprobs> {
    private final UnitVectors vectors;

    /** @param embedder embeds token texts for the ground cost */
    public TopLogprobsWassersteinDistance(TextEmbedder embedder) {
        this.vectors = new UnitVectors(embedder);
    }

    @Override
    public String name() {
        return "token-wasserstein";
    }

    @Override
    public double distance(TopLogprobs original, TopLogprobs perturbed) {
        int length = original.steps().size();
        if (length == 0) {
            throw new IllegalArgumentException("the original output carries no log-probabilities: nothing to compare");
        }
        double sum = 0;
        for (int t = 0; t < length; t++) {
            Map<String, Double> p = distribution(original.steps().get(t));
            sum += t < perturbed.steps().size()
                    ? positionDistance(p, distribution(perturbed.steps().get(t)))
                    : distanceToEnded(p);
        }
        return sum / length;
    }

    /** W1 between two distributions over token strings. */
    double positionDistance(Map<String, Double> p, Map<String, Double> q) {
        if (p.equals(q)) {
            return 0.0;
        }
        List<String> sp = new ArrayList<>(p.keySet());
        List<String> sq = new ArrayList<>(q.keySet());
        List<String> texts = new ArrayList<>(sp.size() + sq.size());
        for (String s : sp) {
            texts.add(s.strip());
        }
        for (String s : sq) {
            texts.add(s.strip());
        }
        double[][] unit = vectors.of(texts);
        double[] a = new double[sp.size()];
        double[] b = new double[sq.size()];
        double[][] cost = new double[sp.size()][sq.size()];
        for (int i = 0; i < sp.size(); i++) {
            a[i] = p.get(sp.get(i));
            for (int j = 0; j < sq.size(); j++) {
                cost[i][j] = sp.get(i).equals(sq.get(j)) ? 0.0
                        : UnitVectors.euclidean(unit[i], unit[sp.size() + j]);
            }
        }
        for (int j = 0; j < sq.size(); j++) {
            b[j] = q.get(sq.get(j));
        }
        return Wasserstein.emd(a, b, cost);
    }

    /** Against a point mass at the origin the coupling is forced: Σ p(token) · |e(token)|. */
    private double distanceToEnded(Map<String, Double> p) {
        List<String> tokens = new ArrayList<>(p.keySet());
        List<String> texts = new ArrayList<>(tokens.size());
        for (String s : tokens) {
            texts.add(s.strip());
        }
        double[][] unit = vectors.of(texts);
        double sum = 0;
        for (int i = 0; i < tokens.size(); i++) {
            sum += p.get(tokens.get(i)) * UnitVectors.euclidean(unit[i], UnitVectors.ORIGIN);
        }
        return sum;
    }

    /**
     * The position's distribution over its top tokens and the chosen token, renormalised. Log-probs
     * are shifted by their maximum before exponentiating so that very negative values cannot all
     * underflow to zero.
     */
    static Map<String, Double> distribution(TopLogprobs.Step step) {
        Map<String, Double> logp = new LinkedHashMap<>();
        for (TopLogprobs.Candidate c : step.top()) {
            logp.merge(c.token(), c.logprob(), Math::max);
        }
        logp.merge(step.token(), step.logprob(), Math::max);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logp.values()) {
            if (!Double.isNaN(v)) {
                max = Math.max(max, v);
            }
        }
        Map<String, Double> p = new LinkedHashMap<>();
        if (max == Double.NEGATIVE_INFINITY) {
            p.put(step.token(), 1.0);
            return p;
        }
        double total = 0;
        for (Map.Entry<String, Double> e : logp.entrySet()) {
            double v = Double.isNaN(e.getValue()) ? 0.0 : Math.exp(e.getValue() - max);
            if (v > 0) {
                p.put(e.getKey(), v);
                total += v;
            }
        }
        for (Map.Entry<String, Double> e : p.entrySet()) {
            e.setValue(e.getValue() / total);
        }
        return p;
    }
}
