package org.gsmile.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gsmile.api.Explainers;
import org.gsmile.core.adaptive.Bootstrap;
import org.gsmile.core.adaptive.StopReason;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.json.ExplanationJson;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.KernelKind;
import org.gsmile.core.spec.SamplerKind;
import org.gsmile.core.spec.SurrogateKind;
import org.gsmile.core.spec.UnitKind;
import org.gsmile.experiments.Startup;
import org.gsmile.models.resolve.ModelResolver;

/**
 * What the default budget (max(64, 2n + 2) samples) and {@code --samples auto} cost and how well they
 * agree with a high-budget reference on prompts of 10, 20, 40 and 80 words (issue 9): stories260K,
 * logprob-shift on 16 greedy tokens, word units, drop operator, everything through the public API
 * ({@code Explainers.create(spec).explain(request, model)}), every run a real model call.
 *
 * <p>The reference is the paired-Shapley sampler with the Shapley kernel at 20,000 samples (on 10
 * words it runs out of coalitions first and is the exact Shapley values), run with several seeds:
 * the agreement of those seeds with each other shows how far the reference itself has converged,
 * and their mean is what the budgets are compared with. Agreement is Spearman's ρ over all words and
 * the overlap of the top-5 sets by |score| (shared words / 5).
 *
 * <p>Two prompt sets, two TinyStories-style stories per length: {@link #DESIGN}, used while building
 * this benchmark, and {@link #HELD_OUT}, looked at only for the reported table (and not used to
 * tune anything; the adaptive rule was tuned on other prompts again, see {@code AdaptiveBudget}).
 *
 * <p>Run: {@code ./benchmark long-prompts [--set held-out|design] [--seeds 3] [--reference-samples 20000]
 * [--reference-seeds 2] [--lengths 10,20,40,80] [--max-new-tokens 16] [--budgets 64,128,256] [--no-before]
 * [--caps 256,512] [--reference-cache DIR]
 * [--out FILE.md]}; with a reference cache the references (most of the time: about 10 minutes per 80-word
 * reference on 2 cores) are computed once.
 */
public final class LongPromptBenchmark {
    static final Map<Integer, List<String>> DESIGN = Map.of(
            10, List.of("Tom found a small red ball under the big tree.",
                    "The little cat wanted to climb the tall green hill."),
            20, List.of("One day, a girl named Mia went to the park with her mom. She saw a big dog and smiled.",
                    "Ben had a new blue kite. He ran fast in the wind, and the kite flew high over the trees."),
            40, List.of("Once upon a time, there was a little bunny named Pip. Pip lived in a hole near a garden."
                            + " Every morning, he hopped out to eat carrots. One day, he saw a fox by the fence, and he"
                            + " felt scared.",
                    "Lily and her brother Sam liked to build sand castles at the beach. One sunny day, they made the"
                            + " biggest castle ever. Then a big wave came and washed it away. Sam was sad, but Lily"
                            + " hugged him and smiled."),
            80, List.of("Once upon a time, there lived a kind old man named Joe. Joe had a garden full of red flowers"
                            + " and green beans. Every day, he gave water to his plants and sang songs. One morning, Joe"
                            + " saw that a bird had hurt its wing. He picked up the bird and took it inside his house. He"
                            + " gave it seeds and water. After many days, the bird could fly again, and it came back"
                            + " every morning to sing with Joe.",
                    "Anna was a little girl who loved to paint. She had a big box of colors and a brush. One day, her"
                            + " mom said they would go to the zoo. At the zoo, Anna saw a giraffe, a monkey, and a big"
                            + " gray elephant. She wanted to paint them all. When they got home, Anna sat at the table"
                            + " and painted every animal she saw. Her mom put the pictures on the wall, and Anna felt"
                            + " very proud and happy."));

