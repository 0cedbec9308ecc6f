package org.gsmile.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.gsmile.core.distance.TokenWassersteinDistance;
import org.gsmile.core.distance.TransportProblems;
import org.gsmile.core.distance.TransportProblems.Problem;
import org.gsmile.core.explain.OutputProbe;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.TokenScores;
import org.gsmile.experiments.Startup;
import org.gsmile.models.probe.TokenScoresProbe;
import org.gsmile.models.resolve.ModelResolver;

/**
 * Benchmark, not a test: the exact transport problems of {@code token-wasserstein} solved on the
 * simplex's two tree representations, subtree sets (what the distance runs up to 64 nodes) and child
 * lists with depths (larger problems), which pivot alike and so must give the same bits.
 *
 * <p>The problems come from the models' own distributions: for each of {@code local:stories260K},
 * {@code onnx:tinygpt} and {@code onnx:tinylstm}, the first four prompts of
 * {@code experiments/compare-architectures.yaml}, each against 64 perturbations that keep each word
 * with probability 1/2 (seeded), 16 greedy tokens, the default top 32. After checking that both sides
 * give the same bits on every problem, each round solves all problems once on each side, the order
 * alternating from round to round, and measures the whole distance of every perturbation (what the
 * simplex's share of it is); medians and quartiles of thread CPU time.
 *
 * <pre>./benchmark transport [--rounds 15]</pre>
 */
public final class TransportBenchmark {
    static final String[] MODELS = {"local:stories260K", "onnx:tinygpt", "onnx:tinylstm"};
    static final String[] PROMPTS = {
            "Lily wanted to play with her red ball",
            "Tom saw a big dog in the park",
            "Mom made a cake for the birthday party",
            "The little cat climbed up the tall tree",
    };
    static final int PERTURBATIONS = 64;
    static final int NEW_TOKENS = 16;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TransportBenchmark() {
    }

