package org.gsmile.metrics.stability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.PromptExplainer;
import org.gsmile.core.explain.Seeds;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.metrics.Scores;
import org.gsmile.perturbation.MarkedPrompt;

/**
 * How much an explanation moves under changes that should not move it (the thesis's stability):
 * the prompt is changed minimally ({@link PromptChange}) and each variant explained again, with the
 * same explainer, model and seed; and the same prompt is explained again with other seeds. Each
 * re-explanation is compared with the original through {@link SetSimilarity} over the
 * {@link UnitAlignment} of the two prompts' units: the top-k Jaccard index (does the top set
 * survive?) and the Ruzicka similarity (do the magnitudes?).
 *
 * <p>Seed stability: seed i (i = 1..seeds) is {@code Seeds.of(request.seed(), "stability-seed-" + i)},
 * derived from the request's seed so that a run is reproduced from that one seed, and independent
 * of it and of each other, as the explanation's own component streams are. A deterministic design
 * (every coalition observed, exact Shapley values, leave-one-out) scores 1 here: that is the
 * metric saying the seed cannot move it. Variants keep the request's seed, so that a prompt change
 * is not confounded with a change of draws.
 *
 * @param changes         one entry per {@link StabilityOptions#changes()}, in their order
 * @param seedTopKJaccard mean top-k Jaccard index over the other seeds, NaN when seeds is 0
 * @param seedRuzicka     mean Ruzicka similarity over the other seeds, NaN when seeds is 0
 * @param seeds           how many other seeds were explained
 * @param k               the size of the top sets compared
 * @param extraCalls      model calls of every explanation this ran: the sum of their distinct
 *                        prompts and preparation calls, less what a store answered
 *                        ({@link org.gsmile.metrics.ModelCalls}); the original explanation's not included
 */
public record Stability(List<ChangeStability> changes, double seedTopKJaccard, double seedRuzicka, int seeds, int k,
                        int extraCalls) {
    public Stability {
        changes = List.copyOf(changes);
        if (seeds < 0 || k < 1 || extraCalls < 0) {
            throw new IllegalArgumentException("seeds " + seeds + ", k " + k + ", extraCalls " + extraCalls);
        }
        if ((seeds == 0) != Double.isNaN(seedTopKJaccard) || (seeds == 0) != Double.isNaN(seedRuzicka)) {
            throw new IllegalArgumentException(seeds + " seeds, yet seed similarities " + seedTopKJaccard + " and "
                    + seedRuzicka);
        }
    }

    /** The entry of one change, or null when it was not measured. */
    public ChangeStability change(PromptChange change) {
        return changes.stream().filter(c -> c.change() == change).findFirst().orElse(null);
    }

    /**
     * Explains every variant and every other seed (concurrently: explainers and models serve
     * several prompts at once) and compares each with {@code e}.
     *
     * @param e         the explanation of {@code request} by {@code explainer} on {@code model}
     * @param request   the prompt as typed (markers included) and the seed {@code e} was made with
     * @throws UserInputException when k exceeds the prompt's units
     * @throws IllegalArgumentException when {@code e} is not an explanation of {@code request}'s prompt
     */
    public static Stability measure(Explanation e, ExplanationRequest request, PromptExplainer explainer,
                                    BlackBoxModel model, StabilityOptions options) {
        int n = e.units().size();
        if (options.k() > n) {
            throw new UserInputException("{k} is " + options.k() + " but the prompt has " + n + " units: choose {k} at most "
                    + n);
        }
        String text = MarkedPrompt.hasMarkers(request.prompt()) ? MarkedPrompt.parse(request.prompt()).text()
                : request.prompt();
        if (!text.equals(e.prompt())) {
            throw new IllegalArgumentException("the explanation is of \"" + e.prompt() + "\", the request asks about \""
                    + text + "\"");
        }
        List<ExplanationRequest> asked = new ArrayList<>();
        List<Integer> perChange = new ArrayList<>();
        for (PromptChange c : options.changes()) {
            List<String> variants = c.variants(request.prompt(), options.neutralWords());
            perChange.add(variants.size());
            for (String v : variants) {
                asked.add(new ExplanationRequest(v, request.seed()));
            }
        }
        for (int i = 1; i <= options.seeds(); i++) {
            asked.add(new ExplanationRequest(request.prompt(), Seeds.of(request.seed(), "stability-seed-" + i)));
        }
        List<Explanation> got = explainAll(asked, explainer, model);

        double[] theta = Scores.distanceConvention(e);
        int extraCalls = 0;
        for (Explanation x : got) {
            extraCalls += org.gsmile.metrics.ModelCalls.of(x);
        }
        List<ChangeStability> changes = new ArrayList<>();
        int at = 0;
        for (int c = 0; c < options.changes().size(); c++) {
            int count = perChange.get(c);
            double jaccard = 0;
            double ruzicka = 0;
            for (int v = 0; v < count; v++) {
                Explanation x = got.get(at++);
                UnitAlignment alignment = UnitAlignment.of(e.units(), x.units());
                double[] other = Scores.distanceConvention(x);
                jaccard += SetSimilarity.topKJaccard(theta, other, alignment, options.k());
                ruzicka += SetSimilarity.ruzicka(theta, other, alignment);
            }
            changes.add(new ChangeStability(options.changes().get(c), count,
                    count == 0 ? Double.NaN : jaccard / count, count == 0 ? Double.NaN : ruzicka / count));
        }
        double seedJaccard = 0;
        double seedRuzicka = 0;
        for (int i = 0; i < options.seeds(); i++) {
            Explanation x = got.get(at++);
            if (!x.units().equals(e.units())) {
                throw new IllegalStateException("the same prompt split into other units with another seed");
            }
            double[] other = Scores.distanceConvention(x);
            seedJaccard += SetSimilarity.topKJaccard(theta, other, options.k());
            seedRuzicka += SetSimilarity.ruzicka(theta, other);
        }
        int s = options.seeds();
        return new Stability(changes, s == 0 ? Double.NaN : seedJaccard / s, s == 0 ? Double.NaN : seedRuzicka / s, s,
                options.k(), extraCalls);
    }

    /**
     * The explanations of every request, in order. As many run at once as there are processors:
     * each waits mostly on the model, whose own pool does the work, so more would only queue there.
     */
    private static List<Explanation> explainAll(List<ExplanationRequest> asked, PromptExplainer explainer,
                                                BlackBoxModel model) {
        if (asked.isEmpty()) {
            return List.of();
        }
        int threads = Math.max(1, Math.min(asked.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "gsmile-stability");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Explanation>> tasks = new ArrayList<>();
            for (ExplanationRequest r : asked) {
                tasks.add(CompletableFuture.supplyAsync(() -> explainer.explain(r, model), pool));
            }
            return Futures.join(Futures.allInOrder(tasks));
        } finally {
            pool.shutdownNow();
        }
    }
}
