package org.gsmile.core.adaptive;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.special.Erf;
import org.gsmile.core.UserInputException;

/**
 * Draws in rounds until the explanation is sure of its top units, or until more samples could not
 * make it surer. After each round the surrogate is refitted on bootstrap resamples of the samples,
 * and drawing stops
 * <ol>
 *   <li>{@link StopReason#STABLE} when the top-k set of the fit comes back in at least
 *       {@code stability} of the resamples and each top-k unit's interval excludes 0;</li>
 *   <li>{@link StopReason#EXHAUSTED} when the sampler has no unused mask left;</li>
 *   <li>{@link StopReason#CONVERGED} when the top-k set is the same in the last two fits, and its
 *       margin (|θ| of the k-th unit less that of the (k+1)-th) and the k-th unit's |θ| both exceed
 *       {@value #Z} standard errors;</li>
 *   <li>{@link StopReason#TIED} when the margin is so small that even the cap would not separate
 *       it: the chance that the margin at the cap exceeds {@value #Z} of the cap's standard errors is
 *       below {@value #FUTILITY} (a near-tie across the boundary of the top-k; the set cannot be
 *       decided with this budget, and the stop reason says so);</li>
 *   <li>{@link StopReason#MAX_SAMPLES} at {@code maxSamples}.</li>
 * </ol>
 *
 * <p>The standard errors of the last two rules do not come from the bootstrap: resampling complete
 * coalition strata makes its intervals several times wider than the fit's actual error (on the
 * 9–12-word prompts of the sampler benchmark the 95 % half-widths are a median 6 times the
 * root-mean-square error against exact Shapley values), which keeps {@code stable} safe but would call nearly every
 * near-tie undecidable at once. They come from how far the scores moved between rounds: the fits
 * are nested (each round adds samples to the last), so with a per-sample scale σ a score observed
 * on m of N = 2ⁿ coalitions has variance σ²(1/m − 1/N) and the move from m₁ to m₂ samples has
 * variance σ²(1/m₁ − 1/m₂). σ² is pooled over every unit and the last two moves (so these rules
 * wait for three fits); the margin's standard error is √2·σ·√(1/m − 1/N), and at the cap M it
 * will be √2·σ·√(1/M − 1/N), 0 when the cap observes every coalition (then the cap decides
 * exactly and nothing is called tied before it). The margin the cap will see is taken as normal
 * around today's margin with variance the difference of the two, which makes the tie verdict
 * cautious while the margin is still noisy and firm near the cap.
 *
 * <p>The first round has max(16, 2n + 2) samples: enough to fit n coefficients, and exactly the
 * coalitions keeping one unit or all but one, which the strata sampler completes first, with the
 * Shapley kernel's two anchors. It is even, so complementary pairs stay together; each later round
 * uses half as many again.
 *
 * @param maxSamples    the cap; must admit the first round
 * @param topK          size of the top set that must be stable
 * @param stability     share of bootstrap resamples whose top-k set must equal the fit's, in (0, 1]
 * @param bootstrapReps resamples per round
 * @param level         confidence level of the intervals
 */
