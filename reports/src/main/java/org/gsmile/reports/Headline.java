package org.gsmile.reports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * What the scenario page shows per dimension value: accuracy, fidelity in and out of sample,
     * stability across seeds and under each prompt change, and faithfulness — the headlines among them
     * and the few that only a per-scenario view needs.
     */
    private static final List<Headline> BY_SCENARIO = List.of(
            headline("accuracy.attAuroc"),
            new Headline("accuracy.precisionAtK", "precision@k", 0,
                    "share of the top-k units that are relevant words; higher is better"),
            headline("fidelity.inSample.r2w"),
            new Headline("fidelity.outOfSample.r2", "out-of-sample R²", 0,
                    "R² of the surrogate's predicted output distance on fresh perturbations; higher is better"),
            headline("stability.seedTopKJaccard"),
            new Headline("stability.seedRuzicka", "Ruzicka (seeds)", 0,
                    "weighted overlap of the |scores| across seeds; higher is better"),
            headline("faithfulness.explanation.aopcComprehensiveness"),
            headline("faithfulness.explanation.aopcSufficiency"));

    private static final Pattern CHANGE = Pattern.compile("stability\\.changes\\.([^.]+)\\.(topKJaccard|ruzicka)");

    /**
     * The scenario page's metrics among {@code present} (the paths a run computed), in a fixed order,
     * with the stability under each prompt change the run measured after the seed stability.
     */
    static List<Headline> byScenario(Collection<String> present) {
        List<Headline> out = new ArrayList<>();
        for (Headline h : BY_SCENARIO) {
            if (present.contains(h.path())) {
                out.add(h);
            }
            if (h.path().equals("stability.seedRuzicka")) {
                for (String p : present) {
                    Matcher m = CHANGE.matcher(p);
                    if (m.matches()) {
                        boolean jaccard = m.group(2).equals("topKJaccard");
                        out.add(new Headline(p, (jaccard ? "top-k Jaccard" : "Ruzicka") + " (" + m.group(1) + " change)", 0,
                                (jaccard ? "overlap of the top-k units" : "weighted overlap of the |scores|") + " when the"
                                        + " prompt changes at its " + m.group(1) + "; higher is better"));
                    }
                }
            }
        }
        return out;
    }

    private static Headline headline(String path) {
        return ALL.stream().filter(h -> h.path().equals(path)).findFirst().orElseThrow();
    }
}
