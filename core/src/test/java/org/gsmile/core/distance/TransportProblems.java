package org.gsmile.core.distance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The transport problems {@link TokenWassersteinDistance} solves, built here the plain way (sorted
 * top-k, no shortcuts) for the transport benchmark of the benchmarks module, and the solver on either
 * tree representation: subtree sets (what the distance runs) and child lists.
 */
public final class TransportProblems {

    /** One problem as the solver takes it: masses summing to 1, costs by column. */
    public record Problem(double[] supply, double[] demand, double[] costByColumn, double maxCost) {
        public int nodes() {
            return supply.length + demand.length;
        }
    }

    private TransportProblems() {
    }

    /**
     * The problems of one pair of next-token distributions per position: the union of both sides' top-k
     * tokens, each side renormalised over it, the excess of one side over the other moved. Positions
     * where a source or a sink is alone (summed directly by the distance) are left out.
     */
    public static List<Problem> of(float[][] embeddings, int topK, float[][] original, float[][] perturbed) {
        double[][] cost = TokenWassersteinDistance.costMatrix(embeddings);
        List<Problem> problems = new ArrayList<>();
        for (int t = 0; t < original.length; t++) {
            float[] p = original[t];
            float[] q = perturbed[t];
            int[] support = IntStream.concat(IntStream.of(top(p, topK)), IntStream.of(top(q, topK)))
                    .distinct().toArray();
            double sumA = 0;
            double sumB = 0;
            for (int i : support) {
                sumA += p[i];
                sumB += q[i];
            }
            List<Integer> sources = new ArrayList<>();
            List<Integer> sinks = new ArrayList<>();
            List<Double> supply = new ArrayList<>();
            List<Double> demand = new ArrayList<>();
            for (int i : support) {
                double d = p[i] / sumA - q[i] / sumB;
                if (d > 0) {
                    sources.add(i);
                    supply.add(d);
                } else if (d < 0) {
                    sinks.add(i);
                    demand.add(-d);
                }
            }
            int n = sources.size();
            int m = sinks.size();
            if (n < 2 || m < 2) {
                continue;
            }
            double[] byColumn = new double[n * m];
            double max = 0;
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < n; i++) {
                    byColumn[j * n + i] = cost[sources.get(i)][sinks.get(j)];
                    max = Math.max(max, byColumn[j * n + i]);
                }
            }
            if (max > 0) {
                problems.add(new Problem(normalised(supply), normalised(demand), byColumn, max));
            }
        }
        return problems;
    }

    private static int[] top(float[] dist, int k) {
        return IntStream.range(0, dist.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -dist[i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    private static double[] normalised(List<Double> masses) {
        double total = masses.stream().mapToDouble(Double::doubleValue).sum();
        return masses.stream().mapToDouble(x -> x / total).toArray();
    }

    /** One solver and its work arrays; one thread at a time. */
    public static final class Solver {
        private final TransportSimplex simplex = new TransportSimplex();

        /** On subtree sets where the problem has at most 64 nodes, as the token distance solves it. */
        public double onSets(Problem p) {
            return simplex.solveByColumns(p.supply, p.supply.length, p.demand, p.demand.length, p.costByColumn,
                    p.maxCost);
        }

        /** On child lists and depths, as problems of more than 64 nodes are solved. */
        public double onChildLists(Problem p) {
            return simplex.solveByColumnsOnChildLists(p.supply, p.supply.length, p.demand, p.demand.length,
                    p.costByColumn, p.maxCost);
        }
    }
}
