package org.gsmile.core.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.kernel.Kernel;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.MaskSampler;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.surrogate.Surrogate;
import org.gsmile.core.surrogate.SurrogateFit;
import org.gsmile.core.unit.Unit;
import org.gsmile.core.unit.UnitSplitter;

/**
 * The gSMILE pipeline: split the prompt into units, draw masks, build perturbed prompts, observe the
 * model once per distinct prompt, measure each output shift, weight each sample by its input
 * distance and fit the linear surrogate whose coefficients are the attributions.
 */
public final class Explainer {
    private final UnitSplitter splitter;
    private final MaskSampler sampler;
    private final PerturbationOperator operator;
    private final Kernel kernel;
    private final Surrogate surrogate;
    private final int samples;

    public Explainer(UnitSplitter splitter, MaskSampler sampler, PerturbationOperator operator, Kernel kernel,
                     Surrogate surrogate, int samples) {
        if (samples < 1) {
            throw new UserInputException("samples must be at least 1, got " + samples + ": pass --samples 64 or more");
        }
        this.splitter = splitter;
        this.sampler = sampler;
        this.operator = operator;
        this.kernel = kernel;
        this.surrogate = surrogate;
        this.samples = samples;
    }

    /**
     * @param config the user-facing configuration, recorded in the provenance as given
     */
    public <O> Explanation explain(String prompt, OutputProbe<O> probe, OutputDistance<O> distance, long seed,
                                   String modelId, String modelSha256, Map<String, Object> config) {
        long start = System.nanoTime();
        if (prompt == null || prompt.isBlank()) {
            throw new UserInputException("prompt is empty: give the text to explain, e.g. gsmile explain \"Once upon a time\"");
        }
        List<Unit> units = splitter.split(prompt);
        if (units.isEmpty()) {
            throw new UserInputException("prompt has no " + splitter.name() + " to attribute to: give a prompt with text");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Mask> masks = sampler.sample(units.size(), samples, random);

        long modelNanos = 0;
        long t0 = System.nanoTime();
        String output = probe.prepare(prompt);
        modelNanos += System.nanoTime() - t0;

        // The original prompt is observation 0; distinct prompts reach the model once.
        List<String> requested = new ArrayList<>(masks.size() + 1);
        requested.add(prompt);
        for (Mask m : masks) {
            requested.add(operator.apply(prompt, units, m));
        }
        Map<String, Integer> slot = new LinkedHashMap<>();
        for (String p : requested) {
            slot.putIfAbsent(p, slot.size());
        }
        List<String> unique = new ArrayList<>(slot.keySet());
        t0 = System.nanoTime();
        List<O> observed = Futures.join(probe.observe(unique));
        modelNanos += System.nanoTime() - t0;
        if (observed.size() != unique.size()) {
            throw new IllegalStateException("probe returned " + observed.size() + " observations for " + unique.size() + " prompts");
        }

        O original = observed.get(0);
        int n = masks.size();
        double[] delta = new double[n];
        IntStream.range(0, n).parallel().forEach(j ->
                delta[j] = distance.distance(original, observed.get(slot.get(requested.get(j + 1)))));
        double[][] z = new double[n][];
        double[] w = new double[n];
        List<Sample> sampleList = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            Mask m = masks.get(j);
            z[j] = m.asFeatures();
            w[j] = kernel.weight(m.droppedFraction());
            sampleList.add(new Sample(m, requested.get(j + 1), m.droppedFraction(), w[j], delta[j]));
        }
        SurrogateFit fit = surrogate.fit(z, delta, w);

        CallStats calls = new CallStats(requested.size(), unique.size(), requested.size() - unique.size(),
                probe.preparationCalls());
        Timings timings = new Timings(modelNanos / 1e6, (System.nanoTime() - start) / 1e6);
        Provenance provenance = new Provenance(config, seed, modelId, modelSha256, Version.current());
        return new Explanation(prompt, output, units, fit.coefficients(), fit.intercept(), fit.fidelity(),
                fit.ridge(), sampleList, calls, timings, provenance);
    }
}
