package org.gsmile.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.gsmile.core.Futures;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.adaptive.Budget;
import org.gsmile.core.explain.Baseline;
import org.gsmile.core.explain.Design;
import org.gsmile.core.explain.ExplainerParts;
import org.gsmile.core.explain.Observation;
import org.gsmile.core.explain.OutputProbe;
import org.gsmile.core.explain.PromptExplainer;
import org.gsmile.core.explain.SurrogateExplainer;
import org.gsmile.core.mask.MaskSampler;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.reference.ConstrainedLeastSquares;
import org.gsmile.core.reference.SampleWeighting;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.surrogate.Surrogate;
import org.gsmile.core.unit.UnitSplitter;
import org.gsmile.perturbation.DropOperator;
import org.gsmile.perturbation.WordSplitter;
import org.gsmile.core.mask.Coalitions;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.model.TokenScores;
import org.gsmile.core.reference.ShapleyValues;
import org.gsmile.core.unit.Unit;

/**
 * One prompt's output distance on every coalition of its units, observed once from the model. A
 * perturbed prompt's Δ is deterministic (teacher forcing on a fixed y₀), so every sampler's runs can
 * be answered from this table; a run's distinct calls are the distinct prompts it asked for.
 *
 * @param prompt  the explained prompt
 * @param output  y₀
 * @param units   its units
 * @param delta   Δ of every distinct perturbed prompt (the prompt itself included, Δ = 0)
 * @param values  v(S) = Δ(prompt keeping S), indexed by the bit set of S
 * @param shapley exact Shapley values of v
 * @param loo     leave-one-out values of v
 */
record ObservedGame(String prompt, String output, List<Unit> units, Map<String, Double> delta, double[] values,
                    double[] shapley, double[] loo) {

    static ObservedGame observe(String prompt, List<Unit> units, PerturbationOperator operator,
                                OutputProbe<TokenScores> probe, OutputDistance<TokenScores> distance, int batch) {
        int n = units.size();
        OutputProbe.Prepared<TokenScores> prepared = probe.prepare(prompt);
        String output = prepared.baseline().output();
        TokenScores original = Futures.join(prepared.observe(List.of(prompt))).get(0);
        PerturbationOperator.Perturbation perturb = operator.bind(prompt, units, 0);
        String[] byCoalition = new String[1 << n];
        java.util.Set<String> unique = new java.util.LinkedHashSet<>();
        Map<String, Double> delta = new HashMap<>();
        for (int set = 0; set < byCoalition.length; set++) {
            byCoalition[set] = perturb.apply(mask(set, n));
            unique.add(byCoalition[set]);
        }
        List<String> distinct = new ArrayList<>(unique);
        for (int from = 0; from < distinct.size(); from += batch) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + batch));
            List<TokenScores> scores = Futures.join(prepared.observe(chunk));
            for (int k = 0; k < chunk.size(); k++) {
                delta.put(chunk.get(k), distance.distance(original, scores.get(k)));
            }
        }
        delta.put(prompt, distance.distance(original, original));
        double[] v = new double[byCoalition.length];
        for (int set = 0; set < v.length; set++) {
            v[set] = delta.get(byCoalition[set]);
        }
        double[] without = new double[n];
        for (int i = 0; i < n; i++) {
            without[i] = v[((1 << n) - 1) & ~(1 << i)];
        }
        return new ObservedGame(prompt, output, List.copyOf(units), Map.copyOf(delta), v, ShapleyValues.exact(n, v),
                ShapleyValues.leaveOneOut(v[(1 << n) - 1], without));
    }

    /**
     * The game of an earlier observation: v on every coalition, indexed by its bit set. The table of
     * distinct prompts is rebuilt by applying the operator again (a prompt's Δ is that of any coalition
     * that makes it, since Δ depends only on the prompt).
     */
    static ObservedGame of(String prompt, String output, List<Unit> units, PerturbationOperator operator, double[] v) {
        int n = units.size();
        if (v.length != 1 << n) {
            throw new IllegalArgumentException(units.size() + " units need " + (1 << n) + " values, got " + v.length);
        }
        PerturbationOperator.Perturbation perturb = operator.bind(prompt, units, 0);
        Map<String, Double> delta = new HashMap<>();
        for (int set = 0; set < v.length; set++) {
            delta.put(perturb.apply(mask(set, n)), v[set]);
        }
        delta.put(prompt, 0.0);
        double[] without = new double[n];
        for (int i = 0; i < n; i++) {
            without[i] = v[((1 << n) - 1) & ~(1 << i)];
        }
        return new ObservedGame(prompt, output, List.copyOf(units), Map.copyOf(delta), v.clone(),
                ShapleyValues.exact(n, v), ShapleyValues.leaveOneOut(v[(1 << n) - 1], without));
    }

    static Mask mask(int set, int n) {
        return Coalitions.fromBits(set, n);
    }

    /** A probe answering from the table; its observation of a prompt is that prompt's Δ. */
    OutputProbe<Double> probe() {
        Baseline baseline = Baseline.ofText(prompt, output);
        return p -> new OutputProbe.Prepared<>() {
            @Override
            public Baseline baseline() {
                return baseline;
            }

            @Override
            public CompletableFuture<List<Double>> observe(List<String> prompts) {
                List<Double> out = new ArrayList<>(prompts.size());
                for (String q : prompts) {
                    Double d = delta.get(q);
                    if (d == null) {
                        throw new IllegalStateException("no observation of \"" + q + "\"");
                    }
                    out.add(d);
                }
                return CompletableFuture.completedFuture(out);
            }
        };
    }

    /** A configuration's explainer on this table: word units, drop operator, exact WLS, the given budget. */
    PromptExplainer explainer(MaskSampler sampler, SampleWeighting weighting, Budget budget) {
        return explainer(sampler, weighting, new ConstrainedLeastSquares(), budget);
    }

    /** A configuration's explainer on this table: word units, drop operator, the given fit and budget. */
    PromptExplainer explainer(MaskSampler sampler, SampleWeighting weighting, Surrogate surrogate, Budget budget) {
        Observation<Double> observation = new Observation<>(probe(), TABLE);
        return new SurrogateExplainer(ExplanationSpec.defaults(), new ExplainerParts() {
            @Override
            public UnitSplitter splitter(GenerativeModel model) {
                return new WordSplitter();
            }

            @Override
            public Observation<?> observation(GenerativeModel model) {
                return observation;
            }

            @Override
            public PerturbationOperator operator() {
                return new DropOperator();
            }

            @Override
            public Design design(int units, long surrogateSeed) {
                return new Design(sampler, weighting, surrogate, budget);
            }
        });
    }

    /** Stands in for the model the table was observed from: the explainer asks it for nothing but its name. */
    static final GenerativeModel MODEL = new GenerativeModel() {
        @Override
        public ModelInfo info() {
            return new ModelInfo("local:stories260K", "", Integer.MAX_VALUE);
        }

        @Override
        public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
            throw new UnsupportedOperationException("answered from the observed table");
        }
    };

    /** Δ read off the table: the probe's observations already are distances from the original. */
    static final OutputDistance<Double> TABLE = new OutputDistance<>() {
        @Override
        public String name() {
            return "logprob-shift";
        }

        @Override
        public double distance(Double original, Double perturbed) {
            return perturbed - original;
        }
    };
}
