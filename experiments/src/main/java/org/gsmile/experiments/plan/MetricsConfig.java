package org.gsmile.experiments.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gsmile.metrics.EvaluationPlan;
import org.gsmile.metrics.stability.PromptChange;

/**
 * The metrics an experiment computes, each with its options; a metric that is null is not computed.
 * Options not given in the file hold the defaults below ({@code fidelity: {}} equals
 * {@code fidelity: {fresh: 32}}), so two files that mean the same have equal configs and the same
 * {@link Plan#metricsKey}.
 */
public record MetricsConfig(FidelityOptions fidelity, AccuracyOptions accuracy, ConsistencyOptions consistency,
                            StabilityOptions stability, FaithfulnessOptions faithfulness) {
    /** The metric keys of the file, in the order {@link #enabled()} lists them. */
    public static final List<String> METRICS = List.of("fidelity", "accuracy", "consistency", "stability",
            "faithfulness");

    /** No metric. */
    public static MetricsConfig none() {
        return new MetricsConfig(null, null, null, null, null);
    }

    /** The keys of the metrics computed, in {@link #METRICS} order. */
    public List<String> enabled() {
        List<String> out = new ArrayList<>();
        options().forEach((k, v) -> out.add(k));
        return Collections.unmodifiableList(out);
    }

    /** The options of each metric computed, by its key, in {@link #METRICS} order. */
    public Map<String, Record> options() {
        Map<String, Record> m = new LinkedHashMap<>();
        put(m, "fidelity", fidelity);
        put(m, "accuracy", accuracy);
        put(m, "consistency", consistency);
        put(m, "stability", stability);
        put(m, "faithfulness", faithfulness);
        return Collections.unmodifiableMap(m);
    }

    private static void put(Map<String, Record> m, String key, Record options) {
        if (options != null) {
            m.put(key, options);
        }
    }

    public boolean isEmpty() {
        return options().isEmpty();
    }

    /** Fidelity: in-sample weighted R², MSE, MAE, and out of sample on {@code fresh} new perturbations (≥ 1). */
    public record FidelityOptions(int fresh) {
        public static final int DEFAULT_FRESH = 32;

        public FidelityOptions {
            atLeast("fresh", fresh, 1);
        }

        public static FidelityOptions defaults() {
            return new FidelityOptions(DEFAULT_FRESH);
        }
    }

    /**
     * Accuracy against the cases' relevant words: ATT-AUROC and precision@{@code k} (k ≥ 1); with
     * {@code exactShapley} also the rank agreement with exact Shapley values on prompts of at most 14
     * units (2ⁿ more calls each).
     */
    public record AccuracyOptions(int k, boolean exactShapley) {
        public static final int DEFAULT_K = 3;

        public AccuracyOptions {
            atLeast("k", k, 1);
        }

        public static AccuracyOptions defaults() {
            return new AccuracyOptions(DEFAULT_K, true);
        }
    }

    /** Consistency over {@code runs} repeated explanations with different seeds (≥ 2). */
    public record ConsistencyOptions(int runs) {
        public static final int DEFAULT_RUNS = 10;

        public ConsistencyOptions {
            atLeast("runs", runs, 2);
        }

        public static ConsistencyOptions defaults() {
            return new ConsistencyOptions(DEFAULT_RUNS);
        }
    }

    /**
     * Stability: top-{@code k} and weighted Jaccard against explanations of minimally changed
     * prompts, and across {@code seeds} seeds of the same prompt.
     *
     * @param k       the top set compared (≥ 1)
     * @param changes the prompt changes, each one of {@link #CHANGES}, none twice
     * @param words   the neutral words the insertions (start, middle, end) insert, one word each
     * @param seeds   other seeds the same prompt is explained with, each compared with the first; 0 skips seed stability
     */
    public record StabilityOptions(int k, List<String> changes, List<String> words, int seeds) {
        public static final int DEFAULT_K = 3;
        public static final List<String> CHANGES = List.of("start", "middle", "end", "punctuation");
        public static final List<String> DEFAULT_WORDS = List.of("please", "could", "would", "should", "###");
        public static final int DEFAULT_SEEDS = 3;

        public StabilityOptions {
            atLeast("k", k, 1);
            changes = List.copyOf(changes);
            words = List.copyOf(words);
            for (String c : changes) {
                if (!CHANGES.contains(c)) {
                    throw new IllegalArgumentException("unknown stability change " + c + ": choose from " + CHANGES);
                }
            }
            atLeast("seeds", seeds, 0);
        }

        public static StabilityOptions defaults() {
            return new StabilityOptions(DEFAULT_K, CHANGES, DEFAULT_WORDS, DEFAULT_SEEDS);
        }
    }

    /**
     * Faithfulness: deletion and insertion curves, comprehensiveness and sufficiency of the top
     * {@code k}, AOPC, each beside the mean of {@code random} random rankings; with
     * {@code modelAccuracy} also the model-level Pearson correlation between each model's mean
     * ATT-AUROC and its external accuracy.
     *
     * @param modelAccuracy an accuracy in [0, 1] for every model name of the experiment; empty when not given
     */
    public record FaithfulnessOptions(int k, int random, Map<String, Double> modelAccuracy) {
        public static final int DEFAULT_K = 3;
        public static final int DEFAULT_RANDOM = 5;

        public FaithfulnessOptions {
            atLeast("k", k, 1);
            atLeast("random", random, 1);
            modelAccuracy = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(modelAccuracy)));
        }

        public static FaithfulnessOptions defaults() {
            return new FaithfulnessOptions(DEFAULT_K, DEFAULT_RANDOM, Map.of());
        }
    }

    /**
     * The metrics module's plan for one explanation: what {@code Evaluator} computes per cell. The
     * model-level part of faithfulness ({@code modelAccuracy}) is not in it: it correlates across
     * models, once per run.
     */
    public EvaluationPlan evaluationPlan() {
        return new EvaluationPlan(
                fidelity == null ? null : new EvaluationPlan.FidelityPlan(fidelity.fresh()),
                accuracy == null ? null : new EvaluationPlan.AccuracyPlan(accuracy.k(), accuracy.exactShapley()),
                consistency == null ? null : new EvaluationPlan.ConsistencyPlan(consistency.runs()),
                stability == null ? null : new org.gsmile.metrics.stability.StabilityOptions(stability.k(),
                        stability.changes().stream().map(PromptChange::of).toList(), stability.words(), stability.seeds()),
                faithfulness == null ? null : new EvaluationPlan.FaithfulnessPlan(faithfulness.k(), faithfulness.random()));
    }

    private static void atLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value);
        }
    }
}
