package org.gsmile.core.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.core.adaptive.Hierarchy;
import org.gsmile.core.adaptive.SamplingReport;
import org.gsmile.core.adaptive.StopReason;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.model.CallMeter;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.reference.SampleWeighting;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.surrogate.SurrogateFit;
import org.gsmile.core.unit.Unit;
import org.gsmile.core.unit.UnitSplitter;

/**
 * Words of a long prompt explained in two levels, in the spirit of SHAP's Partition explainer and
 * of MExGen's multi-level units: the groups of words (phrases or sentences) first, then the words
 * inside the groups that matter most.
 *
 * <ol>
 *   <li>The group level: the spec's design on the groups as units (a group is kept or removed with
 *       all its words, so its prompts are the word-level prompts of grouped masks), with
 *       max(2m + 2, J/4) of the J samples for m groups, or every group coalition when that is fewer.
 *       Its fit gives each group's score φ_G (its estimated Shapley value in the game of groups).</li>
 *   <li>The word level: the groups of two or more words in order of |φ_G|; each gets a share of the
 *       remaining samples in proportion to |φ_G| while samples remain (a group too large for what
 *       remains is passed over for the next). Its words get their Owen values (Owen 1977, the value
 *       SHAP's Partition explainer estimates) by antithetic permutation chains: a coalition R of the
 *       other groups, its size uniform in 0..m−1 (the group level's Shapley weights), then the group's
 *       words added one by one in a random order, and in the reverse order in the chain paired with
 *       it; ψ_w is w's mean marginal contribution. A chain costs k + 1 prompts, of which R and R ∪ G
 *       are coalitions of groups, so k − 1 new ones at most.</li>
 *   <li>The scores: a word of a refined group scores ψ_w + (φ_G − Σ_{v∈G} ψ_v)/k, so the words add up
 *       to their group's score (and all scores to −Δ(∅), efficiency, as the flat explanation's do); a
 *       word of a group not refined scores φ_G / k, tied with the other words of its group.</li>
 * </ol>
 *
 * Every distinct prompt reaches the model once across both levels; the explanation's calls count
 * them all. The budget J counts the group level's samples (its two anchors included) and k − 1 per
 * chain, so J + 1 bounds the distinct calls as it does for a flat explanation. The explanation's
 * samples are those of both levels as word masks (the chains' with weight 1); its fit is the group
 * level's; {@link SamplingReport#hierarchy()} says what was done.
 *
 * <p>Measured by {@code ./benchmark long-prompts} against word-level estimation at the same calls
 * (README, "Adaptive budget and long prompts"): on stories260K it ranks all the words of 20–80-word
 * prompts less well than the word-level default does, so it is an option, not the default.
 */
public final class HierarchicalExplainer implements PromptExplainer {
    /** The group level's share of the samples, beyond the 2m + 2 it always gets. */
    static final int GROUP_SHARE = 4;

    private final ExplanationSpec spec;
    private final ExplainerParts parts;
    private final UnitSplitter groups;

    /**
     * @param groups splits the prompt's text into the groups (phrases or sentences) explained first;
     *               the words come from {@code parts}' splitter
     */
    public HierarchicalExplainer(ExplanationSpec spec, ExplainerParts parts, UnitSplitter groups) {
        this.spec = spec;
        this.parts = parts;
        this.groups = groups;
    }

    @Override
    public Explanation explain(ExplanationRequest request, BlackBoxModel model) {
        long start = System.nanoTime();
        CallMeter meter = new CallMeter();
        BlackBoxModel metered = model.metered(meter);
        UnitSplitter splitter = parts.splitter(metered);
        UnitSplitter.Segmented prompt = splitter.segment(request.prompt());
        if (prompt.text().isBlank()) {
            throw new UserInputException("the unit markers leave no text to send to the model: write the prompt"
                    + " around the [[units]]");
        }
        if (prompt.units().isEmpty()) {
            throw new UserInputException("{prompt} has no words to attribute to: give a prompt with text");
        }
        ExplanationSpec ran = parts.specFor(spec, metered);
        return SurrogateExplainer.finish(run(ran, parts.observation(metered), prompt, request.seed(), model.info(),
                model.settings(), meter, start));
    }

