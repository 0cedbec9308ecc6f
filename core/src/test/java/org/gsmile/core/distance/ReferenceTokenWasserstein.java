package org.gsmile.core.distance;

import java.util.Arrays;
import org.gsmile.core.model.TokenScores;

/**
 * The token-wasserstein distance and its transport solver exactly as they were before the solver
 * was made incremental (commit 52b9475): a network simplex from the all-artificial basis for every
 * position of every perturbation, a fresh support, cost matrix and top-k search each time. Kept
 * verbatim as the reference the fast path must equal to 1e-9 ({@code TokenWassersteinExactnessTest})
 * and as the "old" side of {@code ./benchmark outside-model}. Do not optimise it.
 */
public final class ReferenceTokenWasserstein implements OutputDistance<TokenScores> {
    private final double[][] cost;
    private final int topK;

    public ReferenceTokenWasserstein(float[][] embeddings, int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1, got " + topK);
        }
        this.topK = topK;
        this.cost = pairwiseDistances(normalise(embeddings));
    }

    @Override
    public String name() {
        return "token-wasserstein (reference)";
    }

    @Override
    public double distance(TokenScores original, TokenScores perturbed) {
        if (!Arrays.equals(original.continuation(), perturbed.continuation())) {
            throw new IllegalArgumentException("token distances compare scores of the same continuation");
        }
        if (original.length() == 0) {
            throw new IllegalArgumentException("the continuation is empty: nothing to compare");
        }
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
        return emd(a, b, c);
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

    /** {@code Wasserstein.emd} as it was: validation, normalisation, the forced cases, then the simplex. */
    public static double emd(double[] a, double[] b, double[][] cost) {
        checkWeights(a, -1, "a", null);
        checkWeights(b, -1, "b", null);
        if (cost == null) {
            throw new IllegalArgumentException("cost must not be null");
        }
        if (cost.length != a.length) {
            throw new IllegalArgumentException(
                    "cost has " + cost.length + " rows but a has length " + a.length);
        }
        for (int i = 0; i < cost.length; i++) {
            double[] row = cost[i];
            if (row == null) {
                throw new IllegalArgumentException("cost[" + i + "] must not be null");
            }
            if (row.length != b.length) {
                throw new IllegalArgumentException("cost[" + i + "] has length " + row.length
                        + " but b has length " + b.length);
            }
            for (int j = 0; j < row.length; j++) {
                double c = row[j];
                // The negated comparison also catches NaN.
                if (!(c >= 0.0) || c == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("cost[" + i + "][" + j + "] must be finite and"
                            + " non-negative, got " + c);
                }
            }
        }
        double sumA = 0.0;
        int n = 0;
        for (double x : a) {
            sumA += x;
            if (x > 0.0) {
                n++;
            }
        }
        double sumB = 0.0;
        int m = 0;
        for (double x : b) {
            sumB += x;
            if (x > 0.0) {
                m++;
            }
        }
        int[] rows = new int[n];
        double[] supply = new double[n];
        for (int i = 0, k = 0; i < a.length; i++) {
            if (a[i] > 0.0) {
                rows[k] = i;
                supply[k++] = a[i] / sumA;
            }
        }
        int[] cols = new int[m];
        double[] demand = new double[m];
        for (int j = 0, k = 0; j < b.length; j++) {
            if (b[j] > 0.0) {
                cols[k] = j;
                demand[k++] = b[j] / sumB;
            }
        }
        // With a single source or sink the coupling is forced; no search needed.
        if (n == 1) {
            double[] row = cost[rows[0]];
            double total = 0.0;
            for (int j = 0; j < m; j++) {
                total += demand[j] * row[cols[j]];
            }
            return total;
        }
        if (m == 1) {
            double total = 0.0;
            for (int i = 0; i < n; i++) {
                total += supply[i] * cost[rows[i]][cols[0]];
            }
            return total;
        }
        double maxCost = 0.0;
        for (int i = 0; i < n; i++) {
            double[] row = cost[rows[i]];
            for (int j = 0; j < m; j++) {
                maxCost = Math.max(maxCost, row[cols[j]]);
            }
        }
        if (maxCost == 0.0) {
            return 0.0;
        }
        return networkSimplex(supply, demand, cost, rows, cols, maxCost);
    }

    /**
     * Primal network simplex on the bipartite graph rows -> columns plus an artificial root.
     *
     * <p>Nodes 0..n-1 are rows, n..n+m-1 columns, n+m the root. The basis is a spanning tree
     * stored by parent pointers; each non-root node keeps the flow and cost of the edge to its
     * parent. Every real arc points row -> column and artificial arcs point row -> root and
     * root -> column, so a row's parent edge always points up (towards the root) and a column's
     * always points down. That removes the need to store edge directions.
     *
     * <p>Cycling under degeneracy (frequent here: uniform masses and integer costs give many
     * zero-flow basic arcs) is prevented by keeping the tree strongly feasible: every zero-flow
     * edge points up. The all-artificial start is strongly feasible (rows point up; columns carry
     * their positive demand), and Cunningham's rule (leave by the last blocking edge met when
     * walking the cycle from its apex in flow direction) preserves the property, which guarantees
     * termination for any entering rule. The iteration cap only guards against floating-point
     * surprises.
     */
    private static double networkSimplex(double[] supply, double[] demand, double[][] cost,
            int[] rows, int[] cols, double maxCost) {
        int n = supply.length;
        int m = demand.length;
        int nodes = n + m + 1;
        int root = n + m;
        // Any cost above maxCost makes routing row -> root -> column dearer than the direct arc,
        // so the optimum carries no artificial flow; keeping it small keeps potentials small.
        double artCost = 2.0 * maxCost;
        // Reduced-cost rounding noise grows with the size of the potentials (at most ~nodes *
        // maxCost). Pivots below this threshold could only improve the objective by <= tol,
        // because the optimal plan carries total mass 1.
        double tol = maxCost * Math.max(1e-13, 4e-16 * nodes);

        int[] parent = new int[nodes];
        double[] flow = new double[nodes];
        double[] edgeCost = new double[nodes];
        double[] pi = new double[nodes];
        int[] firstChild = new int[nodes];
        int[] nextSib = new int[nodes];
        int[] prevSib = new int[nodes];
        int[] mark = new int[nodes];
        int[] work = new int[nodes];

        Arrays.fill(firstChild, -1);
        parent[root] = -1;
        for (int v = 0; v < root; v++) {
            boolean isRow = v < n;
            flow[v] = isRow ? supply[v] : demand[v - n];
            edgeCost[v] = isRow ? 0.0 : artCost;
            // Tree edges have zero reduced cost: pi[head] = pi[tail] + cost.
            pi[v] = isRow ? 0.0 : artCost;
            attach(v, root, parent, firstChild, nextSib, prevSib);
        }

        int arcs = n * m;
        int block = Math.max(10, (int) Math.ceil(Math.sqrt(arcs)));
        long maxIterations = Math.max(100_000L, 50L * arcs);
        int nextI = 0;
        int nextJ = 0;
        int stamp = 0;

        for (long iter = 0; ; iter++) {
            if (iter >= maxIterations) {
                throw new IllegalStateException(
                        "emd: network simplex did not converge after " + maxIterations + " pivots");
            }

            // Block pricing: scan arcs cyclically from where the last scan stopped and take the
            // most negative reduced cost within the first block that has one.
            int inI = -1;
            int inJ = -1;
            double best = -tol;
            int i = nextI;
            int j = nextJ;
            double[] costRow = cost[rows[i]];
            double piRow = pi[i];
            int count = block;
            for (int scanned = 0; scanned < arcs; scanned++) {
                double rc = costRow[cols[j]] + piRow - pi[n + j];
                if (rc < best) {
                    best = rc;
                    inI = i;
                    inJ = j;
                }
                if (++j == m) {
                    j = 0;
                    if (++i == n) {
                        i = 0;
                    }
                    costRow = cost[rows[i]];
                    piRow = pi[i];
                }
                if (--count == 0) {
                    if (inI >= 0) {
                        break;
                    }
                    count = block;
                }
            }
            if (inI < 0) {
                break;
            }
            nextI = i;
            nextJ = j;

            // Apex of the cycle: mark the path from the row up, then climb from the column.
            int first = inI;
            int second = n + inJ;
            stamp++;
            for (int u = first; u != -1; u = parent[u]) {
                mark[u] = stamp;
            }
            int join = second;
            while (mark[join] != stamp) {
                join = parent[join];
            }

            // Flow enters along row -> column, runs up from the column to the apex and down from
            // the apex to the row. Down the row side, up-edges (rows) lose flow; up the column
            // side, down-edges (columns) lose flow. Strict < on the first side and <= on the
            // second pick the last blocking edge in cycle order (Cunningham's rule).
            double delta = Double.POSITIVE_INFINITY;
            int out = -1;
            for (int u = first; u != join; u = parent[u]) {
                if (u < n && flow[u] < delta) {
                    delta = flow[u];
                    out = u;
                }
            }
            boolean outOnRowSide = true;
            for (int u = second; u != join; u = parent[u]) {
                if (u >= n && flow[u] <= delta) {
                    delta = flow[u];
                    out = u;
                    outOnRowSide = false;
                }
            }
            if (out < 0) {
                throw new IllegalStateException("emd: unbounded pivot, which cannot happen for"
                        + " valid input");
            }
            if (delta > 0.0) {
                for (int u = first; u != join; u = parent[u]) {
                    flow[u] += u < n ? -delta : delta;
                }
                for (int u = second; u != join; u = parent[u]) {
                    flow[u] += u < n ? delta : -delta;
                }
            }

            // Cutting out's parent edge detaches the subtree holding one end of the entering arc
            // (inside); it is re-hung from the other end (outside) by reversing the path from
            // inside up to out. Edges on that path are kept, they just change which endpoint owns
            // them.
            int inside = outOnRowSide ? first : second;
            int outside = outOnRowSide ? second : first;
            int pathLen = 0;
            for (int u = inside; ; u = parent[u]) {
                work[pathLen++] = u;
                if (u == out) {
                    break;
                }
            }
            for (int k = 0; k < pathLen; k++) {
                detach(work[k], parent, firstChild, nextSib, prevSib);
            }
            for (int k = pathLen - 1; k > 0; k--) {
                flow[work[k]] = flow[work[k - 1]];
                edgeCost[work[k]] = edgeCost[work[k - 1]];
            }
            flow[inside] = delta;
            edgeCost[inside] = cost[rows[inI]][cols[inJ]];
            attach(inside, outside, parent, firstChild, nextSib, prevSib);
            for (int k = 1; k < pathLen; k++) {
                attach(work[k], work[k - 1], parent, firstChild, nextSib, prevSib);
            }

            // Edges inside the subtree are unchanged, so all its potentials move by the same
            // amount: whatever zeroes the entering arc's reduced cost (best < 0).
            double shift = outOnRowSide ? -best : best;
            int top = 0;
            work[top++] = inside;
            while (top > 0) {
                int u = work[--top];
                pi[u] += shift;
                for (int c = firstChild[u]; c != -1; c = nextSib[c]) {
                    work[top++] = c;
                }
            }
        }

        double total = 0.0;
        double artificialFlow = 0.0;
        for (int v = 0; v < root; v++) {
            if (parent[v] == root) {
                artificialFlow += flow[v];
            } else {
                total += flow[v] * edgeCost[v];
            }
        }
        if (artificialFlow > 1e-9) {
            throw new IllegalStateException(
                    "emd: optimum still routes " + artificialFlow + " mass through the artificial root");
        }
        return total;
    }

    private static void attach(int v, int p, int[] parent, int[] firstChild, int[] nextSib,
            int[] prevSib) {
        parent[v] = p;
        int head = firstChild[p];
        nextSib[v] = head;
        prevSib[v] = -1;
        if (head != -1) {
            prevSib[head] = v;
        }
        firstChild[p] = v;
    }

    private static void detach(int v, int[] parent, int[] firstChild, int[] nextSib,
            int[] prevSib) {
        int prev = prevSib[v];
        int next = nextSib[v];
        if (prev != -1) {
            nextSib[prev] = next;
        } else {
            firstChild[parent[v]] = next;
        }
        if (next != -1) {
            prevSib[next] = prev;
        }
    }

    /**
     * Checks non-negative finite entries with a positive total. {@code expectedLength < 0} skips
     * the length check (histograms have no companion value array).
     */
    private static void checkWeights(double[] w, int expectedLength, String name, String valuesName) {
        if (w == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (w.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        if (expectedLength >= 0 && w.length != expectedLength) {
            throw new IllegalArgumentException(name + " has length " + w.length + " but "
                    + valuesName + " has length " + expectedLength);
        }
        double sum = 0.0;
        for (int k = 0; k < w.length; k++) {
            double x = w[k];
            if (!(x >= 0.0) || x == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(
                        name + "[" + k + "] must be finite and non-negative, got " + x);
            }
            sum += x;
        }
        if (sum == 0.0) {
            throw new IllegalArgumentException(name + " has zero total mass");
        }
        if (sum == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " total mass overflows to infinity");
        }
    }

}
