package org.gsmile.experiments.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.gsmile.core.Futures;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.explain.OutputProbe;
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
        String output = probe.prepare(prompt);
        TokenScores original = Futures.join(probe.observe(List.of(prompt))).get(0);
        String[] byCoalition = new String[1 << n];
        java.util.Set<String> unique = new java.util.LinkedHashSet<>();
        Map<String, Double> delta = new HashMap<>();
        for (int set = 0; set < byCoalition.length; set++) {
            byCoalition[set] = operator.apply(prompt, units, mask(set, n));
            unique.add(byCoalition[set]);
        }
        List<String> distinct = new ArrayList<>(unique);
        for (int from = 0; from < distinct.size(); from += batch) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + batch));
            List<TokenScores> scores = Futures.join(probe.observe(chunk));
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

    static Mask mask(int set, int n) {
        boolean[] k = new boolean[n];
        for (int i = 0; i < n; i++) {
            k[i] = ((set >> i) & 1) == 1;
        }
        return Mask.of(k);
    }

    /** A probe answering from the table; its observation of a prompt is that prompt's Δ. */
    OutputProbe<Double> probe() {
        return new OutputProbe<>() {
            @Override
            public String prepare(String p) {
                return output;
            }

            @Override
            public CompletableFuture<List<Double>> observe(List<String> prompts) {
                List<Double> out = new ArrayList<>(prompts.size());
                for (String p : prompts) {
                    Double d = delta.get(p);
                    if (d == null) {
                        throw new IllegalStateException("no observation of \"" + p + "\"");
                    }
                    out.add(d);
                }
                return CompletableFuture.completedFuture(out);
            }
        };
    }

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
