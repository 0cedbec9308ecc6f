package org.gsmile.odd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.gsmile.core.UserInputException;

/**
 * A suite: the cases a taxonomy generates with one strategy, the size of the full factorial, and the
 * coverage the cases achieve, measured by {@link CoverageCheck}.
 *
 * @param taxonomy       where it came from
 * @param options        as given; {@link #t} is the strength coverage was measured at
 * @param t              the covering strength (pairwise), or the strength coverage is reported at
 *                       (the other strategies: {@code options.t()} cut to the number of dimensions)
 * @param cases          in generation order: factorial and random in factorial order, pairwise in the
 *                       order of the array
 * @param factorialCount the allowed scenarios
 * @param coverage       of the cases at strength {@link #t}
 */
public record Suite(Taxonomy taxonomy, SuiteOptions options, int t, List<ScenarioCase> cases, long factorialCount,
                    Coverage coverage) {
    public Suite {
        Objects.requireNonNull(taxonomy, "taxonomy");
        Objects.requireNonNull(options, "options");
        cases = List.copyOf(cases);
        Objects.requireNonNull(coverage, "coverage");
    }

    /**
     * Generates the suite. Same taxonomy file and options: the same cases in the same order.
     *
     * @throws UserInputException for options the taxonomy cannot take (t out of range, n with a strategy
     *                            other than random, n above the allowed scenarios, too many scenarios to
     *                            list); the message names the settings {@code {t}}, {@code {n}},
     *                            {@code {strategy}} for the front end to spell
     * @throws TaxonomyException  when a scenario's template fails (only for a taxonomy too large to be
     *                            checked whole when read)
     */
    public static Suite generate(Taxonomy taxonomy, SuiteOptions options) {
        int dims = taxonomy.dimensionCount();
        String prefix = options.idPrefix() == null ? taxonomy.name() : options.idPrefix();
        Strategy strategy = options.strategy();
        if (options.n() != null && strategy != Strategy.RANDOM) {
            throw new UserInputException("{n} is the number of cases of {strategy=random}; " + strategy.label()
                    + " makes as many as it needs: leave {n} out");
        }
        int t = options.t();
        if (t < 1 || (strategy == Strategy.PAIRWISE && t < 2)) {
            throw new UserInputException("{t=" + t + "} is below 2: a covering array of strength t holds every"
                    + " combination of values of every t dimensions; give {t} from 2 to " + dims);
        }
        List<int[]> rows;
        switch (strategy) {
            case PAIRWISE -> {
                if (dims < 2) {
                    throw new UserInputException("suite " + taxonomy.name() + " has one dimension, and a covering"
                            + " array combines at least two: use {strategy=factorial}");
                }
                if (t > dims) {
                    throw new UserInputException("{t=" + t + "} is larger than the number of dimensions of suite "
                            + taxonomy.name() + " (" + dims + "): give {t} from 2 to " + dims);
                }
                rows = CoveringArrays.build(taxonomy, t, options.seed());
            }
            case FACTORIAL -> {
                requireListable(taxonomy);
                rows = taxonomy.enumerate();
            }
            case RANDOM -> {
                if (options.n() == null) {
                    throw new UserInputException("{strategy=random} needs the number of cases: give {n}, like {n=20}");
                }
                int n = options.n();
                if (n < 1) {
                    throw new UserInputException("{n=" + n + "} must be at least 1");
                }
                if (n > taxonomy.factorialCount()) {
                    throw new UserInputException("{n=" + n + "} is more than the " + taxonomy.factorialCount()
                            + " allowed scenarios of suite " + taxonomy.name() + ": give {n} of at most "
                            + taxonomy.factorialCount() + ", or use {strategy=factorial}");
                }
                rows = random(taxonomy, n, options.seed());
            }
            default -> throw new IllegalStateException(strategy.toString());
        }
        List<ScenarioCase> cases = new ArrayList<>();
        List<Map<String, String>> scenarios = new ArrayList<>();
        for (int[] r : rows) {
            ScenarioCase c = taxonomy.render(r, prefix);
            cases.add(c);
            scenarios.add(c.scenario());
        }
        int strength = Math.min(t, dims);
        Coverage coverage = CoverageCheck.check(taxonomy, scenarios, strength);
        return new Suite(taxonomy, options, strength, cases, taxonomy.factorialCount(), coverage);
    }

    private static void requireListable(Taxonomy taxonomy) {
        if (taxonomy.factorialCount() > Taxonomy.ENUMERATE_LIMIT) {
            throw new UserInputException("suite " + taxonomy.name() + " has " + taxonomy.factorialCount()
                    + " allowed scenarios, more than " + Taxonomy.ENUMERATE_LIMIT + " to list: use"
                    + " {strategy=pairwise}");
        }
    }

    /** n distinct allowed scenarios, chosen with the seed, listed in factorial order. */
    private static List<int[]> random(Taxonomy taxonomy, int n, long seed) {
        Random random = new Random(seed);
        if (taxonomy.factorialCount() <= Taxonomy.ENUMERATE_LIMIT) {
            List<int[]> all = taxonomy.enumerate();
            // A partial Fisher-Yates shuffle of the indices: the first n are the sample.
            int[] idx = new int[all.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            for (int i = 0; i < n; i++) {
                int j = i + random.nextInt(idx.length - i);
                int tmp = idx[i];
                idx[i] = idx[j];
                idx[j] = tmp;
            }
            int[] chosen = Arrays.copyOf(idx, n);
            Arrays.sort(chosen);
            List<int[]> out = new ArrayList<>();
            for (int i : chosen) {
                out.add(all.get(i));
            }
            return out;
        }
        // Too many to list: draw uniformly from the product and keep the allowed ones not drawn before.
        Set<String> seen = new HashSet<>();
        List<int[]> out = new ArrayList<>();
        long attempts = 0;
        long maxAttempts = 1000L * n + 100_000;
        int dims = taxonomy.dimensionCount();
        while (out.size() < n) {
            if (++attempts > maxAttempts) {
                throw new UserInputException("could not draw " + n + " distinct allowed scenarios of suite "
                        + taxonomy.name() + " in " + maxAttempts + " tries (the constraints exclude most of the "
                        + taxonomy.productCount() + "): give a smaller {n}, or use {strategy=pairwise}");
            }
            int[] s = new int[dims];
            for (int d = 0; d < dims; d++) {
                s[d] = random.nextInt(taxonomy.size(d));
            }
            if (!taxonomy.violated(s) && seen.add(Arrays.toString(s))) {
                out.add(s);
            }
        }
        out.sort(Suite::factorialOrder);
        return Collections.unmodifiableList(out);
    }

    private static int factorialOrder(int[] a, int[] b) {
        return Arrays.compare(a, b);
    }

    /** {@code pairwise: 16 cases, factorial 144, 2-way coverage 100 % (87 of 87 allowed pairs)}. */
    public String summary() {
        StringBuilder b = new StringBuilder(options.strategy().label());
        if (options.strategy() == Strategy.PAIRWISE && t != 2) {
            b.append(" (t = ").append(t).append(')');
        }
        b.append(": ").append(cases.size()).append(cases.size() == 1 ? " case" : " cases");
        if (options.strategy() == Strategy.RANDOM) {
            b.append(" (seed ").append(options.seed()).append(')');
        }
        b.append(", factorial ").append(factorialCount).append(", ").append(coverage.describe());
        return b.toString();
    }
}
