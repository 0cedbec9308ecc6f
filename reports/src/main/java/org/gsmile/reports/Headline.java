package org.gsmile.reports;

import java.util.List;

/**
 * The metrics a report compares models and settings by: one per evaluation metric (two for fidelity
 * and faithfulness). A run shows those of them it computed.
 *
 * @param path   the dotted path in the metric blocks (as in {@code metrics.csv})
 * @param label  a short name for axes and column headers
 * @param centre the value the heatmap's diverging colours are centred on: 0 (no correlation, no gain),
 *               or 0.5 for an AUROC (chance)
 * @param about  one line saying what it measures and which way is better
 */
record Headline(String path, String label, double centre, String about) {
    static final List<Headline> ALL = List.of(
            new Headline("fidelity.inSample.r2w", "in-sample R²", 0,
                    "weighted R² of the surrogate on the samples it was fitted to; higher is better"),
            new Headline("fidelity.outOfSample.spearman", "out-of-sample Spearman", 0,
                    "rank correlation of predicted and actual output distance on fresh perturbations; higher is better"),
            new Headline("accuracy.attAuroc", "attribution AUROC", 0.5,
                    "how well the scores rank the case's relevant words first (0.5 = chance); higher is better"),
            new Headline("accuracy.shapley.spearman", "Spearman with exact Shapley", 0,
                    "rank correlation with the exact Shapley values; higher is better"),
            new Headline("consistency.kendallW", "Kendall's W (runs)", 0,
                    "agreement of the unit rankings over repeated runs; higher is better"),
            new Headline("stability.seedTopKJaccard", "top-k Jaccard (seeds)", 0,
                    "overlap of the top-k units across seeds; higher is better"),
            new Headline("faithfulness.explanation.aopcComprehensiveness", "AOPC comprehensiveness", 0,
                    "output shift when the top units are deleted, averaged over k; higher is better"),
            new Headline("faithfulness.explanation.aopcSufficiency", "AOPC sufficiency", 0,
                    "output shift when only the top units are kept, averaged over k; lower is better"));
}
