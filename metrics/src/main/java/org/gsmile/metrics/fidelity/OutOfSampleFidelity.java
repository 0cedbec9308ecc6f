package org.gsmile.metrics.fidelity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.gsmile.api.OutputShifts;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.Sample;
import org.gsmile.core.explain.Seeds;
import org.gsmile.core.mask.Coalitions;
import org.gsmile.core.mask.Mask;
import org.gsmile.metrics.Scores;
import org.gsmile.metrics.stats.RankCorrelation;

/**
 * How well the surrogate predicts the shifts of coalitions it never saw: {@code fresh} masks are
 * drawn after the fit, their actual Δ measured on the model (through {@link OutputShifts}, exactly as
 * the explanation measured its own), and compared with the surrogate's ŷ = θ·z + θ₀
 * ({@link Scores#predictedShift}, distance convention):
 *
 * <pre>
 *   R²   = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²        unweighted; 1 for a perfect fit of constant y, else 0 then
 *   ρ    = Spearman(ŷ, y)                   ContextCite's linear datamodeling score (LDS)
 *   MSE  = Σ(y − ŷ)² / m
 * </pre>
 *
 * over the m fresh masks whose shift could be observed. In-sample fidelity cannot show that a
 * surrogate fits its own samples and not the rest (the default strata design observes the extreme
 * coalition sizes, where a linear model is easiest to fit); these coalitions are where it would. They
 * are unweighted because they are drawn uniformly: the question is how the surrogate does on a
 * typical coalition, not on the kernel's favourites.
 *
 * <p><b>The fresh masks</b> are uniform among the coalitions the explanation did not observe:
 * Bernoulli(0.5) per unit, conditioned on being neither empty nor full, not among the explanation's
 * samples, and not drawn before. When fewer such coalitions exist than asked, all of them are used
 * and {@link #fresh} says how many. They depend only on the seed and the explanation's samples,
 * drawn from {@code Seeds.random(seed, "out-of-sample-fidelity")}: the stream no explainer
 * component uses, so evaluating never repeats the explanation's own draws.
 *
 * @param r2         unweighted R² of ŷ against y; NaN with fewer than 2 measured masks
 * @param spearman   Spearman's ρ of ŷ and y; NaN with fewer than 2 masks or either side constant
 * @param mse        mean squared error; NaN without a measured mask
 * @param fresh      masks drawn and asked about (fewer than requested when fewer unseen coalitions exist)
 * @param extraCalls model calls the measurement added ({@link OutputShifts#calls()} before and after)
 * @param failed     fresh masks whose shift could not be observed (a remote call that still failed);
 *                   left out of r2, spearman and mse
 */
public record OutOfSampleFidelity(double r2, double spearman, double mse, int fresh, int extraCalls, int failed) {
    static final String STREAM = "out-of-sample-fidelity";
    /** Up to this many units the unseen coalitions are listed and drawn without replacement; beyond, by rejection. */
    private static final int ENUMERATE_UP_TO = 16;

    public OutOfSampleFidelity {
        if (fresh < 0 || extraCalls < 0 || failed < 0 || failed > fresh) {
            throw new IllegalArgumentException("counts fresh " + fresh + ", extraCalls " + extraCalls + ", failed "
                    + failed);
        }
    }

    /**
     * Draws {@code fresh} unseen coalitions, measures them through {@code shifts} (bound to the
     * explanation and its model) and compares.
     */
    public static OutOfSampleFidelity measure(Explanation e, OutputShifts shifts, int fresh, long seed) {
        List<Mask> masks = freshMasks(e, fresh, seed);
        int before = shifts.calls();
        double[] actual = masks.isEmpty() ? new double[0] : shifts.shifts(masks);
        return of(e, masks, actual, shifts.calls() - before);
    }

