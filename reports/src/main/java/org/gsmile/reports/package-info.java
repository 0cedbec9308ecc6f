/**
 * Reports: from a run folder (what {@code gsmile run} writes) to a report folder (tables, plots,
 * prompt heatmaps, an index page) that works offline. {@link org.gsmile.reports.RunFolder#read} reads
 * a run folder, {@link org.gsmile.reports.Report#write} writes its report. This module reads JSON only:
 * it depends on core (for the warning codes and the {@code {key}} templates), never on the explainers
 * or the metrics.
 *
 * <h2>The run folder</h2>
 *
 * <pre>
 * RUN/
 *   provenance.json      written when the run starts
 *   cells/&lt;id&gt;.json      one per finished cell, written atomically when it finishes
 *   images/&lt;id&gt;/*.png     an image-editing cell's images, each written atomically before its cell file
 *   summary.json         written when the run ends (absent while it runs, or when it was interrupted)
 * </pre>
 *
 * <p>{@code provenance.json}:
 * <pre>
 * {"experiment": {"name": "...", "file": "experiments/quickstart.yaml", "sha256": "..."},
 *  "gsmileVersion": "...", "java": "...", "os": "...", "seed": 42, "started": "2025-01-01T12:00:00Z",
 *  "models": [{"name": "stories260K", "ref": "local:stories260K", "id": "...", "sha256": "...", "settings": {}}],
 *  "cells": 24,                                   // cells planned in all
 *  "suites": [                                    // the scenario suites of the cases; [] when none
 *    {"name": "driving", "file": "experiments/suites/driving.yaml",
 *     "strategy": "pairwise", "t": 2, "n": null, "seed": 42,    // n: for strategy random, else null
 *     "cases": 47, "factorial": 124,              // cases generated; allowed scenarios (the full factorial)
 *     "coverage": {"t": 2, "covered": 175, "allowed": 175},   // t-way combinations covered of those allowed
 *     "dimensions": [{"name": "weather", "group": "environment", "values": ["clear", "rainy", ...]}, ...],
 *     "caseIds": ["driving-rural-rainy-night-sharp-snow", ...]}]}
 * </pre>
 *
 * <p>{@code cells/<id>.json}, one per finished cell:
 * <pre>
 * {"schema": 1, "id": "3f2a9c...",                // a hash of the cell's resolved configuration; the file's name
 *  "model": "stories260K",                        // the model's name in the experiment
 *  "modelRef": "local:stories260K",
 *  "case": "case-1", "prompt": "...", "relevant": ["ball"],   // relevant: [] where the case gives none
 *  "scenario": {"weather": "rainy", "time": "night", ...},   // a scenario suite's case: dimension to value,
 *                                                 // in the taxonomy's order; {} for a plain prompt
 *  "scene": "tinyeditor/scenes/scene05_rainy_night_sharp.png",   // an image-editing suite's input image,
 *                                                 // relative to the models folder ($GSMILE_MODELS); else null
 *  "setting": "samples=32 kernel=shapley",        // or "default"
 *  "settingValues": {"samples": 32, "kernel": "shapley"},
 *  "replicate": 0, "seed": 123,
 *  "status": "ok",                                // or "failed"
 *  "error": null,                                 // one line where failed
 *  "explanation": {...},                          // as ExplanationJson writes it (README "JSON output"); null where
 *                                                 // failed; its samples may also carry "output", the perturbed
 *                                                 // prompt's output as text, which the report then shows
 *  "metricsKey": "...",                           // what the metrics were computed from
 *  "metrics": {...},                              // below
 *  "timingsMs": {"model": 0.0, "metrics": 0.0, "total": 0.0},   // model includes the editor calls of "images"
 *  "images": {...}}                               // only where the model is an image editor: below
 * </pre>
 *
 * <p>{@code images}, for a cell whose model edits images (bound to the case's scene): the PNGs a report
 * shows, paths relative to the run folder. The explanation's observations keep only output distances, so
 * the runner asks the editor again for these; {@code calls} counts those calls (also in the run's calls).
 * <pre>
 * "images": {"input": "images/&lt;id&gt;/input.png",      // the input image as the editor received it
 *            "edited": "images/&lt;id&gt;/edited.png",    // its edit for the whole instruction (y₀)
 *            "telling": [{"role": "without-top-unit",  // or "top-k-only", "largest-shift"; the most telling
 *                         "prompt": "...",             // perturbations, as TellingPerturbations picks them
 *                         "mask": "101111",            // units kept
 *                         "distance": 0.13,            // output distance from y₀, as the explanation measured it
 *                         "file": "images/&lt;id&gt;/telling-1.png"}, ...],
 *            "calls": 4, "modelMs": 38.3}
 * </pre>
 *
 * <p>{@code metrics}: each block present only where computed; any number may be null (not finite):
 * <pre>
 * "fidelity":     {"inSample": {"r2w", "r2wAdjusted", "mseW", "maeW", "samples"},
 *                  "outOfSample": {"r2", "spearman", "mse", "fresh", "extraCalls", "predicted": [..], "actual": [..]}}
 * "accuracy":     {"attAuroc", "precisionAtK", "k", "relevantUnits",
 *                  "shapley": {"spearman", "kendall", "exact": [..], "units", "extraCalls"} or {"skipped": "reason"}}
 * "consistency":  {"units": [{"unit": {"text", "start", "end"}, "mean", "sd", "cv", "lower", "upper"}],
 *                  "kendallW", "runs", "scores": [[one run's unit scores], ...], "extraCalls"}
 * "stability":    {"changes": [{"change": "start|middle|end|punctuation", "variants", "topKJaccard", "ruzicka"}],
 *                  "seedTopKJaccard", "seedRuzicka", "seeds", "k", "extraCalls"}
 * "faithfulness": {"explanation": {"curve": {"deletion": [k = 0..n], "insertion": [k = 0..n]}, "comprehensiveness",
 *                                  "sufficiency", "aopcComprehensiveness", "aopcSufficiency"},
 *                  "random": {same}, "leaveOneOut": {same}, "randomRankings", "k", "extraCalls"}
 * </pre>
 *
 * <p>{@code summary.json}:
 * <pre>
 * {"cells": 24, "ok": 23, "failed": [{"id", "model", "case", "setting", "error"}],
 *  "modelFaithfulness": {"pearson": 0.8, "models": [{"name", "meanAttAuroc", "accuracy"}]},   // may be absent
 *  "calls": {...},
 *  "timingsMs": {"lastRunWall", "model", "outsideModel", "outsideShare",
 *                "cpu": {"modelThreads", "rest", "compilers", "gc", "process", "restShare"}}}
 *                // cpu: this run's CPU time by thread; a sentence instead where it was not measured
 * </pre>
 *
 * <p>Reading is lenient where a report can still be made: a cell file that is not JSON, not a cell, of
 * another schema, a duplicate, or a file that does not belong in {@code cells/} is a
 * {@link org.gsmile.reports.RunProblem}, shown on the index page and in {@code warnings.csv}; a missing
 * summary means the run has not finished. Unknown keys are ignored everywhere, so later versions may add
 * keys (never rename or remove them).
 *
 * <h2>The report folder</h2>
 *
 * See {@link org.gsmile.reports.Report}.
 */
package org.gsmile.reports;
