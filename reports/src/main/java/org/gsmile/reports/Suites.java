package org.gsmile.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scenario suites of a run: what {@code provenance.json} says of each ({@code suites}, format in
 * the package documentation) and which suite each case came from. The dimensions and their values keep
 * the taxonomy's order, so tables and plots read as the suite file does.
 *
 * <p>Cells carry their scenario whatever the provenance says. A scenario cell whose case no listed
 * suite names (provenance missing, or written by an older runner) falls in a suite made from the cells
 * themselves, named {@value #UNLISTED}, without coverage figures: its results are still shown, and
 * nothing is claimed about its coverage.
 */
final class Suites {
    static final String UNLISTED = "scenarios";

    record Dimension(String name, String group, List<String> values) {
        Dimension {
            values = List.copyOf(values);
        }
    }

    /**
     * One suite. Counts the provenance lacks are -1.
     *
     * @param strategy  {@code pairwise}, {@code factorial} or {@code random} ("" where unknown)
     * @param t         the covering strength asked for (-1 where none)
     * @param n         the number of cases asked of {@code random} (-1 otherwise)
     * @param seed      the suite's seed, null where unknown
     * @param cases     the cases generated
     * @param factorial the allowed scenarios (the full factorial under the constraints)
     * @param coverageT the strength the coverage was measured at
     * @param covered   t-way combinations of values the cases cover
     * @param allowed   t-way combinations the constraints allow
     * @param listed    whether {@code provenance.json} lists it (false: {@value #UNLISTED}, made from the cells)
     */
    record Suite(String name, String file, String strategy, int t, long n, Long seed, long cases, long factorial,
                 int coverageT, long covered, long allowed, List<Dimension> dimensions, Set<String> caseIds,
                 boolean listed) {
        Suite {
            dimensions = List.copyOf(dimensions);
            caseIds = Set.copyOf(caseIds);
        }
    }

    private final List<Suite> suites;
    private final Map<String, Suite> byCase;

    private Suites(List<Suite> suites, Map<String, Suite> byCase) {
        this.suites = List.copyOf(suites);
        this.byCase = byCase;
    }

    static Suites of(RunFolder run) {
        List<Suite> suites = new ArrayList<>();
        Map<String, Suite> byCase = new HashMap<>();
        for (JsonNode s : run.provenance().path("suites")) {
            List<Dimension> dims = new ArrayList<>();
            for (JsonNode d : s.path("dimensions")) {
                List<String> values = new ArrayList<>();
                d.path("values").forEach(v -> values.add(v.asText()));
                dims.add(new Dimension(d.path("name").asText(), d.path("group").asText(""), values));
            }
            Set<String> ids = new LinkedHashSet<>();
            s.path("caseIds").forEach(id -> ids.add(id.asText()));
            JsonNode cov = s.path("coverage");
            Suite suite = new Suite(s.path("name").asText("suite " + (suites.size() + 1)), s.path("file").asText(""),
                    s.path("strategy").asText(""), (int) count(s.get("t")), count(s.get("n")), s.path("seed").isIntegralNumber() ? s.get("seed").asLong() : null,
                    count(s.get("cases")), count(s.get("factorial")), (int) count(cov.get("t")), count(cov.get("covered")),
                    count(cov.get("allowed")), dims, ids, true);
            suites.add(suite);
            ids.forEach(id -> byCase.putIfAbsent(id, suite));
        }
        Map<String, List<String>> seen = new LinkedHashMap<>();
        Set<String> unlistedCases = new LinkedHashSet<>();
        for (Cell c : run.cells()) {
            if (c.scenario().isEmpty() || byCase.containsKey(c.caseName())) {
                continue;
            }
            unlistedCases.add(c.caseName());
            c.scenario().properties().forEach(d -> {
                List<String> values = seen.computeIfAbsent(d.getKey(), k -> new ArrayList<>());
                if (!values.contains(d.getValue().asText())) {
                    values.add(d.getValue().asText());
                }
            });
        }
        if (!unlistedCases.isEmpty()) {
            List<Dimension> dims = new ArrayList<>();
            seen.forEach((name, values) -> dims.add(new Dimension(name, "", values)));
            Suite unlisted = new Suite(UNLISTED, "", "", -1, -1, null, unlistedCases.size(), -1, -1, -1, -1, dims,
                    unlistedCases, false);
            suites.add(unlisted);
            unlistedCases.forEach(id -> byCase.put(id, unlisted));
        }
        List<Suite> extended = new ArrayList<>();
        for (Suite suite : suites) {
            Suite x = withValuesSeen(suite, run.cells().stream().filter(c -> byCase.get(c.caseName()) == suite).toList());
            extended.add(x);
            x.caseIds().forEach(id -> byCase.replace(id, suite, x));
        }
        return new Suites(extended, byCase);
    }

    /**
     * The suite with every value its cells take, in the taxonomy's order; a value the taxonomy does
     * not list (only a hand-edited file has one) comes after those it does rather than being dropped.
     */
    private static Suite withValuesSeen(Suite suite, List<Cell> cells) {
        List<Dimension> dims = new ArrayList<>();
        for (Dimension d : suite.dimensions()) {
            List<String> values = new ArrayList<>(d.values());
            for (Cell c : cells) {
                String v = c.scenario().path(d.name()).asText(null);
                if (v != null && !values.contains(v)) {
                    values.add(v);
                }
            }
            dims.add(new Dimension(d.name(), d.group(), values));
        }
        return new Suite(suite.name(), suite.file(), suite.strategy(), suite.t(), suite.n(), suite.seed(), suite.cases(),
                suite.factorial(), suite.coverageT(), suite.covered(), suite.allowed(), dims, suite.caseIds(), suite.listed());
    }

    /** A whole number of the provenance, -1 where it is absent, null or not a whole number. */
    private static long count(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToLong() ? n.asLong() : -1;
    }

    List<Suite> all() {
        return suites;
    }

    boolean isEmpty() {
        return suites.isEmpty();
    }

    /** The suite the cell's case came from, or null for a plain prompt. */
    Suite of(Cell c) {
        return c.scenario().isEmpty() ? null : byCase.get(c.caseName());
    }
}
