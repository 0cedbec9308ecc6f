package org.gsmile.odd;

import io.github.pavelicii.allpairs4j.AllPairs;
import io.github.pavelicii.allpairs4j.Case;
import io.github.pavelicii.allpairs4j.ConstrainableCase;
import io.github.pavelicii.allpairs4j.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * t-way covering arrays under the taxonomy's constraints, built by allpairs4j (a maintained Java
 * port of allpairspy: greedy, constraints as predicates, any t from 2 to the number of parameters).
 *
 * <p>The constraint handed to it is not the exclusions themselves but "no allowed scenario extends
 * this partial case" ({@link Taxonomy#feasible}), asked of every partial case it builds: so it never
 * starts a case that cannot be completed, and the combinations it tries to cover are exactly the
 * allowed ones, also those that no single exclusion names but the constraints together rule out (a
 * weather and a quality no scene has). Its output is not trusted for coverage: {@link CoverageCheck}
 * measures that on its own, and the tests run it on every array built here.
 *
 * <p>The seed shuffles each dimension's values before the array is built (allpairs4j itself is
 * deterministic); rows that repeat an earlier one are dropped.
 */
final class CoveringArrays {
    private CoveringArrays() {
    }

    static List<int[]> build(Taxonomy taxonomy, int t, long seed) {
        int n = taxonomy.dimensionCount();
        Random random = new Random(seed);
        List<Parameter> parameters = new ArrayList<>();
        String[] names = new String[n];
        for (int d = 0; d < n; d++) {
            names[d] = "d" + d;
            List<Integer> order = new ArrayList<>();
            for (int v = 0; v < taxonomy.size(d); v++) {
                order.add(v);
            }
            Collections.shuffle(order, random);
            parameters.add(new Parameter(names[d], new ArrayList<Object>(order)));
        }
        Map<String, Boolean> memo = new HashMap<>();
        AllPairs pairs = new AllPairs.AllPairsBuilder()
                .withParameters(parameters)
                .withTestCombinationSize(t)
                .withConstraint(c -> !memo.computeIfAbsent(key(c, names), k -> taxonomy.feasible(partial(c, names))))
                .build();
        Set<String> seen = new LinkedHashSet<>();
        List<int[]> rows = new ArrayList<>();
        for (Case c : pairs.getGeneratedCases()) {
            int[] row = new int[n];
            for (int d = 0; d < n; d++) {
                Object v = c.get(names[d]);
                if (!(v instanceof Integer i)) {
                    throw new IllegalStateException("allpairs4j left " + taxonomy.dimensions().get(d).name()
                            + " unassigned in a case");
                }
                row[d] = i;
            }
            if (taxonomy.violated(row)) {
                throw new IllegalStateException("allpairs4j built a case the constraints exclude: "
                        + Taxonomy.label(taxonomy.named(row)));
            }
            if (seen.add(Arrays.toString(row))) {
                rows.add(row);
            }
        }
        return compact(rows, t);
    }

    /**
     * Drops rows that add nothing: from the last to the first, a row every one of whose t-way
     * combinations also appears in another row kept is removed. Coverage is unchanged; the greedy
     * builder's later rows, made for the few combinations left, often make earlier ones redundant.
     */
    static List<int[]> compact(List<int[]> rows, int t) {
        if (rows.isEmpty()) {
            return rows;
        }
        int n = rows.get(0).length;
        List<int[]> subsets = subsets(n, t);
        Map<String, Integer> counts = new HashMap<>();
        List<List<String>> keys = new ArrayList<>();
        for (int[] r : rows) {
            List<String> k = new ArrayList<>();
            for (int[] s : subsets) {
                StringBuilder b = new StringBuilder();
                for (int d : s) {
                    b.append(d).append('=').append(r[d]).append(',');
                }
                k.add(b.toString());
            }
            keys.add(k);
            for (String x : k) {
                counts.merge(x, 1, Integer::sum);
            }
        }
        boolean[] dropped = new boolean[rows.size()];
        for (int i = rows.size() - 1; i >= 0; i--) {
            boolean redundant = true;
            for (String x : keys.get(i)) {
                if (counts.get(x) < 2) {
                    redundant = false;
                    break;
                }
            }
            if (redundant) {
                dropped[i] = true;
                for (String x : keys.get(i)) {
                    counts.merge(x, -1, Integer::sum);
                }
            }
        }
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!dropped[i]) {
                out.add(rows.get(i));
            }
        }
        return out;
    }

    /** Every set of t of the n dimensions, in lexicographic order. */
    static List<int[]> subsets(int n, int t) {
        List<int[]> out = new ArrayList<>();
        int[] c = new int[t];
        for (int i = 0; i < t; i++) {
            c[i] = i;
        }
        while (true) {
            out.add(c.clone());
            int i = t - 1;
            while (i >= 0 && c[i] == n - t + i) {
                i--;
            }
            if (i < 0) {
                return out;
            }
            c[i]++;
            for (int j = i + 1; j < t; j++) {
                c[j] = c[j - 1] + 1;
            }
        }
    }

    /** The values a partial case has so far; allpairs4j throws for a parameter it has not reached. */
    private static int[] partial(ConstrainableCase c, String[] names) {
        int[] a = new int[names.length];
        for (int d = 0; d < names.length; d++) {
            a[d] = value(c, names[d]);
        }
        return a;
    }

    private static String key(ConstrainableCase c, String[] names) {
        return Arrays.toString(partial(c, names));
    }

    private static int value(ConstrainableCase c, String name) {
        try {
            Object v = c.get(name);
            return v instanceof Integer i ? i : -1;
        } catch (RuntimeException notYet) {
            return -1;
        }
    }
}