public record AdaptiveBudget(int maxSamples, int topK, double stability, int bootstrapReps, double level)
        implements Budget {
    public static final int DEFAULT_MAX = 256;
    public static final double DEFAULT_STABILITY = 0.9;
    /** Standard errors that separate two scores, or a score from 0. */
    public static final double Z = 2.0;
    /** Below this chance of separating the top-k boundary by the cap, the top-k is called tied. */
    public static final double FUTILITY = 0.05;
    /** Moves between rounds pooled into the scale σ; the rules need one fit more than this. */
    static final int MOVES = 2;
    /** Fits, the last included, whose top-k sets must agree for {@code converged}. */
    static final int SAME_SETS = 2;
    private static final int MIN_FIRST_ROUND = 16;
    private static final double GROWTH = 1.5;

    public AdaptiveBudget {
        if (maxSamples < MIN_FIRST_ROUND) {
            throw new UserInputException("{samples} auto needs a reachable bound: {maxSamples} must be at least "
                    + MIN_FIRST_ROUND + ", got " + maxSamples + ": try {maxSamples=" + DEFAULT_MAX + "}");
        }
        if (!(stability > 0 && stability <= 1)) {
            throw new IllegalArgumentException("stability must be in (0, 1], got " + stability);
        }
        if (bootstrapReps < 10) {
            throw new IllegalArgumentException("an adaptive budget needs at least 10 bootstrap resamples, got "
                    + bootstrapReps);
        }
        Bootstrap.checkSettings(bootstrapReps, level, topK);
    }

    public static AdaptiveBudget upTo(int maxSamples) {
        return new AdaptiveBudget(maxSamples, 3, DEFAULT_STABILITY, Bootstrap.DEFAULT_REPS, Bootstrap.DEFAULT_LEVEL);
    }

    @Override
    public String name() {
        return "auto";
    }

    @Override
    public int firstRound(int units) {
        int first = Math.max(MIN_FIRST_ROUND, 2 * units + 2);
        if (first > maxSamples) {
            throw new UserInputException("{samples} auto cannot reach its bound: the first round needs " + first
                    + " samples for " + units + " units but {maxSamples} is " + maxSamples
                    + ": raise it to at least {maxSamples=" + first + "}");
        }
        return first;
    }

    @Override
    public Decision next(Round round) {
        BootstrapResult b = round.bootstrap();
        if (b != null && b.topKStability() >= stability && b.topKExcludeZero()) {
            return Decision.stop(StopReason.STABLE);
        }
        boolean last = round.used() >= round.drawn();
        if (last && round.drawn() < maxSamples) {
            return Decision.stop(StopReason.EXHAUSTED);
        }
        Margin margin = margin(round);
        if (margin != null && margin.converged()) {
            return Decision.stop(StopReason.CONVERGED);
        }
        if (margin != null && margin.tied()) {
            return Decision.stop(StopReason.TIED);
        }
        if (last) {
            return Decision.stop(StopReason.MAX_SAMPLES);
        }
        return Decision.goOn(Math.min(round.drawn(), even((int) Math.ceil(round.used() * GROWTH))));
    }

    /**
     * The top-k boundary after a round, judged by how far the fits moved: null before there are
     * {@value #MOVES} moves to judge by, or when the last fits did not grow.
     */
    Margin margin(Round round) {
        List<RoundFit> fits = round.fits();
        if (fits.size() < MOVES + 1) {
            return null;
        }
        List<RoundFit> recent = fits.subList(fits.size() - MOVES - 1, fits.size());
        double population = Math.pow(2, round.units());
        double squares = 0;
        double expected = 0;
        for (int i = 1; i < recent.size(); i++) {
            double[] a = recent.get(i - 1).theta();
            double[] c = recent.get(i).theta();
            int ma = recent.get(i - 1).samples();
            int mc = recent.get(i).samples();
            if (mc <= ma) {
                continue;
            }
            for (int u = 0; u < c.length; u++) {
                squares += (c[u] - a[u]) * (c[u] - a[u]);
            }
            expected += c.length * (1.0 / ma - 1.0 / mc);
        }
        if (expected <= 0) {
            return null;
        }
        double sigma = Math.sqrt(squares / expected);
        double[] theta = recent.get(recent.size() - 1).theta();
        int p = theta.length;
        int k = Math.min(topK, p);
        double[] size = Arrays.stream(theta).map(Math::abs).sorted().toArray();
        double kth = size[p - k];
        double next = k < p ? size[p - k - 1] : 0;
        // Against the next unit the margin is a difference of two scores; against 0, one score.
        double spread = k < p ? Math.sqrt(2) : 1;
        double seNow = spread * sigma * Math.sqrt(Math.max(0, 1.0 / round.used() - 1 / population));
        double seCap = spread * sigma * Math.sqrt(Math.max(0, 1.0 / round.drawn() - 1 / population));
        double unitNow = sigma * Math.sqrt(Math.max(0, 1.0 / round.used() - 1 / population));
        Set<Set<Integer>> sets = new HashSet<>();
        for (RoundFit f : fits.subList(fits.size() - SAME_SETS, fits.size())) {
            sets.add(asSet(Bootstrap.topK(f.theta(), k)));
        }
        return new Margin(kth - next, kth, seNow, seCap, unitNow, sets.size() == 1);
    }

    /**
     * The top-k boundary: {@code gap} = |θ| of the k-th unit less that of the (k+1)-th (or 0 when
     * every unit is in the top set), its standard error now and at the cap, the k-th unit's |θ| and
     * its standard error, and whether the last fits agree on the set.
     */
    record Margin(double gap, double kth, double seNow, double seCap, double unitNow, boolean sameSet) {
        boolean converged() {
            return sameSet && gap > Z * seNow && kth > Z * unitNow;
        }

        /** The chance that the cap's margin exceeds Z of the cap's standard errors is below FUTILITY. */
        boolean tied() {
            double spread = Math.sqrt(Math.max(0, seNow * seNow - seCap * seCap));
            if (spread == 0) {
                return gap <= Z * seCap;
            }
            return upperTail((Z * seCap - gap) / spread) < FUTILITY;
        }
    }

    /** P(X > x) for a standard normal X. */
    static double upperTail(double x) {
        return 0.5 * Erf.erfc(x / Math.sqrt(2));
    }

    private static Set<Integer> asSet(int[] top) {
        Set<Integer> s = new HashSet<>();
        for (int i : top) {
            s.add(i);
        }
        return s;
    }

    private static int even(int n) {
        return n + (n & 1);
    }
}