    public static void main(String[] args) {
        Startup.configure();
        int rounds = 15;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds") && i + 1 < args.length) {
                rounds = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i] + ": ./benchmark transport [--rounds 15]");
            }
        }
        List<Problem> problems = new ArrayList<>();
        List<Pairs> pairs = new ArrayList<>();
        for (String model : MODELS) {
            Pairs p = pairs(model);
            pairs.add(p);
            for (TokenScores perturbed : p.perturbed()) {
                problems.addAll(TransportProblems.of(p.embeddings(), TokenWassersteinDistance.DEFAULT_TOP_K,
                        p.original(perturbed).distributions(), perturbed.distributions()));
            }
        }
        int perturbations = pairs.stream().mapToInt(p -> p.perturbed().size()).sum();
        TransportProblems.Solver solver = new TransportProblems.Solver();
        for (int k = 0; k < problems.size(); k++) {
            Problem p = problems.get(k);
            double sets = solver.onSets(p);
            double lists = solver.onChildLists(p);
            if (Double.doubleToLongBits(sets) != Double.doubleToLongBits(lists)) {
                throw new IllegalStateException("problem " + k + ": subtree sets give " + sets + ", child lists " + lists);
            }
        }
        double nodes = problems.stream().mapToInt(Problem::nodes).average().orElse(0);
        System.out.printf(Locale.ROOT, "%d problems (%s; %d prompts x %d perturbations x %d positions, trivial ones left"
                        + " out), %.1f nodes on average, at most %d; both sides give the same bits on every one%n",
                problems.size(), String.join(", ", MODELS), PROMPTS.length, PERTURBATIONS, NEW_TOKENS, nodes,
                problems.stream().mapToInt(Problem::nodes).max().orElse(0));
        double[] sets = new double[rounds];
        double[] lists = new double[rounds];
        double[] whole = new double[rounds];
        double sink = 0;
        for (int r = -2; r < rounds; r++) {
            boolean setsFirst = (r & 1) == 0;
            double a = time(problems, setsFirst ? solver::onSets : solver::onChildLists);
            double b = time(problems, setsFirst ? solver::onChildLists : solver::onSets);
            double w = distances(pairs) / perturbations;
            sink += a + b + w;
            if (r >= 0) {
                sets[r] = setsFirst ? a : b;
                lists[r] = setsFirst ? b : a;
                whole[r] = w;
            }
        }
        System.out.println();
        System.out.println("| tree | µs per problem, median [quartiles] |");
        System.out.println("|---|---:|");
        System.out.println("| subtree sets | " + summary(sets) + " |");
        System.out.println("| child lists | " + summary(lists) + " |");
        System.out.printf(Locale.ROOT, "%nsets / lists: %.3f (medians of %d alternating rounds after 2 warm-up rounds, thread CPU"
                + " time)%n", median(sets) / median(lists), rounds);
        System.out.printf(Locale.ROOT, "a whole token distance (%d positions): %s µs per perturbation, of which the simplex on"
                        + " sets is %.0f %% (its problems' time over the distances' time); the rest is q's top-k, the"
                        + " support and the costs%n", NEW_TOKENS, summary(whole),
                100 * median(sets) * problems.size() / (median(whole) * perturbations));
        if (sink < 0) {
            System.out.println(sink);
        }
    }

    /** One model's embeddings and distance, and each prompt's original scores with its perturbations'. */
    record Pairs(float[][] embeddings, TokenWassersteinDistance distance, Map<TokenScores, TokenScores> originalOf,
                 List<TokenScores> perturbed) {
        TokenScores original(TokenScores perturbed) {
            return originalOf.get(perturbed);
        }
    }

    static Pairs pairs(String model) {
        Map<TokenScores, TokenScores> originalOf = new IdentityHashMap<>();
        List<TokenScores> perturbed = new ArrayList<>();
        try (GenerativeModel m = ModelResolver.fromEnvironment().resolve(model)) {
            TokenScoresProbe probe = new TokenScoresProbe(m, NEW_TOKENS);
            SplittableRandom random = new SplittableRandom(42);
            for (String prompt : PROMPTS) {
                OutputProbe.Prepared<TokenScores> prepared = probe.prepare(prompt);
                String[] words = prompt.split(" ");
                List<String> prompts = new ArrayList<>();
                prompts.add(prompt);
                for (int k = 0; k < PERTURBATIONS; k++) {
                    List<String> kept = new ArrayList<>();
                    for (String w : words) {
                        if (random.nextBoolean()) {
                            kept.add(w);
                        }
                    }
                    prompts.add(String.join(" ", kept));
                }
                List<TokenScores> scores = prepared.observe(prompts).join();
                for (int k = 1; k < scores.size(); k++) {
                    originalOf.put(scores.get(k), scores.get(0));
                    perturbed.add(scores.get(k));
                }
            }
            float[][] embeddings = probe.scorer().tokenEmbeddings();
            return new Pairs(embeddings, new TokenWassersteinDistance(embeddings, TokenWassersteinDistance.DEFAULT_TOP_K),
                    originalOf, perturbed);
        }
    }

    /** Thread CPU µs of every perturbation's whole token distance, each model's on its own distance. */
    static double distances(List<Pairs> all) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        double sum = 0;
        for (Pairs p : all) {
            for (TokenScores q : p.perturbed()) {
                sum += p.distance().distance(p.original(q), q);
            }
        }
        long t1 = THREADS.getCurrentThreadCpuTime();
        if (sum < 0) {
            throw new IllegalStateException("negative distance");
        }
        return (t1 - t0) / 1e3;
    }

    /** Thread CPU µs per problem of one pass over all problems. */
    static double time(List<Problem> problems, ToDoubleFunction<Problem> solve) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        double sum = 0;
        for (Problem p : problems) {
            sum += solve.applyAsDouble(p);
        }
        long t1 = THREADS.getCurrentThreadCpuTime();
        if (sum < 0) {
            throw new IllegalStateException("negative transport cost");
        }
        return (t1 - t0) / 1e3 / problems.size();
    }

    static String summary(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", median(x), s[s.length / 4], s[(3 * s.length) / 4]);
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
