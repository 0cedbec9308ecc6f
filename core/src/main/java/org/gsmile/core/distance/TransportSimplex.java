package org.gsmile.core.distance;

/**
 * The primal network simplex of {@link Wasserstein#emd} with its work arrays kept between solves, so
 * a caller solving thousands of small problems (the token distance: one per position of every
 * perturbation) allocates nothing per problem. One instance serves one thread at a time.
 *
 * <p>{@link #solve} is exactly the algorithm and arithmetic {@code emd} always used: the
 * all-artificial strongly feasible start, block pricing from where the last scan stopped,
 * Cunningham's leaving rule, the same tolerance. Only the storage changed (the cost of the problem is
 * a dense row-major {@code n × m} block instead of a lookup through row and column index arrays, the
 * cycle's apex is found by depth instead of by marking), so a problem solves through the same pivots
 * to the same bits. {@link #solveByColumns}, for the token distance, reaches the same optimum from a
 * greedy start in far fewer pivots.
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
    /** The most nodes, root not counted, whose subtrees fit in a {@code long}; see {@link #solveByColumns}. */
    static final int SET_NODES = Long.SIZE;

    private int capacity = -1;
    private int[] parent;
    private double[] flow;
    private double[] edgeCost;
    private double[] pi;
    private int[] firstChild;
    private int[] nextSib;
    private int[] prevSib;
    private int[] depth;
    private int[] work;
    /** Each node's subtree as a set of nodes (bit v for node v), on problems of at most 64 nodes and the root. */
    private final long[] subtree = new long[SET_NODES + 1];
    // The greedy start's work arrays.
    private double[] left;
    private int[] alive;
    private int[] killedHead;
    private int[] killedNext;

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
        depth = new int[cap];
        work = new int[cap];
        left = new double[cap];
        alive = new int[cap];
        killedHead = new int[cap];
        killedNext = new int[cap];
        capacity = cap;
    }

    /**
     * Minimum cost of shipping {@code supply} (n rows) to {@code demand} (m columns), both of total
     * mass 1, over all n·m arcs, from the all-artificial start: {@link Wasserstein#emd}'s solver,
     * pivot for pivot. n and m at least 1; every mass positive; costs finite and non-negative with
     * maximum {@code maxCost} &gt; 0.
     *
     * @param cost row-major: the arc from row i to column j costs {@code cost[i * m + j]}
     */
    double solve(double[] supply, int n, double[] demand, int m, double[] cost, double maxCost) {
        return solve(supply, n, demand, m, cost, maxCost, false, false);
    }

    /**
     * The same optimum from the column-minimum basis where it is strongly feasible (see
     * {@link #greedyStart}; the all-artificial start otherwise), which leaves about a third of the
     * pivots, with the costs by column so that both the start and the pricing read them in order.
     * The pivots, and so the last bits, differ from {@link #solve(double[], int, double[], int,
     * double[], double)}'s.
     *
     * <p>Up to {@link #SET_NODES} nodes (every token distance of the default top 32: its support has at
     * most 64 tokens), each node's subtree is kept as a 64-bit set instead of child lists and depths:
     * the apex is the first ancestor of the row whose set holds the column, re-hanging a subtree
     * rewrites the sets along the two paths to the apex, and the potentials to shift are the set's
     * bits. Same pivots, same bits, a fifth to a third less time ({@code ./benchmark transport}: 5.6
     * against 7.5 µs per problem on stories260K's, tinygpt's and tinylstm's distributions).
     *
     * @param costByColumn column-major: the arc from row i to column j costs {@code costByColumn[j * n + i]}
     */
    double solveByColumns(double[] supply, int n, double[] demand, int m, double[] costByColumn, double maxCost) {
        return solve(supply, n, demand, m, costByColumn, maxCost, true, true);
    }

    /**
     * {@link #solveByColumns} on child lists and depths at any size, as problems of more than
     * {@link #SET_NODES} nodes are solved: what the sets' bits are tested against.
     */
    double solveByColumnsOnChildLists(double[] supply, int n, double[] demand, int m, double[] costByColumn,
                                      double maxCost) {
        return solve(supply, n, demand, m, costByColumn, maxCost, true, false);
    }

    /**
     * @param greedy   the greedy start and column-major costs, or the artificial start and row-major costs
     * @param maySets  subtree sets where the problem is small enough (with the greedy start only)
     */
    private double solve(double[] supply, int n, double[] demand, int m, double[] cost, double maxCost, boolean greedy,
                         boolean maySets) {
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
        int[] depth = this.depth;
        int[] work = this.work;
        // Any cost above maxCost makes routing row -> root -> column dearer than the direct arc,
        // so the optimum carries no artificial flow; keeping it small keeps potentials small.
        double artCost = 2.0 * maxCost;
        // Reduced-cost rounding noise grows with the size of the potentials (at most ~nodes *
        // maxCost). Pivots below this threshold could only improve the objective by <= tol,
        // because the optimal plan carries total mass 1.
        double tol = maxCost * Math.max(1e-13, 4e-16 * nodes);
        boolean sets = greedy && maySets && root <= SET_NODES;
        long[] subtree = this.subtree;

        if (!greedy || !greedyStart(supply, n, demand, m, cost, artCost, sets)) {
            for (int v = 0; v < nodes; v++) {
                firstChild[v] = -1;
            }
            parent[root] = -1;
            depth[root] = 0;
            for (int v = 0; v < root; v++) {
                boolean isRow = v < n;
                flow[v] = isRow ? supply[v] : demand[v - n];
                edgeCost[v] = isRow ? 0.0 : artCost;
                // Tree edges have zero reduced cost: pi[head] = pi[tail] + cost.
                pi[v] = isRow ? 0.0 : artCost;
                depth[v] = 1;
                attach(v, root);
                if (sets) {
                    subtree[v] = 1L << v;
                }
            }
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
            if (greedy) {
                // By whole columns of the column-major costs, each a tight loop, taking the best arc
                // of the first column that has an improving one: on the token distance's problems
                // (some 15 x 19) pricing costs more than pivoting, and this shortest block was the
                // fastest of those measured (1, 10, sqrt(arcs) and all arcs: 0.94, 0.98, 1 and 1.27 of
                // sqrt(arcs)'s time).
                int j = nextJ;
                for (int cols = 0; cols < m; cols++) {
                    int base = j * n;
                    double piCol = pi[n + j];
                    double colBest = best + piCol;
                    int bi = -1;
                    for (int i = 0; i < n; i++) {
                        double v = cost[base + i] + pi[i];
                        if (v < colBest) {
                            colBest = v;
                            bi = i;
                        }
                    }
                    if (bi >= 0) {
                        inI = bi;
                        inJ = j;
                        best = cost[base + bi] + pi[bi] - piCol;
                    }
                    if (++j == m) {
                        j = 0;
                    }
                    if (inI >= 0) {
                        break;
                    }
                }
                if (inI < 0) {
                    break;
                }
                nextJ = j;
            } else {
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
            }

            // Apex of the cycle: the deepest common ancestor of the arc's ends.
            int first = inI;
            int second = n + inJ;
            int join;
            if (sets) {
                long secondBit = 1L << second;
                join = first;
                while (join != root && (subtree[join] & secondBit) == 0) {
                    join = parent[join];
                }
            } else {
                int u1 = first;
                int u2 = second;
                while (depth[u1] > depth[u2]) {
                    u1 = parent[u1];
                }
                while (depth[u2] > depth[u1]) {
                    u2 = parent[u2];
                }
                while (u1 != u2) {
                    u1 = parent[u1];
                    u2 = parent[u2];
                }
                join = u1;
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
            double shift = outOnRowSide ? -best : best;
            if (sets) {
                rehangSets(inside, outside, out, join, delta, cost[inJ * n + inI], shift);
                continue;
            }
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
            edgeCost[inside] = greedy ? cost[inJ * n + inI] : cost[inI * m + inJ];
            attach(inside, outside);
            for (int k = 1; k < pathLen; k++) {
                attach(work[k], work[k - 1]);
            }

            // Edges inside the subtree are unchanged, so all its potentials move by the same
            // amount: whatever zeroes the entering arc's reduced cost (best < 0). Its depths
            // follow its new place, a parent before its children.
            int top = 0;
            work[top++] = inside;
            while (top > 0) {
                int u = work[--top];
                pi[u] += shift;
                depth[u] = depth[parent[u]] + 1;
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

    /**
     * The tree update of a pivot on subtree sets: the subtree below out (inside's side of the cycle)
     * leaves out's ancestors below the apex and joins outside's; the path from inside up to out is
     * reversed, each node on it then holding the subtree less the part that was below it; the
     * entering arc becomes inside's parent edge; the moved subtree's potentials shift.
     */
    private void rehangSets(int inside, int outside, int out, int join, double delta, double enteringCost,
                            double shift) {
        int[] parent = this.parent;
        long[] subtree = this.subtree;
        long moved = subtree[out];
        for (int u = parent[out]; u != join; u = parent[u]) {
            subtree[u] &= ~moved;
        }
        for (int u = outside; u != join; u = parent[u]) {
            subtree[u] |= moved;
        }
        // Down the path, each node takes its parent edge's flow and cost and becomes its parent's parent.
        int below = -1;
        long belowSet = 0L;
        double belowFlow = delta;
        double belowCost = enteringCost;
        int u = inside;
        while (true) {
            int up = parent[u];
            long had = subtree[u];
            subtree[u] = moved & ~belowSet;
            belowSet = had;
            double f = flow[u];
            double c = edgeCost[u];
            flow[u] = belowFlow;
            edgeCost[u] = belowCost;
            parent[u] = below < 0 ? outside : below;
            if (u == out) {
                break;
            }
            belowFlow = f;
            belowCost = c;
            below = u;
            u = up;
        }
        for (long bits = moved; bits != 0; bits &= bits - 1) {
            pi[Long.numberOfTrailingZeros(bits)] += shift;
        }
    }

    /**
     * Builds the starting basis of the column-minimum rule: each column in turn takes its demand
     * from the cheapest rows that still have supply. Every allocation but those of the last column
     * exhausts exactly one row or one column, so the n + m − 1 arcs it uses form a spanning tree of
     * rows and columns with a positive flow on every arc, read off the allocations directly: a
     * column hangs from the row that finished its demand (and kept some supply for later columns),
     * a row from the column that exhausted it, the last column takes every row still holding supply,
     * and one artificial arc hangs the tree from the root, carrying the rounding difference of the
     * two totals (row -> root if supply is the larger, root -> column otherwise). Parents always lie
     * in later columns, so no search is needed.
     *
     * <p>That tree is strongly feasible (no real arc without flow; the artificial arc points up or
     * carries flow, and never lies on a cycle), so the simplex keeps its guarantee of termination.
     * When an allocation would exhaust a row and a column at once (equal masses), or a flow would
     * come out non-positive in rounding, it gives up and the caller takes the all-artificial start.
     *
     * @return whether the tree was built
     */
    private boolean greedyStart(double[] supply, int n, double[] demand, int m, double[] cost, double artCost,
                                boolean sets) {
        int root = n + m;
        double[] left = this.left;
        int[] alive = this.alive;
        // The rows each column exhausted, as linked lists: killedHead by column, killedNext by row.
        int[] killedHead = this.killedHead;
        int[] killedNext = this.killedNext;
        System.arraycopy(supply, 0, left, 0, n);
        for (int i = 0; i < n; i++) {
            alive[i] = i;
        }
        int rows = n;
        for (int j = 0; j < m - 1; j++) {
            killedHead[j] = -1;
            double need = demand[j];
            while (true) {
                int at = 0;
                double bestCost = Double.POSITIVE_INFINITY;
                for (int a = 0; a < rows; a++) {
                    double c = cost[j * n + alive[a]];
                    if (c < bestCost) {
                        bestCost = c;
                        at = a;
                    }
                }
                int best = alive[at];
                double x = left[best];
                if (x > need) {
                    // Row best finishes column j and keeps supply: column j hangs from it.
                    left[best] = x - need;
                    parent[n + j] = best;
                    flow[n + j] = need;
                    edgeCost[n + j] = bestCost;
                    break;
                }
                if (x == need || rows == 1) {
                    return false;
                }
                // Column j exhausts row best: the row hangs from the column.
                alive[at] = alive[--rows];
                parent[best] = n + j;
                flow[best] = x;
                edgeCost[best] = bestCost;
                killedNext[best] = killedHead[j];
                killedHead[j] = best;
                need -= x;
            }
        }
        // The last column takes what every remaining row holds; whichever total is the larger by
        // rounding decides how the tree hangs from the root.
        int last = m - 1;
        double residual = -demand[last];
        killedHead[last] = -1;
        for (int a = 0; a < rows; a++) {
            int i = alive[a];
            residual += left[i];
            parent[i] = n + last;
            flow[i] = left[i];
            edgeCost[i] = cost[last * n + i];
            killedNext[i] = killedHead[last];
            killedHead[last] = i;
        }
        int top;
        if (residual < 0.0) {
            top = n + last;
            parent[top] = root;
            flow[top] = -residual;
            edgeCost[top] = artCost;
        } else {
            // A row with the excess goes up to the root, the column hangs from it with what that row
            // gives it; the other rows stay below the column.
            top = killedHead[last];
            killedHead[last] = killedNext[top];
            double give = flow[top] - residual;
            if (!(give > 0.0)) {
                return false;
            }
            parent[n + last] = top;
            flow[n + last] = give;
            edgeCost[n + last] = edgeCost[top];
            parent[top] = root;
            flow[top] = residual;
            edgeCost[top] = 0.0;
        }

        // Potentials, parents first: the root's child, then the columns from the last down, each
        // followed by the rows it exhausted. With them the depths and child lists or, with sets, the
        // order read, whose reverse builds each subtree's set from its children's.
        if (!sets) {
            for (int v = 0; v <= root; v++) {
                firstChild[v] = -1;
            }
            parent[root] = -1;
            depth[root] = 0;
            depth[top] = 1;
            attach(top, root);
        }
        int[] order = work;
        int read = 0;
        pi[top] = edgeCost[top];
        order[read++] = top;
        for (int j = last; j >= 0; j--) {
            int col = n + j;
            if (col != top) {
                int r = parent[col];
                pi[col] = pi[r] + edgeCost[col];
                order[read++] = col;
                if (!sets) {
                    depth[col] = depth[r] + 1;
                    attach(col, r);
                }
            }
            for (int i = killedHead[j]; i != -1; i = killedNext[i]) {
                pi[i] = pi[col] - edgeCost[i];
                order[read++] = i;
                if (!sets) {
                    depth[i] = depth[col] + 1;
                    attach(i, col);
                }
            }
        }
        if (sets) {
            for (int v = 0; v < root; v++) {
                subtree[v] = 1L << v;
            }
            for (int k = read - 1; k > 0; k--) {
                int v = order[k];
                subtree[parent[v]] |= subtree[v];
            }
        }
        return true;
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
