package org.gsmile.odd;

/**
 * How to generate a suite from a taxonomy.
 *
 * @param strategy factorial, pairwise (a t-way covering array) or random
 * @param t        the covering strength of pairwise, 2 to the number of dimensions (default 2); with
 *                 the other strategies, the strength their coverage is measured at (cut to the number of
 *                 dimensions)
 * @param n        the number of cases of random (1 to the number of allowed scenarios); null otherwise
 * @param seed     random draws with it; pairwise orders each dimension's values with it before building
 *                 the array (another seed gives another covering array, equally complete); factorial
 *                 does not use it
 * @param idPrefix what case ids start with; null for the suite's name
 */
public record SuiteOptions(Strategy strategy, int t, Integer n, long seed, String idPrefix) {
    public static final int DEFAULT_T = 2;
    public static final long DEFAULT_SEED = 42;

    public SuiteOptions {
        java.util.Objects.requireNonNull(strategy, "strategy");
    }

    /** Pairwise, t = 2, seed 42. */
    public static SuiteOptions pairwise() {
        return new SuiteOptions(Strategy.PAIRWISE, DEFAULT_T, null, DEFAULT_SEED, null);
    }

    public static SuiteOptions pairwise(int t, long seed) {
        return new SuiteOptions(Strategy.PAIRWISE, t, null, seed, null);
    }

    public static SuiteOptions factorial() {
        return new SuiteOptions(Strategy.FACTORIAL, DEFAULT_T, null, DEFAULT_SEED, null);
    }

    public static SuiteOptions random(int n, long seed) {
        return new SuiteOptions(Strategy.RANDOM, DEFAULT_T, n, seed, null);
    }

    /** The same with case ids starting with {@code prefix}. */
    public SuiteOptions withIdPrefix(String prefix) {
        return new SuiteOptions(strategy, t, n, seed, prefix);
    }
}