    static final Map<Integer, List<String>> HELD_OUT = Map.of(
            10, List.of("Sara saw a shiny fish jump out of the pond.",
                    "The boy gave his friend a big red apple today."),
            20, List.of("Max the dog liked to dig in the yard. One day, he found a bone and ran to show Tim.",
                    "It was a cold night. Lucy put on her warm hat and looked at the bright stars in the sky."),
            40, List.of("There was a frog who lived in a pond. He liked to jump from leaf to leaf. One day, it started"
                            + " to rain hard. The frog was happy because he loved the rain. He sang a song for his"
                            + " friends.",
                    "Tim wanted to bake a cake for his mom. He got eggs, milk, and sugar from the kitchen. He mixed"
                            + " them in a bowl. The cake was too sweet, but his mom ate it and gave him a big hug."),
            80, List.of("Once upon a time, there was a boat named Bob. Bob lived by the sea with other boats. The other"
                            + " boats were fast, but Bob was slow. One day, a big storm came, and the big boats could"
                            + " not go out. A girl had lost her toy on a rock near the shore. Bob was small enough to go"
                            + " near the rock. He found the toy and brought it back. Everyone cheered for Bob, and he"
                            + " felt brave and proud.",
                    "Mia had a bike that she rode every day after school. One afternoon, she saw a boy by the road. He"
                            + " looked sad because his bike was broken. Mia stopped and asked him what was wrong. The"
                            + " boy said his chain fell off. Mia knew how to fix it, because her dad had shown her. She"
                            + " put the chain back and smiled. The boy said thank you, and they rode their bikes"
                            + " together to the park and played until dinner."));

    static final int TOP = 5;

    /** One budget's runs at one length: means over prompts × seeds. */
    static final class Cell {
        int runs;
        double calls;
        double rho;
        double top;
        double seconds;
        int atCap;
        final Map<StopReason, Integer> reasons = new EnumMap<>(StopReason.class);

        void add(Explanation e, double[] reference, double secs) {
            runs++;
            atCap += e.sampling().samples() >= e.provenance().spec().budget().samplesFor(e.units().size()) ? 1 : 0;
            calls += e.calls().unique();
            rho += RankAgreement.spearman(e.attribution().scores(), reference);
            top += overlap(e.attribution().scores(), reference);
            seconds += secs;
            reasons.merge(e.sampling().stopReason(), 1, Integer::sum);
        }

        String reasons() {
            StringBuilder sb = new StringBuilder();
            reasons.forEach((r, c) -> sb.append(sb.length() == 0 ? "" : ", ").append(r.label()).append(' ').append(c));
            return sb.toString();
        }
    }

