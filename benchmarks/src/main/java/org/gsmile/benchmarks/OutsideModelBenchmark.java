package org.gsmile.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.gsmile.api.Explainers;
import org.gsmile.core.adaptive.Bootstrap;
import org.gsmile.core.adaptive.FixedBudget;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.distance.ReferenceTokenWasserstein;
import org.gsmile.core.distance.TokenWassersteinDistance;
import org.gsmile.core.explain.Design;
import org.gsmile.core.explain.ExplainerParts;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.Observation;
import org.gsmile.core.explain.PromptExplainer;
import org.gsmile.core.explain.SurrogateExplainer;
import org.gsmile.core.explain.Timings;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.TokenScores;
import org.gsmile.core.reference.ConstrainedLeastSquares;
import org.gsmile.core.reference.ShapleyKernel;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.unit.UnitSplitter;
import org.gsmile.experiments.Startup;
import org.gsmile.models.probe.TokenScoresProbe;
import org.gsmile.models.resolve.ModelResolver;
import org.gsmile.perturbation.DropOperator;
import org.gsmile.perturbation.MarkedSplitter;
import org.gsmile.perturbation.MaskSamplers;
import org.gsmile.perturbation.WordSplitter;

/**
 * How an explanation's wall time splits between the model and everything else, with the token
 * distance's transport solved as it was ({@code ReferenceTokenWasserstein}: a network simplex over
 * the whole support from scratch at every position, the cost matrix rebuilt for every explanation)
 * and as it is ({@code TokenWassersteinDistance}), side by side in one warm JVM.
 *
 * <p>One explanation at default settings ({@code token-wasserstein}, strata sampler, Shapley
 * kernel, 64 samples, 200 bootstrap refits, 32 greedy tokens) on local:stories260K, the prompts of
 * {@code gsmile bench}. After warm-up explanations of both, each round explains one prompt with both
 * solvers, the order alternating (old-new, new-old, ...), so that the load of a shared machine falls on
 * both alike; the medians and quartiles over the rounds are printed. "outside" is the explanation's
 * total minus its model time, as {@code timingsMs} reports it; "distances" is the time inside the
 * distance calls summed over the threads that ran them (part of "outside").
 *
 * <p>Before anything is timed it checks that the explainer built here is the one
 * {@code Explainers.create} builds for the default spec (the same scores to the last bit) and that
 * both solvers give the same scores to 1e-9.
 *
 * <pre>./benchmark outside-model [--rounds 20] [--warmup 8]</pre>
 */
public final class OutsideModelBenchmark {
    static final String[] PROMPTS = {
            "Once upon a time, there was a little girl named Lily who loved her red ball",
            "Tom and his dog went to the park to play with a big stick",
            "The little bird sat on the tree and sang a happy song",
            "One day, Sue found a shiny stone near the river and took it home",
    };
    static final long SEED = 42;

    private OutsideModelBenchmark() {
    }

