package org.gsmile.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.gsmile.api.Explainers;
import org.gsmile.api.ObservationStore;
import org.gsmile.api.OutputShifts;
import org.gsmile.core.Futures;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.PromptExplainer;
import org.gsmile.core.explain.Seeds;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.Method;
import org.gsmile.metrics.accuracy.AttributionAccuracy;
import org.gsmile.metrics.accuracy.Relevance;
import org.gsmile.metrics.accuracy.ShapleyAgreement;
import org.gsmile.metrics.consistency.Consistency;
import org.gsmile.metrics.faithfulness.Faithfulness;
import org.gsmile.metrics.fidelity.InSampleFidelity;
import org.gsmile.metrics.fidelity.OutOfSampleFidelity;
import org.gsmile.metrics.stability.Stability;

/**
 * Computes the metrics an {@link EvaluationPlan} asks for, for one explanation, on the model it was
 * made on. Re-explanations (consistency, stability, the exact Shapley reference) use the
 * explanation's own spec as it ran; interventions (out-of-sample fidelity, faithfulness) share one
 * {@link OutputShifts}, so a perturbation both need is observed once. With an
 * {@link ObservationStore} every observation goes through it, and a metric costs only what no
 * earlier step observed. Each metric's extra model calls and time are recorded beside it.
 *
 * <p>Every random choice of a metric comes from the request's seed, through its own stream
 * ({@link Seeds}): the same explanation, plan and seed give the same numbers.
 */
public final class Evaluator {
    private final ObservationStore store;

    /** @param store where observations are kept and read; null for none */
    public Evaluator(ObservationStore store) {
        this.store = store;
    }

    /**
     * @param e         the explanation judged
     * @param request   the request it was made from (the prompt with its unit markers, and its seed)
     * @param model     the model it was made on
     * @param relevance ground truth per unit, or null when the case has none (accuracy then reports
     *                  only the agreement with exact Shapley values)
     */
    public Evaluation evaluate(Explanation e, ExplanationRequest request, BlackBoxModel model, Relevance relevance,
                               EvaluationPlan plan) {
        if (request.seed() != e.provenance().seed()) {
            throw new IllegalArgumentException("the request's seed " + request.seed() + " is not the explanation's "
                    + e.provenance().seed());
        }
        ExplanationSpec spec = e.provenance().spec();
        // Consistency and stability read only the scores of their re-explanations: no intervals needed.
        PromptExplainer explainer = Explainers.scoresOnly(spec, store);
        Map<String, Evaluation.MetricCost> costs = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        long seed = request.seed();
        // Checked before any metric runs, so that a bad k costs no model call.
        if (plan.accuracy() != null && relevance != null) {
            AttributionAccuracy.of(e, relevance, plan.accuracy().k());
        }
        for (int k : new int[] {plan.faithfulness() == null ? 0 : plan.faithfulness().k(),
                plan.stability() == null ? 0 : plan.stability().k()}) {
            if (k > e.units().size()) {
                throw new org.gsmile.core.UserInputException("{k} is " + k + " but the prompt has " + e.units().size()
                        + " units: choose {k} at most " + e.units().size());
            }
        }

        InSampleFidelity inSample = InSampleFidelity.of(e);
        OutputShifts shifts = plan.fidelity() != null || plan.faithfulness() != null
                ? OutputShifts.of(e, model, store) : null;

        OutOfSampleFidelity outOfSample = null;
        double[] predicted = null;
        double[] actual = null;
        if (plan.fidelity() != null) {
            long t0 = System.nanoTime();
            int before = 0;
            List<Mask> masks = OutOfSampleFidelity.freshMasks(e, plan.fidelity().fresh(), Seeds.of(seed, "fidelity"));
            actual = shifts.shifts(masks);
            int extra = shifts.calls() - before;
            outOfSample = OutOfSampleFidelity.of(e, masks, actual, extra);
            predicted = new double[masks.size()];
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = Scores.predictedShift(e, masks.get(i));
            }
            costs.put("fidelity", new Evaluation.MetricCost(extra, millis(t0)));
        }

        AttributionAccuracy accuracy = null;
        ShapleyAgreement shapley = null;
        if (plan.accuracy() != null) {
            long t0 = System.nanoTime();
            int extra = 0;
            if (relevance != null) {
                accuracy = AttributionAccuracy.of(e, relevance, plan.accuracy().k());
            } else {
                skipped.put("accuracy", "no ground truth: give the relevant words of the prompt");
            }
            if (plan.accuracy().exactShapley()) {
                var reason = ShapleyAgreement.skipReason(e);
                if (reason.isPresent()) {
                    skipped.put("shapley", reason.get());
                } else if (spec.method() == Method.EXACT_SHAPLEY) {
                    shapley = ShapleyAgreement.of(e, e);
                } else {
                    Explanation exact = Explainers.create(spec.toBuilder().method(Method.EXACT_SHAPLEY).build(), store)
                            .explain(request, model);
                    shapley = ShapleyAgreement.of(e, exact);
                    extra = ModelCalls.of(exact);
                }
            }
            costs.put("accuracy", new Evaluation.MetricCost(extra, millis(t0)));
        }

        Consistency consistency = null;
        List<double[]> runScores = null;
        if (plan.consistency() != null) {
            long t0 = System.nanoTime();
            List<Explanation> runs = new ArrayList<>();
            runs.add(e);
            runs.addAll(concurrently(plan.consistency().runs() - 1, r -> () -> explainer.explain(
                    new ExplanationRequest(request.prompt(), Consistency.seed(seed, r + 2)), model)));
            consistency = Consistency.of(runs);
            runScores = new ArrayList<>();
            int extra = 0;
            for (int r = 0; r < runs.size(); r++) {
                runScores.add(runs.get(r).attribution().scores());
                extra += r == 0 ? 0 : ModelCalls.of(runs.get(r));
            }
            costs.put("consistency", new Evaluation.MetricCost(extra, millis(t0)));
        }

        Stability stability = null;
        if (plan.stability() != null) {
            long t0 = System.nanoTime();
            stability = Stability.measure(e, request, explainer, model, plan.stability());
            costs.put("stability", new Evaluation.MetricCost(stability.extraCalls(), millis(t0)));
        }

        Faithfulness faithfulness = null;
        if (plan.faithfulness() != null) {
            long t0 = System.nanoTime();
            int before = plan.fidelity() != null ? shifts.calls() : 0;
            faithfulness = Faithfulness.measure(e, shifts, plan.faithfulness().k(), plan.faithfulness().randomRankings(),
                    Seeds.of(seed, "faithfulness"));
            costs.put("faithfulness", new Evaluation.MetricCost(shifts.calls() - before, millis(t0)));
        }
        return new Evaluation(inSample, outOfSample, predicted, actual, accuracy, shapley, consistency, runScores,
                stability, faithfulness, skipped, costs);
    }

    /** Runs count tasks at once (explainers are thread-safe) and returns their results in order. */
    private static <T> List<T> concurrently(int count, java.util.function.IntFunction<Supplier<T>> task) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(CompletableFuture.supplyAsync(task.apply(i)));
        }
        List<T> out = new ArrayList<>();
        for (CompletableFuture<T> f : futures) {
            out.add(Futures.join(f));
        }
        return out;
    }

    private static double millis(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