    public static void main(String[] args) throws IOException {
        Startup.configure();
        String set = "held-out";
        int seeds = 3;
        int referenceSamples = 20_000;
        int referenceSeeds = 2;
        int maxNewTokens = 16;
        int[] lengths = {10, 20, 40, 80};
        int[] caps = {};
        int[] curve = {64, 128, 256};
        boolean before = true;
        Path out = null;
        Path cache = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--set" -> set = args[++i];
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--reference-samples" -> referenceSamples = Integer.parseInt(args[++i]);
                case "--reference-seeds" -> referenceSeeds = Integer.parseInt(args[++i]);
                case "--max-new-tokens" -> maxNewTokens = Integer.parseInt(args[++i]);
                case "--lengths" -> lengths = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--caps" -> caps = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--budgets" -> curve = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--no-before" -> before = false;
                case "--out" -> out = Path.of(args[++i]);
                case "--reference-cache" -> cache = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Map<Integer, List<String>> prompts = switch (set) {
            case "held-out" -> HELD_OUT;
            case "design" -> DESIGN;
            default -> throw new IllegalArgumentException("--set is held-out or design, got " + set);
        };
        if (referenceSeeds < 2) {
            throw new IllegalArgumentException("--reference-seeds must be at least 2 to show the reference converged");
        }
        ExplanationSpec base = ExplanationSpec.builder().distance(DistanceKind.LOGPROB_SHIFT).maxNewTokens(maxNewTokens)
                .build();
        // The reference is the kernel regression (wls) on 20,000 paired-Shapley samples, as before issue 12: its
        // spec, and so its cache key, is unchanged.
        ExplanationSpec reference = base.toBuilder().sampler(SamplerKind.PAIRED_SHAPLEY).kernel(KernelKind.SHAPLEY)
                .surrogate(SurrogateKind.WLS).samples(referenceSamples).build();
        Map<String, ExplanationSpec> budgets = new LinkedHashMap<>();
        budgets.put("default, max(64, 2n + 2)", base);
        for (int cap : caps) {
            budgets.put("auto, max " + cap, base.toBuilder().autoSamples(cap).build());
        }
        // The calls-vs-accuracy curve: word-level estimation and the hierarchical modes at the same budgets.
        for (int j : curve) {
            budgets.put("words, " + j, base.toBuilder().samples(j).build());
            budgets.put("phrases-then-words, " + j, base.toBuilder().units(UnitKind.PHRASES_THEN_WORDS).samples(j)
                    .build());
            budgets.put("sentences-then-words, " + j, base.toBuilder().units(UnitKind.SENTENCES_THEN_WORDS).samples(j)
                    .build());
            if (before) {
                budgets.put("words, strata + wls (before issue 12), " + j, base.toBuilder().sampler(SamplerKind.STRATA)
                        .surrogate(SurrogateKind.WLS).samples(j).build());
            }
        }

        long t0 = System.nanoTime();
        StringBuilder md = new StringBuilder();
        List<String> rows = new ArrayList<>();
        Map<Integer, Map<String, Cell>> byLength = new LinkedHashMap<>();
        Map<Integer, Double> referenceRho = new LinkedHashMap<>();
        try (GenerativeModel model = ModelResolver.fromEnvironment().resolve("local:stories260K")) {
            for (int words : lengths) {
                Cell ref = new Cell();
                double refRho = 0;
                double refTop = 0;
                int refPairs = 0;
                Map<String, Cell> cells = new LinkedHashMap<>();
                budgets.keySet().forEach(k -> cells.put(k, new Cell()));
                for (String prompt : prompts.get(words)) {
                    if (prompt.split("\\s+").length != words) {
                        throw new IllegalStateException("not " + words + " words: " + prompt);
                    }
                    List<double[]> refs = new ArrayList<>();
                    for (int r = 0; r < referenceSeeds; r++) {
                        Reference e = referenceRun(reference, new ExplanationRequest(prompt, 100 + r), model, cache);
                        double secs = e.seconds();
                        refs.add(e.scores());
                        ref.runs++;
                        ref.calls += e.calls();
                        ref.seconds += secs;
                        System.err.printf(Locale.ROOT, "%d words, reference seed %d: %d calls in %.0f s%n", words, 100 + r,
                                e.calls(), secs);
                    }
                    for (int a = 0; a < refs.size(); a++) {
                        for (int b = a + 1; b < refs.size(); b++) {
                            refRho += RankAgreement.spearman(refs.get(a), refs.get(b));
                            refTop += overlap(refs.get(a), refs.get(b));
                            refPairs++;
                        }
                    }
                    double[] mean = new double[refs.get(0).length];
                    for (double[] r : refs) {
                        for (int i = 0; i < mean.length; i++) {
                            mean[i] += r[i] / refs.size();
                        }
                    }
                    for (Map.Entry<String, ExplanationSpec> budget : budgets.entrySet()) {
                        for (int s = 1; s <= seeds; s++) {
                            long t = System.nanoTime();
                            Explanation e = Explainers.create(budget.getValue())
                                    .explain(new ExplanationRequest(prompt, s), model);
                            cells.get(budget.getKey()).add(e, mean, (System.nanoTime() - t) / 1e9);
                        }
                    }
                    System.err.printf(Locale.ROOT, "%d words: \"%s…\" done at %.0f s%n", words,
                            prompt.substring(0, Math.min(30, prompt.length())), (System.nanoTime() - t0) / 1e9);
                }
                byLength.put(words, cells);
                referenceRho.put(words, refRho / refPairs);
                rows.add(String.format(Locale.ROOT, "| %d | reference: paired-shapley, %d samples | %.0f | %.3f | %.2f |"
                                + " | seed to seed, %d seeds (%.0f s a run) |", words, referenceSamples, ref.calls / ref.runs,
                        refRho / refPairs, refTop / refPairs, referenceSeeds, ref.seconds / ref.runs));
                for (Map.Entry<String, Cell> c : cells.entrySet()) {
                    Cell x = c.getValue();
                    rows.add(String.format(Locale.ROOT, "| %d | %s | %.1f | %.3f | %.2f | %d of %d | %s |", words,
                            c.getKey(), x.calls / x.runs, x.rho / x.runs, x.top / x.runs, x.atCap, x.runs, x.reasons()));
                }
            }
        }
        md.append(String.format(Locale.ROOT, "# Long prompts: budgets against a high-budget reference%n%n"
                        + "stories260K, logprob-shift on %d greedy tokens, drop operator, the default design (size-profile"
                        + " sampler and fit, Shapley kernel) unless a row says otherwise, through"
                        + " `Explainers.create(spec).explain(request, model)`;"
                        + " prompt set **%s** (`LongPromptBenchmark.%s`), 2 TinyStories-style prompts per length,"
                        + " %d seeds per prompt and budget. The reference is the mean of %d paired-Shapley runs of %d"
                        + " samples (seeds 100–%d; on 10 words they exhaust the 1,024 coalitions and are exact); its"
                        + " row gives the seeds' agreement with each other. Spearman and top-%d overlap (shared words of"
                        + " the top-%d by |score|, / %d) are against that mean. Calls are distinct model calls (single-word"
                        + " prompts repeat on long prompts, so fewer than the samples). Ran in %.0f s (references read"
                        + " from a cache cost no time here; their own time is in their row).%n%n", maxNewTokens, set, set.equals("design") ? "DESIGN" : "HELD_OUT", seeds,
                referenceSeeds, referenceSamples, 100 + referenceSeeds - 1, TOP, TOP, TOP,
                (System.nanoTime() - t0) / 1e9));
        md.append("| words | budget | calls | Spearman | top-5 overlap | runs using the whole budget | stop reasons |\n"
                + "|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        if (curve.length > 0) {
            md.append(String.format(Locale.ROOT, "%n## Calls against accuracy: word-level and hierarchical estimation at the"
                    + " same budgets%n%nMean Spearman with the reference, then mean distinct calls, per budget of samples"
                    + " (`--samples J`); the hierarchical modes explain the phrases or sentences first, then the words of"
                    + " those that matter most (`--units phrases-then-words`, `sentences-then-words`).%n%n| words | method |"));
            for (int j : curve) {
                md.append(" J = ").append(j).append(" |");
            }
            md.append("\n|---|---|").append("---|".repeat(curve.length)).append('\n');
            List<String> methods = new ArrayList<>(List.of("words", "phrases-then-words", "sentences-then-words"));
            if (before) {
                methods.add("words, strata + wls (before issue 12)");
            }
            for (Map.Entry<Integer, Map<String, Cell>> l : byLength.entrySet()) {
                for (String method : methods) {
                    md.append("| ").append(l.getKey()).append(" | ").append(method).append(" |");
                    for (int j : curve) {
                        Cell x = l.getValue().get(method + ", " + j);
                        md.append(String.format(Locale.ROOT, " %.3f (%.0f) |", x.rho / x.runs, x.calls / x.runs));
                    }
                    md.append('\n');
                }
            }
        }
        String text = md.toString();
        System.out.print(text);
        if (out != null) {
            Files.writeString(out, text, StandardCharsets.UTF_8);
        }
    }

