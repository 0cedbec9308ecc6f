package org.gsmile.core.distance;

import java.util.Arrays;
import org.gsmile.core.model.TokenScores;

/**
 * gSMILE's token distance: at each position t of the original continuation y₀, the exact
 * Wasserstein-1 distance between the next-token distributions under the original and the perturbed
 * prompt (both teacher-forced on y₀ before t), averaged over t.
 *
 * <p>The ground cost between tokens is the Euclidean distance between the model's L2-normalised
 * token embeddings, so moving mass to a near-synonym costs less than to an unrelated token. The
 * support is the union of each side's top-k tokens, each side's mass renormalised over it: the tail
 * of a 512-token softmax carries little mass but would make every transport problem large.
 */
public final class TokenWassersteinDistance implements OutputDistance<TokenScores> {
    public static final int DEFAULT_TOP_K = 32;

    private final double[][] cost;
    private final int topK;

    /**
     * @param embeddings the model's token embeddings [vocab][dim]
     * @param topK       tokens taken from each side's distribution
     */
    public TokenWassersteinDistance(float[][] embeddings, int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1, got " + topK);
        }
        this.topK = topK;
        this.cost = pairwiseDistances(normalise(embeddings));
    }

    @Override
    public String name() {
        return "token-wasserstein";
    }

    @Override
    public double distance(TokenScores original, TokenScores perturbed) {
        checkSameContinuation(original, perturbed);
        double sum = 0;
        for (int t = 0; t < original.length(); t++) {
            sum += positionDistance(original.distributions()[t], perturbed.distributions()[t]);
        }
        return sum / original.length();
    }

    /** W1 between two next-token distributions over the union of their top-k supports. */
    public double positionDistance(float[] p, float[] q) {
        if (p.length != cost.length || q.length != cost.length) {
            throw new IllegalArgumentException("distributions over " + p.length + " and " + q.length
                    + " tokens do not match the " + cost.length + " embeddings");
        }
        int[] support = unionOfTopK(p, q);
        int n = support.length;
        double[] a = new double[n];
        double[] b = new double[n];
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i] = p[support[i]];
            b[i] = q[support[i]];
            for (int j = 0; j < n; j++) {
                c[i][j] = cost[support[i]][support[j]];
            }
        }
        return Wasserstein.emd(a, b, c);
    }

    private int[] unionOfTopK(float[] p, float[] q) {
        int[] top = new int[2 * Math.min(topK, p.length)];
        int k = topIndices(p, top, 0);
        k = topIndices(q, top, k);
        int[] all = Arrays.copyOf(top, k);
        Arrays.sort(all);
        int m = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[m++] = all[i];
            }
        }
        return Arrays.copyOf(all, m);
    }

    /** Appends the indices of the k largest entries (ties to the lower index) to out at from. */
    private int topIndices(float[] dist, int[] out, int from) {
        int k = Math.min(topK, dist.length);
        // Small k against a 512-entry vector: a bounded insertion sort beats sorting everything.
        int[] idx = new int[k];
        int filled = 0;
        for (int i = 0; i < dist.length; i++) {
            float v = dist[i];
            if (filled == k && v <= dist[idx[k - 1]]) {
                continue;
            }
            int pos = filled < k ? filled++ : k - 1;
            while (pos > 0 && dist[idx[pos - 1]] < v) {
                idx[pos] = idx[pos - 1];
                pos--;
            }
            idx[pos] = i;
        }
        System.arraycopy(idx, 0, out, from, filled);
        return from + filled;
    }

    static void checkSameContinuation(TokenScores a, TokenScores b) {
        if (!Arrays.equals(a.continuation(), b.continuation())) {
            throw new IllegalArgumentException("token distances compare scores of the same continuation");
        }
        if (a.length() == 0) {
            throw new IllegalArgumentException("the continuation is empty: nothing to compare");
        }
    }

    private static double[][] normalise(float[][] embeddings) {
        double[][] unit = new double[embeddings.length][];
        for (int i = 0; i < embeddings.length; i++) {
            double norm = 0;
            for (float x : embeddings[i]) {
                norm += (double) x * x;
            }
            norm = Math.sqrt(norm);
            unit[i] = new double[embeddings[i].length];
            for (int d = 0; d < unit[i].length; d++) {
                unit[i][d] = norm == 0 ? 0 : embeddings[i][d] / norm;
            }
        }
        return unit;
    }

    private static double[][] pairwiseDistances(double[][] e) {
        int v = e.length;
        double[][] d = new double[v][v];
        for (int i = 0; i < v; i++) {
            for (int j = i + 1; j < v; j++) {
                double s = 0;
                for (int k = 0; k < e[i].length; k++) {
                    double diff = e[i][k] - e[j][k];
                    s += diff * diff;
                }
                d[i][j] = Math.sqrt(s);
                d[j][i] = d[i][j];
            }
        }
        return d;
    }
}