    /** The observations of one explanation: every distinct prompt once, in the order first asked. */
    private static final class Observed<O> {
        final OutputProbe.Prepared<O> probe;
        final OutputDistance<O> distance;
        final Map<String, Double> delta = new LinkedHashMap<>();
        int requested;
        int failed;
        long modelNanos;

        Observed(OutputProbe.Prepared<O> probe, OutputDistance<O> distance, String prompt) {
            this.probe = probe;
            this.distance = distance;
            observe(List.of(prompt));
        }

        /** Δ of each prompt (NaN where it could not be observed), asking the model only for the new ones. */
        double[] observe(List<String> prompts) {
            requested += prompts.size();
            List<String> fresh = prompts.stream().distinct().filter(p -> !delta.containsKey(p)).toList();
            if (!fresh.isEmpty()) {
                long t0 = System.nanoTime();
                long probeBefore = probe.afterModelNanos();
                List<O> got = Futures.join(probe.observe(fresh));
                modelNanos += System.nanoTime() - t0 - (probe.afterModelNanos() - probeBefore);
                if (original == null) {
                    original = got.get(0);
                    if (original == null) {
                        throw new UserInputException("the model's output for the original prompt could not be observed,"
                                + " even after retries: check that the model is reachable and run again");
                    }
                }
                for (int k = 0; k < fresh.size(); k++) {
                    O o = got.get(k);
                    failed += o == null ? 1 : 0;
                    delta.put(fresh.get(k), o == null ? Double.NaN : distance.distance(original, o));
                }
            }
            return prompts.stream().mapToDouble(delta::get).toArray();
        }

        O original;
    }

    /** One level's fit: masks over its units with their Δ and weights, fitted by the design's surrogate. */
    private record Level(List<Mask> masks, double[] delta, double[] weights, SurrogateFit fit) {
    }

