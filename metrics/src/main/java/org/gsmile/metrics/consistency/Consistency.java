package org.gsmile.metrics.consistency;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.PromptExplainer;
import org.gsmile.core.explain.Seeds;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.spec.SignConvention;
import org.gsmile.core.unit.Unit;
import org.gsmile.metrics.ModelCalls;
import org.gsmile.metrics.Scores;
import org.gsmile.metrics.stats.KendallW;

/**
 * Whether R explanations of the same prompt, made with different seeds, agree: per unit the spread
 * of its score ({@link UnitSpread}: mean, sd, CV, 95 % interval of the mean), and over all units
 * Kendall's W of the runs' rankings by |score| ({@link KendallW}: 1 when every run ranks the units
 * alike, near 0 when the rankings are unrelated).
 *
 * <p><b>What varies between runs.</b> Only the seed: it drives the sampler's random masks (the
 * partly drawn stratum of the default design, every mask of the Bernoulli and KernelSHAP samplers),
 * the bootstrap and the synonym operator's choices. The model is observed the same way each time:
 * the probes decode y₀ greedily, so every run explains the same output and "different generations"
 * of a sampled decoding do not arise today. A design that observes every coalition (the exhaustive
 * sampler, or a reference) gives identical runs: sd 0 and W 1.
 *
 * <p>Scores are read in the explanation's own sign convention ({@code sign}), so means and intervals
 * read as the explanation printed them; W uses magnitudes and does not depend on it.
 *
 * @param units      one spread per unit, in prompt order
 * @param kendallW   Kendall's W over the runs (NaN when there is one unit, or every run ties every unit)
 * @param runs       R, the number of explanations compared
 * @param extraCalls the model calls of runs 2..R ({@link ModelCalls}: distinct prompts and y₀
 *                   generations, less what a cache or store answered); run 1 is the explanation being
 *                   evaluated and costs nothing more
 */
public record Consistency(List<UnitSpread> units, double kendallW, int runs, int extraCalls) {

    public Consistency {
        units = List.copyOf(units);
        if (runs < 2 || extraCalls < 0) {
            throw new IllegalArgumentException(runs + " runs, " + extraCalls + " calls");
        }
    }

    /**
     * The spread and agreement of explanations already made. The first is taken as the one being
     * evaluated: {@link #extraCalls} counts the calls of the others.
     *
     * @throws UserInputException       with fewer than 2 runs
     * @throws IllegalArgumentException when the runs are not over the same units or not in the same
     *                                  sign convention
     */
    public static Consistency of(List<Explanation> runs) {
        if (runs.size() < 2) {
            throw new UserInputException("{runs} must be at least 2, got " + runs.size() + ": consistency compares"
                    + " explanations of the same prompt made with different seeds; try {runs=3}");
        }
        Explanation first = runs.get(0);
        List<Unit> units = first.units();
        SignConvention sign = first.provenance().spec().sign();
        int r = runs.size();
        double[][] scores = new double[r][];
        int calls = 0;
        for (int k = 0; k < r; k++) {
            Explanation e = runs.get(k);
            if (!e.units().equals(units)) {
                throw new IllegalArgumentException("run " + (k + 1) + " has units " + e.units() + ", run 1 " + units
                        + ": consistency compares explanations of the same prompt");
            }
            if (e.provenance().spec().sign() != sign) {
                throw new IllegalArgumentException("run " + (k + 1) + " is in the " + e.provenance().spec().sign().label()
                        + " sign convention, run 1 in " + sign.label());
            }
            scores[k] = sign == SignConvention.IMPORTANCE ? Scores.importance(e) : Scores.distanceConvention(e);
            if (k > 0) {
                calls += ModelCalls.of(e);
            }
        }
        List<UnitSpread> spreads = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            double[] column = new double[r];
            for (int k = 0; k < r; k++) {
                column[k] = scores[k][i];
            }
            spreads.add(UnitSpread.of(units.get(i), column));
        }
        return new Consistency(spreads, KendallW.of(scores), r, calls);
    }

    /**
     * Explains the prompt R − 1 more times and compares the R runs. Run 1 is {@code first} (no call);
     * run r = 2..R uses the seed {@code Seeds.of(request.seed(), "consistency-" + r)}, a stream of the
     * request's seed that no explainer component uses, so the runs are reproducible from the one seed
     * and independent of each other and of run 1. The runs are explained concurrently (at most 4 at a
     * time; explainers are thread-safe).
     *
     * @param first     the explanation being evaluated, made by {@code explainer} from {@code request}
     * @param explainer the explainer that made it
     * @param runs      R, at least 2
     * @throws UserInputException with fewer than 2 runs
     */
    public static Consistency measure(Explanation first, PromptExplainer explainer, ExplanationRequest request,
                                      BlackBoxModel model, int runs) {
        if (runs < 2) {
            throw new UserInputException("{runs} must be at least 2, got " + runs + ": consistency compares"
                    + " explanations of the same prompt made with different seeds; try {runs=3}");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(runs - 1, 4), r -> {
            Thread t = new Thread(r, "gsmile-consistency");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Explanation>> pending = new ArrayList<>();
            for (int r = 2; r <= runs; r++) {
                ExplanationRequest again = new ExplanationRequest(request.prompt(), seed(request.seed(), r));
                pending.add(pool.submit(() -> explainer.explain(again, model)));
            }
            List<Explanation> all = new ArrayList<>();
            all.add(first);
            for (Future<Explanation> f : pending) {
                all.add(join(f));
            }
            return of(all);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The seed of run r (2..R) of {@link #measure}. */
    public static long seed(long requestSeed, int run) {
        return Seeds.of(requestSeed, "consistency-" + run);
    }

    private static Explanation join(Future<Explanation> f) {
        try {
            return f.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while explaining the consistency runs", ex);
        } catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