    public static void main(String[] args) {
        Startup.configure();
        int rounds = 20;
        int warmup = 8;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + ": ./benchmark outside-model [--rounds 20] [--warmup 8]");
            }
        }
        ExplanationSpec spec = ExplanationSpec.builder().distance(DistanceKind.TOKEN_WASSERSTEIN).build();
        AtomicLong oldNanos = new AtomicLong();
        AtomicLong newNanos = new AtomicLong();
        PromptExplainer old = new SurrogateExplainer(spec, new DefaultParts(spec,
                e -> timed(new ReferenceTokenWasserstein(e, TokenWassersteinDistance.DEFAULT_TOP_K), oldNanos)));
        PromptExplainer fast = new SurrogateExplainer(spec, new DefaultParts(spec,
                e -> timed(new TokenWassersteinDistance(e, TokenWassersteinDistance.DEFAULT_TOP_K), newNanos)));
        try (GenerativeModel model = ModelResolver.fromEnvironment().resolve("local:stories260K")) {
            System.out.printf(Locale.ROOT, "local:stories260K, %s, %d cores, %d warm-up and %d timed rounds%n",
                    spec.distance().label(), Runtime.getRuntime().availableProcessors(), warmup, rounds);
            check(spec, model, old, fast);
            for (int r = 0; r < warmup; r++) {
                String p = PROMPTS[r % PROMPTS.length];
                old.explain(new ExplanationRequest(p, SEED), model);
                fast.explain(new ExplanationRequest(p, SEED), model);
            }
            List<Run> oldRuns = new ArrayList<>();
            List<Run> newRuns = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                ExplanationRequest request = new ExplanationRequest(PROMPTS[r % PROMPTS.length], SEED);
                if (r % 2 == 0) {
                    oldRuns.add(run(old, request, model, oldNanos));
                    newRuns.add(run(fast, request, model, newNanos));
                } else {
                    newRuns.add(run(fast, request, model, newNanos));
                    oldRuns.add(run(old, request, model, oldNanos));
                }
                Run o = oldRuns.get(r);
                Run n = newRuns.get(r);
                System.err.printf(Locale.ROOT, "round %2d: old %5.0f ms (%4.1f %% outside), new %5.0f ms (%4.1f %% outside)%n",
                        r + 1, o.totalMs, 100 * o.share(), n.totalMs, 100 * n.share());
            }
            System.out.println();
            System.out.println("| solver | total ms | model ms | outside ms | distances ms | outside share |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            row("old (reference simplex)", oldRuns);
            row("new", newRuns);
            System.out.println();
            System.out.println("Medians over the rounds, [first quartile, third quartile] below; the outside share is the"
                    + " median of each run's (total - model) / total.");
            System.out.println();
            spread("old (reference simplex)", oldRuns);
            spread("new", newRuns);
        }
    }

    /** The parts {@code Explainers.create} builds for the default spec, with the token distance given. */
    private record DefaultParts(ExplanationSpec spec, Function<float[][], OutputDistance<TokenScores>> distance)
            implements ExplainerParts {
        @Override
        public UnitSplitter splitter(GenerativeModel model) {
            return new MarkedSplitter(new WordSplitter());
        }

        @Override
        public Observation<?> observation(GenerativeModel model) {
            TokenScoresProbe probe = new TokenScoresProbe(model, spec.maxNewTokens());
            // Built per explanation, as SpecParts builds it.
            return new Observation<>(probe, distance.apply(probe.scorer().tokenEmbeddings()));
        }

        @Override
        public PerturbationOperator operator() {
            return new DropOperator();
        }

        @Override
        public Design design(int units, long surrogateSeed) {
            return new Design(MaskSamplers.strata(), new ShapleyKernel(), new ConstrainedLeastSquares(),
                    new FixedBudget(spec.budget().samplesFor(units), Bootstrap.DEFAULT_REPS, Bootstrap.DEFAULT_LEVEL,
                            spec.topK()));
        }
    }

    /** The distance, adding the time spent in it (on any thread) to {@code nanos}. */
    static OutputDistance<TokenScores> timed(OutputDistance<TokenScores> d, AtomicLong nanos) {
        return new OutputDistance<>() {
            @Override
            public String name() {
                return d.name();
            }

            @Override
            public double distance(TokenScores original, TokenScores perturbed) {
                long t0 = System.nanoTime();
                double x = d.distance(original, perturbed);
                nanos.addAndGet(System.nanoTime() - t0);
                return x;
            }

            @Override
            public ToDoubleFunction<TokenScores> from(TokenScores original) {
                long t0 = System.nanoTime();
                ToDoubleFunction<TokenScores> f = d.from(original);
                nanos.addAndGet(System.nanoTime() - t0);
                return perturbed -> {
                    long t1 = System.nanoTime();
                    double x = f.applyAsDouble(perturbed);
                    nanos.addAndGet(System.nanoTime() - t1);
                    return x;
                };
            }
        };
    }

    /** The default explainer built here is Explainers.create's, and both solvers agree. */
    static void check(ExplanationSpec spec, GenerativeModel model, PromptExplainer old, PromptExplainer fast) {
        PromptExplainer official = Explainers.create(spec);
        double worst = 0;
        for (String p : PROMPTS) {
            ExplanationRequest request = new ExplanationRequest(p, SEED);
            double[] expected = official.explain(request, model).attribution().scores();
            double[] got = fast.explain(request, model).attribution().scores();
            if (!Arrays.equals(expected, got)) {
                throw new IllegalStateException("the benchmark's explainer no longer builds what Explainers.create"
                        + " builds for the default spec: update DefaultParts to the new defaults");
            }
            double[] reference = old.explain(request, model).attribution().scores();
            for (int i = 0; i < got.length; i++) {
                worst = Math.max(worst, Math.abs(got[i] - reference[i]));
            }
        }
        System.out.printf(Locale.ROOT, "checked: the default explainer's scores to the bit; old and new solvers'"
                + " scores differ by at most %.1e%n", worst);
        if (!(worst <= 1e-9)) {
            throw new IllegalStateException("the solvers disagree by " + worst);
        }
    }

    record Run(double totalMs, double modelMs, double distanceMs) {
        double outsideMs() {
            return totalMs - modelMs;
        }

        double share() {
            return outsideMs() / totalMs;
        }
    }

    static Run run(PromptExplainer explainer, ExplanationRequest request, GenerativeModel model, AtomicLong nanos) {
        long before = nanos.get();
        Explanation e = explainer.explain(request, model);
        Timings t = e.cost().timings();

        return new Run(t.totalMs(), t.modelMs(), (nanos.get() - before) / 1e6);
    }

    static void row(String name, List<Run> runs) {
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.1f | %.1f | %.1f %% |%n", name,
                quantile(runs, Run::totalMs, 0.5), quantile(runs, Run::modelMs, 0.5),
                quantile(runs, Run::outsideMs, 0.5), quantile(runs, Run::distanceMs, 0.5),
                100 * quantile(runs, Run::share, 0.5));
    }

    static void spread(String name, List<Run> runs) {
        System.out.printf(Locale.ROOT, "- %s: outside share %.1f %% [%.1f, %.1f], outside %.1f ms [%.1f, %.1f],"
                        + " model %.0f ms [%.0f, %.0f]%n", name,
                100 * quantile(runs, Run::share, 0.5), 100 * quantile(runs, Run::share, 0.25),
                100 * quantile(runs, Run::share, 0.75),
                quantile(runs, Run::outsideMs, 0.5), quantile(runs, Run::outsideMs, 0.25),
                quantile(runs, Run::outsideMs, 0.75),
                quantile(runs, Run::modelMs, 0.5), quantile(runs, Run::modelMs, 0.25),
                quantile(runs, Run::modelMs, 0.75));
    }

    /** Linear interpolation between order statistics (numpy's default). */
    static double quantile(List<Run> runs, java.util.function.ToDoubleFunction<Run> f, double q) {
        double[] x = runs.stream().mapToDouble(f).sorted().toArray();
        double pos = q * (x.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, x.length - 1);
        return x[lo] + (pos - lo) * (x[hi] - x[lo]);
    }
}
