package org.gsmile.core.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.core.adaptive.Bootstrap;
import org.gsmile.core.adaptive.BootstrapResult;
import org.gsmile.core.adaptive.Budget;
import org.gsmile.core.adaptive.SamplingReport;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.model.CallMeter;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.reference.SampleWeighting;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.SignConvention;
import org.gsmile.core.surrogate.SurrogateFit;
import org.gsmile.core.unit.Unit;
import org.gsmile.core.unit.UnitSplitter;

/**
 * The gSMILE pipeline: split the prompt into units, draw masks, build perturbed prompts, observe the
 * model once per distinct prompt, measure each output shift, weight each sample and fit the linear
 * surrogate whose coefficients are the attributions.
 *
 * <p>A probe reports a prompt it could not observe (a remote call that still failed after its
 * retries) as a null observation. The samples of such prompts are left out of the fit and out of
 * {@link Explanation#samples()}, and counted in {@link CallStats#failed()}; the explanation fails
 * only when too few samples remain to fit, or when the original prompt itself was not observed.
 *
 * <p>Samples are drawn once, up front, for the whole {@link Budget}; a budget that works in rounds
 * fits on growing prefixes of them, observing only the prompts a round adds, so the same seed
 * gives the same masks in the same order wherever it stops. A {@link SampleWeighting} may add
 * anchors (the Shapley kernel's empty and full coalition), observed before the samples and counted
 * in the budget like them: a budget of J always requests J perturbed prompts besides the original.
 *
 * <p>Everything that belongs to one prompt lives in one call of {@link #explain}, so the explainer
 * serves several prompts at once.
 */
public final class SurrogateExplainer implements PromptExplainer {
    private final ExplanationSpec spec;
    private final ExplainerParts parts;

    /** @param spec recorded in the provenance of every explanation; {@code parts} must be built from it */
    public SurrogateExplainer(ExplanationSpec spec, ExplainerParts parts) {
        this.spec = spec;
        this.parts = parts;
    }

    @Override
    public Explanation explain(ExplanationRequest request, BlackBoxModel model) {
        return finish(explainInDistanceConvention(request, model));
    }

