package org.gsmile.odd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures t-way coverage, independently of whatever generated the scenarios: it enumerates every
 * set of t dimensions and every combination of their values, asks the taxonomy whether some allowed
 * scenario has that combination ({@link Taxonomy#allows}: a search over the constraints, so a
 * combination that no exclusion names but none can complete is not counted), and looks it up among
 * the projections of the given scenarios.
 */
public final class CoverageCheck {
    /** Missing combinations listed in a {@link Coverage}. */
    public static final int MISSING_LISTED = 20;

    private CoverageCheck() {
    }

    /**
     * @param scenarios full scenarios (dimension to value), each allowed or not (an excluded one covers
     *                  nothing it alone would add: only allowed combinations are counted)
     * @param t         1 to the number of dimensions
     */
    public static Coverage check(Taxonomy taxonomy, List<Map<String, String>> scenarios, int t) {
        int n = taxonomy.dimensionCount();
        if (t < 1 || t > n) {
            throw new IllegalArgumentException("t must be from 1 to " + n + ", got " + t);
        }
        List<int[]> rows = new ArrayList<>();
        for (Map<String, String> s : scenarios) {
            rows.add(taxonomy.indices(s, true));
        }
        long allowed = 0;
        long covered = 0;
        List<Map<String, String>> missing = new ArrayList<>();
        int[] dims = new int[t];
        for (int i = 0; i < t; i++) {
            dims[i] = i;
        }
        while (true) {
            Set<String> present = new HashSet<>();
            for (int[] r : rows) {
                int[] key = new int[t];
                for (int i = 0; i < t; i++) {
                    key[i] = r[dims[i]];
                }
                present.add(Arrays.toString(key));
            }
            int[] values = new int[t];
            while (true) {
                int[] partial = new int[n];
                Arrays.fill(partial, -1);
                for (int i = 0; i < t; i++) {
                    partial[dims[i]] = values[i];
                }
                if (taxonomy.feasible(partial)) {
                    allowed++;
                    if (present.contains(Arrays.toString(values))) {
                        covered++;
                    } else if (missing.size() < MISSING_LISTED) {
                        missing.add(taxonomy.named(partial));
                    }
                }
                int i = t - 1;
                while (i >= 0 && ++values[i] == taxonomy.size(dims[i])) {
                    values[i] = 0;
                    i--;
                }
                if (i < 0) {
                    break;
                }
            }
            int i = t - 1;
            while (i >= 0 && dims[i] == n - t + i) {
                i--;
            }
            if (i < 0) {
                break;
            }
            dims[i]++;
            for (int j = i + 1; j < t; j++) {
                dims[j] = dims[j - 1] + 1;
            }
        }
        return new Coverage(t, allowed, covered, missing);
    }
}
