package org.gsmile.core.distance;

/**
 * The primal network simplex of {@link Wasserstein#emd} with its work arrays kept between solves, so
 * a caller solving thousands of small problems (the token distance: one per position of every
 * perturbation) allocates nothing per problem. One instance serves one thread at a time.
 *
 * <p>The algorithm and its arithmetic are exactly those {@code emd} always used: the all-artificial
 * strongly feasible start, block pricing from where the last scan stopped, Cunningham's leaving
 * rule, the same tolerance. Only the storage changed (the cost of the problem is a dense row-major
 * {@code n × m} block instead of a lookup through row and column index arrays), so a problem solves
 * through the same pivots to the same bits.
 *
 * <p>Primal network simplex on the bipartite graph rows -> columns plus an artificial root.
 * Nodes 0..n-1 are rows, n..n+m-1 columns, n+m the root. The basis is a spanning tree stored by
 * parent pointers; each non-root node keeps the flow and cost of the edge to its parent. Every real
 * arc points row -> column and artificial arcs point row -> root and root -> column, so a row's
 * parent edge always points up (towards the root) and a column's always points down. That removes
 * the need to store edge directions.
 *
 * <p>Cycling under degeneracy (frequent here: uniform masses and integer costs give many zero-flow
 * basic arcs) is prevented by keeping the tree strongly feasible: every zero-flow edge points up.
 * The all-artificial start is strongly feasible (rows point up; columns carry their positive
 * demand), and Cunningham's rule (leave by the last blocking edge met when walking the cycle from
 * its apex in flow direction) preserves the property, which guarantees termination for any entering
 * rule. The iteration cap only guards against floating-point surprises.
 */
final class TransportSimplex {
    private int capacity = -1;
    private int[] parent;
    private double[] flow;
    private double[] edgeCost;
    private double[] pi;
    private int[] firstChild;
    private int[] nextSib;
    private int[] prevSib;
    private int[] mark;
    private int[] work;
    private int stamp;

    /** Grows the work arrays to hold a problem of {@code nodes} nodes, the root included. */
    private void ensure(int nodes) {
        if (nodes <= capacity) {
            return;
        }
        int cap = Math.max(nodes, 2 * capacity);
        parent = new int[cap];
        flow = new double[cap];
        edgeCost = new double[cap];
        pi = new double[cap];
        firstChild = new int[cap];
        nextSib = new int[cap];
        prevSib = new int[cap];
        mark = new int[cap];
        work = new int[cap];
        stamp = 0;
        capacity = cap;
    }

    /**
     * Minimum cost of shipping {@code supply} (n rows) to {@code demand} (m columns), both of total
     * mass 1, over all n·m arcs. n and m at least 1; every mass positive; costs finite and
     * non-negative with maximum {@code maxCost} &gt; 0.
     *
     * @param cost row-major: the arc from row i to column j costs {@code cost[i * m + j]}
     */
    double solve(double[] supply, int n, double[] demand, int m, double[] cost, double maxCost) {
        int nodes = n + m + 1;
        int root = n + m;
        ensure(nodes);
        int[] parent = this.parent;
        double[] flow = this.flow;
        double[] edgeCost = this.edgeCost;
        double[] pi = this.pi;
        int[] firstChild = this.firstChild;
        int[] nextSib = this.nextSib;
        int[] prevSib = this.prevSib;
        int[] mark = this.mark;
        int[] work = this.work;
        // Any cost above maxCost makes routing row -> root -> column dearer than the direct arc,
        // so the optimum carries no artificial flow; keeping it small keeps potentials small.
        double artCost = 2.0 * maxCost;
        // Reduced-cost rounding noise grows with the size of the potentials (at most ~nodes *
        // maxCost). Pivots below this threshold could only improve the objective by <= tol,
        // because the optimal plan carries total mass 1.
        double tol = maxCost * Math.max(1e-13, 4e-16 * nodes);

        for (int v = 0; v < nodes; v++) {
            firstChild[v] = -1;
        }
        parent[root] = -1;
        for (int v = 0; v < root; v++) {
            boolean isRow = v < n;
            flow[v] = isRow ? supply[v] : demand[v - n];
            edgeCost[v] = isRow ? 0.0 : artCost;
            // Tree edges have zero reduced cost: pi[head] = pi[tail] + cost.
            pi[v] = isRow ? 0.0 : artCost;
            attach(v, root);
        }
        if (stamp > Integer.MAX_VALUE - 4 * nodes - 1_000_000) {
            java.util.Arrays.fill(mark, 0);
            stamp = 0;
        }

        int arcs = n * m;
        int block = Math.max(10, (int) Math.ceil(Math.sqrt(arcs)));
        long maxIterations = Math.max(100_000L, 50L * arcs);
        int nextI = 0;
        int nextJ = 0;

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
            int rowBase = i * m;
            double piRow = pi[i];
            int count = block;
            for (int scanned = 0; scanned < arcs; scanned++) {
                double rc = cost[rowBase + j] + piRow - pi[n + j];
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
                    rowBase = i * m;
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
                detach(work[k]);
            }
            for (int k = pathLen - 1; k > 0; k--) {
                flow[work[k]] = flow[work[k - 1]];
                edgeCost[work[k]] = edgeCost[work[k - 1]];
            }
            flow[inside] = delta;
            edgeCost[inside] = cost[inI * m + inJ];
            attach(inside, outside);
            for (int k = 1; k < pathLen; k++) {
                attach(work[k], work[k - 1]);
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

    private void attach(int v, int p) {
        parent[v] = p;
        int head = firstChild[p];
        nextSib[v] = head;
        prevSib[v] = -1;
        if (head != -1) {
            prevSib[head] = v;
        }
        firstChild[p] = v;
    }

    private void detach(int v) {
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
}
