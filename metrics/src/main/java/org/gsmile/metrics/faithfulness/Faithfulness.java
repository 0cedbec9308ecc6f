package org.gsmile.metrics.faithfulness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.gsmile.api.OutputShifts;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.Seeds;
import org.gsmile.core.mask.Mask;
import org.gsmile.metrics.Scores;

/**
 * Does removing the units an explanation ranks first move the output, and do they alone hold it?
 * ERASER's comprehensiveness and sufficiency and their AOPC ({@link FaithfulnessScores}) of the
 * explanation's ranking, next to two baselines measured the same way on the same model: random
 * rankings (what any ranking scores by chance) and leave-one-out (each unit's own removal effect;
 * a cheap ranking the explanation should match or beat).
 *
 * <p>The explanation's ranking orders units by importance, {@link Scores#importance} = −θ in the
 * distance convention, largest first, ties in prompt order. It is signed, not |θ|: the curves
 * remove units from the prompt, and removing a unit with θᵢ &lt; 0 (keeping it holds y₀) moves the
 * output, while removing one with θᵢ &gt; 0 (keeping it pulls the output away) lets it come back
 * toward y₀. Ranked by |θ|, a strongly pulling unit would be removed early, flattening the
 * deletion curve of a correct explanation, and would count as a rationale that "holds" the output
 * when it does the opposite. Reading the scores through {@code Scores} makes the ranking the same
 * under {@code sign=importance} and {@code sign=distance}.
 *
 * @param explanation    scores of the explanation's ranking
 * @param random         scores of the pointwise mean curve of {@code randomRankings} random
 *                       permutations (every score is linear in the curve, so this is also the mean
 *                       of their scores)
 * @param leaveOneOut    scores of the ranking by Δ(x without unit i), largest first, ties in
 *                       prompt order
 * @param randomRankings how many random permutations were averaged
 * @param k              the rationale size of comprehensiveness and sufficiency
 * @param extraCalls     model calls the measurement added to the {@link OutputShifts} it was given
 *                       ({@code shifts.calls()} after less before): prompts neither the explanation
 *                       nor an earlier use of the same {@code OutputShifts} had observed, and the
 *                       original prompt once if any was new. The binding's own preparation call is
 *                       counted by {@code shifts.calls()}, not here
 */
public record Faithfulness(FaithfulnessScores explanation, FaithfulnessScores random, FaithfulnessScores leaveOneOut,
                           int randomRankings, int k, int extraCalls) {
    /** Random permutations averaged when the caller has no reason to choose otherwise. */
    public static final int DEFAULT_RANDOM_RANKINGS = 5;

    public Faithfulness {
        if (explanation == null || random == null || leaveOneOut == null) {
            throw new IllegalArgumentException("missing scores");
        }
        if (randomRankings < 1 || k < 1 || k > explanation.curve().units() || extraCalls < 0) {
            throw new IllegalArgumentException("randomRankings " + randomRankings + ", k " + k + ", extraCalls "
                    + extraCalls);
        }
    }

    /**
     * Measures the three rankings' curves through {@code shifts}, in one batch (plus one for the
     * leave-one-out shifts, which the ranking needs first).
     *
     * @param e              the explanation judged
     * @param shifts         bound to {@code e} and the model it was made on ({@link OutputShifts#of})
     * @param k              rationale size, 1 ≤ k ≤ n
     * @param randomRankings random permutations to average, at least 1
     *                       ({@link #DEFAULT_RANDOM_RANKINGS})
     * @param seed           the permutations' seed, through {@code Seeds.of(seed, "faithfulness-random")}
     * @throws UserInputException for k outside 1..n or randomRankings below 1
     */
    public static Faithfulness measure(Explanation e, OutputShifts shifts, int k, int randomRankings, long seed) {
        return measure(e, shifts::shifts, shifts::calls, k, randomRankings, seed);
    }

    /** The measurement over any source of shifts and its call count (package-private, for hand-worked games). */
    static Faithfulness measure(Explanation e, Function<List<Mask>, double[]> shifts, IntSupplier calls, int k,
                                int randomRankings, long seed) {
        int n = e.units().size();
        if (k < 1) {
            throw new UserInputException("{k} must be at least 1, got " + k);
        }
        if (k > n) {
            throw new UserInputException("{k} is " + k + " but the prompt has " + n + " units: choose {k} at most " + n);
        }
        if (randomRankings < 1) {
            throw new UserInputException("{randomRankings} must be at least 1, got " + randomRankings);
        }
        int before = calls.getAsInt();
        List<Mask> leaveOut = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean[] kept = new boolean[n];
            Arrays.fill(kept, true);
            kept[i] = false;
            leaveOut.add(Mask.of(kept));
        }
        double[] alone = shifts.apply(leaveOut);

        List<int[]> rankings = new ArrayList<>();
        rankings.add(Rankings.descending(Scores.importance(e)));
        rankings.add(Rankings.descending(alone));
        SplittableRandom random = Seeds.random(seed, "faithfulness-random");
        for (int r = 0; r < randomRankings; r++) {
            rankings.add(Rankings.random(n, random));
        }
        List<Mask> masks = new ArrayList<>();
        for (int[] ranking : rankings) {
            masks.addAll(Curve.masks(ranking));
        }
        double[] all = shifts.apply(masks);
        int per = 2 * (n + 1);
        List<Curve> curves = new ArrayList<>();
        for (int r = 0; r < rankings.size(); r++) {
            curves.add(Curve.of(Arrays.copyOfRange(all, r * per, (r + 1) * per)));
        }
        Curve randomMean = Curve.mean(curves.subList(2, curves.size()));
        return new Faithfulness(FaithfulnessScores.of(curves.get(0), k), FaithfulnessScores.of(randomMean, k),
                FaithfulnessScores.of(curves.get(1), k), randomRankings, k, calls.getAsInt() - before);
    }
}