    private <O> Explanation run(ExplanationSpec ran, Observation<O> observation, UnitSplitter.Segmented segmented,
                                long seed, ModelInfo info, Map<String, Object> modelSettings, CallMeter meter,
                                long start) {
        String prompt = segmented.text();
        List<Unit> words = segmented.units();
        int n = words.size();
        int[] groupOf = groupOf(prompt, words);
        int m = Arrays.stream(groupOf).max().orElse(0) + 1;
        List<List<Integer>> members = new ArrayList<>();
        for (int g = 0; g < m; g++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            members.get(groupOf[i]).add(i);
        }
        PerturbationOperator.Perturbation perturb = parts.operator().bind(prompt, words, Seeds.of(seed, "operator"));
        long t0 = System.nanoTime();
        OutputProbe.Prepared<O> prepared = observation.probe().prepare(prompt);
        Observed<O> seen = new Observed<>(prepared, observation.distance(), prompt);
        seen.modelNanos += System.nanoTime() - t0;
        int budget = ran.budget().samplesFor(n);
        List<Sample> samples = new ArrayList<>();

        // Level 1: the groups.
        double groupCoalitions = Math.pow(2, m);
        int groupBudget = (int) Math.min(groupCoalitions, Math.max(2L * m + 2, budget / GROUP_SHARE));
        Level top = level(m, groupBudget, Seeds.random(seed, "sampler"), seed, mask -> expand(mask, members, n), perturb,
                seen, samples);
        double[] phi = top.fit().coefficients();

        // Level 2: the words of the groups that matter most.
        double[] scores = new double[n];
        List<Hierarchy.Refined> refined = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int g = 0; g < m; g++) {
            if (members.get(g).size() > 1) {
                order.add(g);
            }
        }
        order.sort(Comparator.comparingDouble((Integer g) -> -Math.abs(phi[g])).thenComparingInt(g -> g));
        int remaining = budget - groupBudget;
        double weight = order.stream().mapToDouble(g -> Math.abs(phi[g])).sum();
        boolean[] done = new boolean[m];
        int spent = 0;
        for (int g : order) {
            int k = members.get(g).size();
            int share = weight > 0 ? (int) Math.round((budget - groupBudget) * Math.abs(phi[g]) / weight) : 0;
            // Chains of k + 1 prompts, of which the first and the last are coalitions of groups: k − 1 new ones each,
            // in antithetic pairs.
            int chains = 2 * Math.max(1, share / (2 * (k - 1)));
            int drawn = chains * (k - 1);
            if (drawn > remaining) {
                chains = 2 * (remaining / (2 * (k - 1)));
                drawn = chains * (k - 1);
                if (chains == 0) {
                    continue;
                }
            }
            List<Integer> inside = members.get(g);
            double[] psi = owen(g, inside, members, chains, Seeds.random(seed, "sampler-group-" + g), perturb, seen,
                    samples, n);
            double shift = (phi[g] - Arrays.stream(psi).sum()) / k;
            for (int j = 0; j < k; j++) {
                scores[inside.get(j)] = psi[j] + shift;
            }
            done[g] = true;
            remaining -= drawn;
            spent += drawn;
            refined.add(new Hierarchy.Refined(g, groupText(prompt, words, inside), k, drawn));
        }
        for (int g = 0; g < m; g++) {
            if (!done[g]) {
                for (int i : members.get(g)) {
                    scores[i] = phi[g] / members.get(g).size();
                }
            }
        }
        Hierarchy hierarchy = new Hierarchy(ran.units().groups().label(), m, groupBudget, refined);
        SamplingReport sampling = SamplingReport.fixedWithoutBootstrap(groupBudget + spent, n,
                StopReason.BUDGET).withUnreplacedUnits(perturb.unreplacedUnits()).withHierarchy(hierarchy);
        CallStats calls = new CallStats(seen.requested, seen.delta.size(), seen.requested - seen.delta.size(),
                prepared.preparationCalls(), seen.failed, meter.retries(), meter.diskCacheHits());
        Timings timings = Timings.ofNanos(seen.modelNanos, System.nanoTime() - start);
        Provenance provenance = new Provenance(ran, seed, info.id(), info.sha256(), modelSettings, Version.current());
        return new Explanation(prepared.baseline().withPrompt(prompt),
                new Attribution(words, scores, top.fit().intercept()), new Fit(top.fit().fidelity(), top.fit().ridge()),
                samples, sampling, new Cost(calls, timings), provenance, List.of());
    }

    /**
     * One level: the design's masks over {@code units} units (its anchors and {@code total − anchors}
     * drawn), observed as the word masks {@code toWords} makes of them, fitted by the design's surrogate.
     */
    private <O> Level level(int units, int total, SplittableRandom random, long seed,
                            java.util.function.Function<Mask, Mask> toWords, PerturbationOperator.Perturbation perturb,
                            Observed<O> seen, List<Sample> samples) {
        Design design = parts.design(units, Seeds.of(seed, "surrogate"));
        SampleWeighting weighting = design.weighting();
        List<Mask> masks = new ArrayList<>(weighting.anchors(units));
        masks.addAll(design.sampler().sample(units, Math.max(0, total - masks.size()), random));
        List<String> prompts = new ArrayList<>();
        List<Mask> wordMasks = new ArrayList<>();
        for (Mask mask : masks) {
            Mask w = toWords.apply(mask);
            wordMasks.add(w);
            prompts.add(perturb.apply(w));
        }
        double[] delta = seen.observe(prompts);
        List<Mask> kept = new ArrayList<>();
        List<Double> keptDelta = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < masks.size(); r++) {
            if (!Double.isNaN(delta[r])) {
                kept.add(masks.get(r));
                keptDelta.add(delta[r]);
                rows.add(r);
            }
        }
        if (kept.size() < Math.min(2, masks.size())) {
            throw new UserInputException("too few samples remain to fit: " + kept.size() + " of " + masks.size()
                    + " perturbed prompts could be observed; check the model or server and run again");
        }
        double[] w = weighting.weights(kept);
        double[][] z = new double[kept.size()][];
        double[] y = new double[kept.size()];
        for (int r = 0; r < kept.size(); r++) {
            z[r] = kept.get(r).asFeatures();
            y[r] = keptDelta.get(r);
            int row = rows.get(r);
            Mask wm = wordMasks.get(row);
            samples.add(new Sample(wm, prompts.get(row), wm.droppedFraction(), w[r], y[r]));
        }
        return new Level(kept, y, w, design.surrogate().fit(z, y, w));
    }

    /**
     * The Owen values of a group's words (Owen 1977; the value SHAP's Partition explainer estimates),
     * by antithetic permutation chains: a coalition R of the other groups of a size drawn uniformly
     * from 0 to m − 1 (the Shapley weights of the group level), then the group's words added one by
     * one in a random order (and, in the chain paired with it, in the reverse order); a word's estimate
     * is its mean marginal contribution v(R ∪ T ∪ {w}) − v(R ∪ T) over the chains.
     */
    private <O> double[] owen(int group, List<Integer> inside, List<List<Integer>> members, int chains,
                              SplittableRandom random, PerturbationOperator.Perturbation perturb, Observed<O> seen,
                              List<Sample> samples, int n) {
        int k = inside.size();
        int m = members.size();
        double[] sum = new double[k];
        int[] order = new int[k];
        boolean[] lastBase = new boolean[n];
        for (int c = 0; c < chains; c++) {
            boolean[] base = new boolean[n];
            if (c % 2 == 0) {
                List<Integer> others = new ArrayList<>();
                for (int h = 0; h < m; h++) {
                    if (h != group) {
                        others.add(h);
                    }
                }
                int r = random.nextInt(m);
                for (int t = others.size() - 1; t > 0; t--) {
                    int j = random.nextInt(t + 1);
                    Integer x = others.get(t);
                    others.set(t, others.get(j));
                    others.set(j, x);
                }
                for (int h : others.subList(0, r)) {
                    for (int i : members.get(h)) {
                        base[i] = true;
                    }
                }
                for (int j = 0; j < k; j++) {
                    order[j] = j;
                }
                for (int t = k - 1; t > 0; t--) {
                    int j = random.nextInt(t + 1);
                    int x = order[t];
                    order[t] = order[j];
                    order[j] = x;
                }
                lastBase = base;
            } else {
                base = lastBase;
                for (int j = 0; j < k / 2; j++) {
                    int x = order[j];
                    order[j] = order[k - 1 - j];
                    order[k - 1 - j] = x;
                }
            }
            List<String> prompts = new ArrayList<>(k + 1);
            List<Mask> masks = new ArrayList<>(k + 1);
            boolean[] kept = base.clone();
            masks.add(Mask.of(kept));
            for (int j = 0; j < k; j++) {
                kept[inside.get(order[j])] = true;
                masks.add(Mask.of(kept));
            }
            for (Mask mask : masks) {
                prompts.add(perturb.apply(mask));
            }
            double[] delta = seen.observe(prompts);
            for (int j = 0; j < k; j++) {
                double d = delta[j + 1] - delta[j];
                sum[order[j]] += Double.isNaN(d) ? 0 : d;
            }
            for (int j = 0; j < masks.size(); j++) {
                if (!Double.isNaN(delta[j])) {
                    samples.add(new Sample(masks.get(j), prompts.get(j), masks.get(j).droppedFraction(), 1.0, delta[j]));
                }
            }
        }
        double[] psi = new double[k];
        for (int j = 0; j < k; j++) {
            psi[j] = sum[j] / chains;
        }
        return psi;
    }

    /** Each word's group: the group (of the group splitter) its first character falls in. */
    private int[] groupOf(String text, List<Unit> words) {
        List<Unit> spans = groups.split(text);
        int[] g = new int[words.size()];
        int next = 0;
        int last = -1;
        for (int i = 0; i < words.size(); i++) {
            int at = words.get(i).start();
            while (next < spans.size() && spans.get(next).end() <= at) {
                next++;
            }
            int found = next < spans.size() && spans.get(next).start() <= at ? next : -1;
            // A word outside every span (only whitespace or markup around it) joins the group before it.
            g[i] = found >= 0 ? found : Math.max(0, last);
            last = g[i];
        }
        // Number the groups that have words 0, 1, … in order.
        int[] renumber = new int[spans.size() + 1];
        Arrays.fill(renumber, -1);
        int count = 0;
        for (int i = 0; i < g.length; i++) {
            if (renumber[g[i]] < 0) {
                renumber[g[i]] = count++;
            }
            g[i] = renumber[g[i]];
        }
        return g;
    }

    /** The word mask keeping the words of the kept groups. */
    private static Mask expand(Mask groupMask, List<List<Integer>> members, int n) {
        boolean[] kept = new boolean[n];
        for (int g = 0; g < members.size(); g++) {
            if (groupMask.isKept(g)) {
                for (int i : members.get(g)) {
                    kept[i] = true;
                }
            }
        }
        return Mask.of(kept);
    }

    private static String groupText(String text, List<Unit> words, List<Integer> inside) {
        return text.substring(words.get(inside.get(0)).start(), words.get(inside.get(inside.size() - 1)).end());
    }
}
