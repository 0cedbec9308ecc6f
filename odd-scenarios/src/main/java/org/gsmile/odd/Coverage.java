package org.gsmile.odd;

import java.util.List;
import java.util.Map;

/**
 * How much of the t-way combinations a list of scenarios covers: of every combination of values of
 * every t dimensions that some allowed scenario has ({@code allowed}), how many appear in at least one
 * of the scenarios ({@code covered}).
 *
 * @param t       the strength
 * @param allowed the allowed t-way combinations
 * @param covered those that appear
 * @param missing the first {@value CoverageCheck#MISSING_LISTED} that do not, each a partial scenario
 */
public record Coverage(int t, long allowed, long covered, List<Map<String, String>> missing) {
    public Coverage {
        missing = List.copyOf(missing);
    }

    /** covered / allowed; 1 when nothing is allowed. */
    public double ratio() {
        return allowed == 0 ? 1 : (double) covered / allowed;
    }

    public boolean complete() {
        return covered == allowed;
    }

    /** {@code 2-way coverage 100 % (87 of 87 allowed pairs)}; below 100 % never rounded up to it. */
    public String describe() {
        String percent = complete() ? "100" : String.format(java.util.Locale.ROOT, "%.1f",
                Math.floor(1000.0 * covered / allowed) / 10);
        return t + "-way coverage " + percent + " % (" + covered + " of " + allowed + " allowed " + combinations(t)
                + ")";
    }

    static String combinations(int t) {
        return switch (t) {
            case 1 -> "values";
            case 2 -> "pairs";
            case 3 -> "triples";
            default -> t + "-way combinations";
        };
    }
}