    /**
     * The explanation as fitted: scores in the distance convention and only the warnings the run
     * itself found. For explainers that compute their own scores from the same observations.
     */
    public Explanation explainInDistanceConvention(ExplanationRequest request, BlackBoxModel model) {
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
            throw new UserInputException("{prompt} has no " + splitter.name() + " to attribute to: give a prompt with text");
        }
        ExplanationSpec ran = parts.specFor(spec, metered);
        return run(ran, parts.observation(metered), prompt, request.seed(), model.info(), model.settings(), meter,
                start);
    }

    private <O> Explanation run(ExplanationSpec ran, Observation<O> observation, UnitSplitter.Segmented segmented,
                                long seed, ModelInfo info, Map<String, Object> modelSettings, CallMeter meter,
                                long start) {
        OutputDistance<O> distance = observation.distance();
        String prompt = segmented.text();
        List<Unit> units = segmented.units();
        int n = units.size();
        Design design = parts.design(n, Seeds.of(seed, "surrogate"));
        Budget budget = design.budget();
        PerturbationOperator.Perturbation perturb = parts.operator().bind(prompt, units, Seeds.of(seed, "operator"));
        SampleWeighting weighting = design.weighting().bind(prompt, perturb::apply);
        SplittableRandom bootstrapRandom = Seeds.random(seed, "bootstrap");
        int first = budget.firstRound(n);
        List<Mask> anchors = weighting.anchors(n);
        int a = anchors.size();
        List<Mask> drawn = design.sampler().sample(n, Math.max(0, budget.maxSamples() - a),
                Seeds.random(seed, "sampler"));

        long modelNanos = 0;
        long t0 = System.nanoTime();
        OutputProbe.Prepared<O> probe = observation.probe().prepare(prompt);
        modelNanos += System.nanoTime() - t0;

        // requested: the original prompt, the anchors, then the samples as rounds add them.
        // slot: each distinct prompt's place in observed, so distinct prompts reach the model once.
        List<Mask> rowMasks = new ArrayList<>(anchors);
        List<String> requested = new ArrayList<>();
        requested.add(prompt);
        for (Mask m : anchors) {
            requested.add(perturb.apply(m));
        }
        Map<String, Integer> slot = new LinkedHashMap<>();
        List<O> observed = new ArrayList<>();
        List<Double> deltaBySlot = new ArrayList<>();
        // used counts drawn samples; the budget counts them with the anchors.
        int used = Math.min(Math.max(0, first - a), drawn.size());
        int rounds = 0;
        int failed = 0;
        BootstrapResult boot;
        List<Budget.RoundFit> fits = new ArrayList<>();
        Budget.Decision decision;
        SurrogateFit fit;
        List<Sample> sampleList;
        while (true) {
            rounds++;
            addSamples(drawn, rowMasks.size() - anchors.size(), used, perturb, rowMasks, requested);
            List<String> fresh = newPrompts(requested, slot);
            if (!fresh.isEmpty()) {
                t0 = System.nanoTime();
                long probeBefore = probe.afterModelNanos();
                List<O> got = Futures.join(probe.observe(fresh));
                modelNanos += System.nanoTime() - t0 - (probe.afterModelNanos() - probeBefore);
                if (got.size() != fresh.size()) {
                    throw new IllegalStateException("probe returned " + got.size() + " observations for " + fresh.size() + " prompts");
                }
                observed.addAll(got);
                O original = observed.get(0);
                if (original == null) {
                    throw new UserInputException("the model's output for the original prompt could not be observed,"
                            + " even after retries: check that the model is reachable and run again");
                }
                failed += addDistances(got, distance.from(original), deltaBySlot);
            }
            Rows rows = rows(rowMasks, anchors.size(), requested, slot, observed, deltaBySlot, probe, weighting);
            if (rows.samplesKept() < Math.min(2, used)) {
                throw new UserInputException("too few samples remain to fit: " + rows.samplesKept() + " of " + used
                        + " perturbed prompts could be observed (" + failed + " distinct prompts failed after retries);"
                        + " check the model or server and run again");
            }
            List<Mask> fitMasks = rows.masks();
            double[] delta = rows.delta();
            sampleList = rows.samples();
            fit = design.surrogate().fit(rows.z(), delta, rows.weights());
            boot = budget.bootstrapReps() > 0
                    ? Bootstrap.run(fitMasks, delta, weighting, design.surrogate(), fit.coefficients(),
                            budget.bootstrapReps(), budget.level(), budget.topK(), bootstrapRandom)
                    : null;
            fits.add(new Budget.RoundFit(used + a, fit.coefficients()));
            decision = budget.next(new Budget.Round(n, used + a, drawn.size() + a, boot, fits));
            if (decision.stops()) {
                break;
            }
            used = Math.min(drawn.size(), Math.max(used + 1, decision.nextSamples() - a));
        }
        SamplingReport sampling = boot == null
                ? SamplingReport.fixedWithoutBootstrap(used + a, n, decision.stop())
                : new SamplingReport(budget.name(), used + a, rounds, decision.stop(), Math.min(budget.topK(), n),
                        boot.topKStability(), budget.level(), boot.lower(), boot.upper(), List.of());
        sampling = sampling.withUnreplacedUnits(perturb.unreplacedUnits());
        CallStats calls = new CallStats(requested.size(), slot.size(), requested.size() - slot.size(),
                probe.preparationCalls(), failed, meter.retries(), meter.diskCacheHits() + probe.storeHits());
        Timings timings = Timings.ofNanos(modelNanos, System.nanoTime() - start);
        Provenance provenance = new Provenance(ran, seed, info.id(), info.sha256(), modelSettings, Version.current());
        List<Warning> warnings = new ArrayList<>();
        if (spec.distance() == DistanceKind.AUTO && ran.distance().comparesText()
                && ran.distance() != DistanceKind.TOKEN_WASSERSTEIN) {
            warnings.add(new Warning(Warning.Code.DISTANCE_CHOSEN, info.id() + " gives no token probabilities, so the"
                    + " text distance " + ran.distance().label() + " ran: the outputs are compared as text",
                    "set {logprobs} if the server returns log-probabilities, or choose a {distance}"));
        }
        Map<String, String> failures = probe.failures();
        for (int r = 0; r < anchors.size(); r++) {
            String p = requested.get(r + 1);
            if (observed.get(slot.get(p)) == null) {
                warnings.add(new Warning(Warning.Code.ANCHOR_REJECTED, "the model gave no real completion for the "
                        + (anchors.get(r).keptCount() == 0 ? "empty prompt" : "anchor " + anchors.get(r))
                        + " (" + failures.getOrDefault(p, "the call failed") + "), so the intercept was fitted"
                        + " freely instead of held at it, and the scores no longer add up exactly",
                        "nothing, if the fit is good; or use a model that completes an empty prompt"));
            }
        }
        return new Explanation(probe.baseline().withPrompt(prompt),
                new Attribution(units, fit.coefficients(), fit.intercept()),
                new Fit(fit.fidelity(), fit.ridge()), sampleList, sampling, new Cost(calls, timings), provenance,
                warnings);
    }

    /*
     * The loops of a round live in the methods below, not in run. With them in it, C2 compiled run, with
     * all it calls inlined, three or four times a run at a second or more each (JFR's compilation events
     * on compare-architectures.yaml). Without loops of its own, run (once per explanation, a few rounds)
     * stays in C1's code, and each method below is compiled alone, and small.
     */

    /** The drawn masks [from, to) as rows, and their prompts after the original's and the anchors'. */
    private static void addSamples(List<Mask> drawn, int from, int to, PerturbationOperator.Perturbation perturb,
                                   List<Mask> rowMasks, List<String> requested) {
        for (int j = from; j < to; j++) {
            rowMasks.add(drawn.get(j));
            requested.add(perturb.apply(drawn.get(j)));
        }
    }

    /** The requested prompts not seen before, each given the next slot, in the order requested. */
    private static List<String> newPrompts(List<String> requested, Map<String, Integer> slot) {
        List<String> fresh = new ArrayList<>();
        for (String p : requested) {
            if (!slot.containsKey(p)) {
                slot.put(p, slot.size());
                fresh.add(p);
            }
        }
        return fresh;
    }

    /** Appends each observation's distance from the original (NaN for a failed call); returns the failures. */
    private static <O> int addDistances(List<O> got, ToDoubleFunction<O> fromOriginal, List<Double> deltaBySlot) {
        double[] freshDelta = new double[got.size()];
        IntStream.range(0, got.size()).parallel().forEach(k -> freshDelta[k] = got.get(k) == null
                ? Double.NaN : fromOriginal.applyAsDouble(got.get(k)));
        int failed = 0;
        for (int k = 0; k < got.size(); k++) {
            deltaBySlot.add(freshDelta[k]);
            if (got.get(k) == null) {
                failed++;
            }
        }
        return failed;
    }

    /** The rows a round fits, with their samples for the explanation; see {@link #rows}. */
    private record Rows(List<Mask> masks, double[][] z, double[] delta, double[] weights, List<Sample> samples,
                        int samplesKept) {
    }

    /**
     * Rows in order (anchors, then samples in drawing order), without those whose prompt could not be
     * observed, weighted.
     */
    private static <O> Rows rows(List<Mask> rowMasks, int anchors, List<String> requested, Map<String, Integer> slot,
                                 List<O> observed, List<Double> deltaBySlot, OutputProbe.Prepared<O> probe,
                                 SampleWeighting weighting) {
        List<Mask> fitMasks = new ArrayList<>();
        List<Double> fitDelta = new ArrayList<>();
        List<String> fitPrompts = new ArrayList<>();
        List<String> fitOutputs = new ArrayList<>();
        int samplesKept = 0;
        for (int r = 0; r < rowMasks.size(); r++) {
            String p = requested.get(r + 1);
            O o = observed.get(slot.get(p));
            if (o != null) {
                fitMasks.add(rowMasks.get(r));
                fitDelta.add(deltaBySlot.get(slot.get(p)));
                fitPrompts.add(p);
                fitOutputs.add(probe.describe(o));
                samplesKept += r >= anchors ? 1 : 0;
            }
        }
        int rows = fitMasks.size();
        double[][] z = new double[rows][];
        double[] delta = new double[rows];
        double[] w = weighting.weights(fitMasks);
        List<Sample> samples = new ArrayList<>(rows);
        for (int k = 0; k < rows; k++) {
            Mask m = fitMasks.get(k);
            z[k] = m.asFeatures();
            delta[k] = fitDelta.get(k);
            samples.add(new Sample(m, fitPrompts.get(k), m.droppedFraction(), w[k], delta[k], fitOutputs.get(k)));
        }
        return new Rows(fitMasks, z, delta, w, samples, samplesKept);
    }

    /** The spec's sign convention applied, then the warnings of {@link Reliability} after the run's own. */
    public static Explanation finish(Explanation e) {
        if (e.provenance().spec().sign() == SignConvention.IMPORTANCE) {
            double[] scores = e.attribution().scores();
            double[] lower = e.sampling().upper();
            double[] upper = e.sampling().lower();
            for (int i = 0; i < scores.length; i++) {
                scores[i] = -scores[i];
                lower[i] = -lower[i];
                upper[i] = -upper[i];
            }
            SamplingReport s = e.sampling();
            e = e.withAttribution(new Attribution(e.units(), scores, -e.attribution().intercept()))
                    .withSampling(new SamplingReport(s.budget(), s.samples(), s.rounds(), s.stopReason(), s.topK(),
                            s.topKStability(), s.level(), lower, upper, s.unreplacedUnits(), s.hierarchy()));
        }
        List<Warning> all = new ArrayList<>(e.warnings());
        all.addAll(Reliability.assess(e));
        return e.withWarnings(all);
    }
}