    /** What the benchmark needs of a reference explanation: its scores, distinct calls and time. */
    record Reference(double[] scores, int calls, double seconds) {
        /**
         * From an explanation's JSON, reading only those three: references cached by earlier versions hold a
         * config today's reader refuses (keep and sigma recorded for every sampler), and their values are the same.
         */
        static Reference of(String json) throws IOException {
            com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            com.fasterxml.jackson.databind.JsonNode a = root.get("attribution");
            double[] scores = new double[a.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = a.get(i).asDouble();
            }
            return new Reference(scores, root.at("/calls/unique").asInt(), root.at("/timingsMs/total").asDouble() / 1e3);
        }
    }

    /**
     * A reference explanation, read from {@code cache} when an earlier run wrote it there (keyed by the
     * spec, the request and the model's hash), else computed and written.
     */
    static Reference referenceRun(ExplanationSpec spec, ExplanationRequest request, GenerativeModel model, Path cache)
            throws IOException {
        Path file = null;
        if (cache != null) {
            String key = spec + "\n" + request.prompt() + "\n" + request.seed() + "\n" + model.info().sha256();
            try {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
                file = cache.resolve("reference-" + HexFormat.of().formatHex(h, 0, 16) + ".json");
            } catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException(ex);
            }
            if (Files.exists(file)) {
                return Reference.of(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        String json = ExplanationJson.write(Explainers.create(spec).explain(request, model));
        if (file != null) {
            Files.createDirectories(cache);
            Files.writeString(file, json, StandardCharsets.UTF_8);
        }
        return Reference.of(json);
    }

    /** Shared units of the two top-5 sets by |score|, over 5. */
    static double overlap(double[] a, double[] b) {
        int[] x = Bootstrap.topK(a, TOP);
        int[] y = Bootstrap.topK(b, TOP);
        long shared = Arrays.stream(x).filter(i -> Arrays.stream(y).anyMatch(j -> j == i)).count();
        return (double) shared / Math.min(TOP, a.length);
    }

    private LongPromptBenchmark() {
    }
}