    /** The comparison alone, for shifts measured elsewhere; NaN shifts count as failed. */
    public static OutOfSampleFidelity of(Explanation e, List<Mask> masks, double[] actual, int extraCalls) {
        if (masks.size() != actual.length) {
            throw new IllegalArgumentException(masks.size() + " masks with " + actual.length + " shifts");
        }
        List<double[]> pairs = new ArrayList<>();
        for (int j = 0; j < actual.length; j++) {
            if (!Double.isNaN(actual[j])) {
                pairs.add(new double[] {Scores.predictedShift(e, masks.get(j)), actual[j]});
            }
        }
        int m = pairs.size();
        double[] yHat = new double[m];
        double[] y = new double[m];
        double mean = 0;
        for (int j = 0; j < m; j++) {
            yHat[j] = pairs.get(j)[0];
            y[j] = pairs.get(j)[1];
            mean += y[j] / m;
        }
        double sse = 0;
        double sst = 0;
        for (int j = 0; j < m; j++) {
            sse += (y[j] - yHat[j]) * (y[j] - yHat[j]);
            sst += (y[j] - mean) * (y[j] - mean);
        }
        double r2 = m < 2 ? Double.NaN : sst > 0 ? 1 - sse / sst : sse == 0 ? 1.0 : 0.0;
        return new OutOfSampleFidelity(r2, RankCorrelation.spearman(yHat, y), m == 0 ? Double.NaN : sse / m,
                masks.size(), extraCalls, masks.size() - m);
    }

    /**
     * Up to {@code count} distinct coalitions over the explanation's units that are neither empty nor
     * full nor among its samples, uniform among those (see the class comment); all of them when fewer
     * exist.
     *
     * @throws UserInputException when {@code count} is below 1
     */
    public static List<Mask> freshMasks(Explanation e, int count, long seed) {
        if (count < 1) {
            throw new UserInputException("{fresh} must be at least 1, got " + count + ": out-of-sample fidelity needs"
                    + " coalitions to predict; try {fresh=64}");
        }
        int n = e.units().size();
        Set<Mask> seen = new HashSet<>();
        for (Sample s : e.samples()) {
            seen.add(s.mask());
        }
        SplittableRandom random = Seeds.random(seed, STREAM);
        return n <= ENUMERATE_UP_TO ? enumerated(n, seen, count, random) : rejected(n, seen, count, random);
    }

    /** Every unseen proper coalition listed, then the first {@code count} of a partial Fisher–Yates shuffle. */
    private static List<Mask> enumerated(int n, Set<Mask> seen, int count, SplittableRandom random) {
        List<Mask> unseen = new ArrayList<>();
        for (long bits = 1; bits < (1L << n) - 1; bits++) {
            Mask m = Coalitions.fromBits(bits, n);
            if (!seen.contains(m)) {
                unseen.add(m);
            }
        }
        int take = Math.min(count, unseen.size());
        for (int i = 0; i < take; i++) {
            int j = i + random.nextInt(unseen.size() - i);
            Mask t = unseen.get(i);
            unseen.set(i, unseen.get(j));
            unseen.set(j, t);
        }
        return List.copyOf(unseen.subList(0, take));
    }

    /** Bernoulli(0.5) masks, each redrawn until it is proper and new: uniform among the unseen ones. */
    private static List<Mask> rejected(int n, Set<Mask> seen, int count, SplittableRandom random) {
        // More than 16 units: at least 2^17 − 2 proper coalitions, so a fresh one is found quickly
        // unless nearly all are taken; the cap below makes the loop end even then.
        int seenProper = 0;
        for (Mask m : seen) {
            if (m.keptCount() > 0 && m.keptCount() < n) {
                seenProper++;
            }
        }
        double available = Math.pow(2, n) - 2 - seenProper;
        int take = (int) Math.min(count, available);
        Set<Mask> drawn = new HashSet<>();
        List<Mask> out = new ArrayList<>(take);
        boolean[] kept = new boolean[n];
        while (out.size() < take) {
            for (int i = 0; i < n; i++) {
                kept[i] = random.nextBoolean();
            }
            Mask m = Mask.of(kept);
            if (m.keptCount() > 0 && m.keptCount() < n && !seen.contains(m) && drawn.add(m)) {
                out.add(m);
            }
        }
        return List.copyOf(out);
    }
}
