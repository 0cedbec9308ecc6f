package org.gsmile.core.explain;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.gsmile.core.unit.Unit;

/**
 * One score per unit of the prompt.
 *
 * @param units     the prompt's units
 * @param scores    θ, the surrogate coefficient of each unit in Δ ≈ θ·z + θ₀ where zᵢ = 1 keeps the
 *                  unit (or the reference value the method defines). Δ measures how far the output
 *                  moved, so θᵢ &lt; 0 means keeping the unit holds the output in place and θᵢ &gt; 0
 *                  means it pulls the output away from where it went
 * @param intercept θ₀
 */
public record Attribution(List<Unit> units, double[] scores, double intercept) {
    public Attribution {
        units = List.copyOf(units);
        scores = scores.clone();
        if (scores.length != units.size()) {
            throw new IllegalArgumentException(scores.length + " attributions for " + units.size() + " units");
        }
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    /** |θᵢ| / max|θ|, in [0, 1]; all zeros when every θ is zero. */
    public double[] normalized() {
        double max = 0;
        for (double a : scores) {
            max = Math.max(max, Math.abs(a));
        }
        double[] n = new double[scores.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = max == 0 ? 0 : Math.abs(scores[i]) / max;
        }
        return n;
    }

    /** Unit indices from the largest |θ| to the smallest; ties keep prompt order. */
    public int[] ranking() {
        return IntStream.range(0, scores.length).boxed()
                .sorted((i, j) -> Double.compare(Math.abs(scores[j]), Math.abs(scores[i])))
                .mapToInt(Integer::intValue).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribution a && units.equals(a.units) && Arrays.equals(scores, a.scores)
                && Double.compare(intercept, a.intercept) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * units.hashCode() + Arrays.hashCode(scores)) + Double.hashCode(intercept);
    }

    @Override
    public String toString() {
        return "Attribution[units=" + units + ", scores=" + Arrays.toString(scores) + ", intercept=" + intercept + "]";
    }
}
