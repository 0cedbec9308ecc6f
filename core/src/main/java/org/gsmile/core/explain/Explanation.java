package org.gsmile.core.explain;

import java.util.List;
import org.gsmile.core.adaptive.SamplingReport;
import org.gsmile.core.unit.Unit;

/**
 * Why the model produced its output: one attribution per unit of the prompt, the surrogate's fit
 * quality, the samples it was fitted to, how sure it is, what it cost and where it came from.
 * Immutable; written as JSON and read back equal ({@code ExplanationJson}).
 *
 * @param baseline    the prompt and the output y₀ that is explained
 * @param attribution units, scores and intercept
 * @param fit         how well the surrogate reproduces the observed shifts
 * @param samples     every perturbation with its distances and weight, in drawing order, after the
 *                    anchors of the weighting (the Shapley kernel's empty and full coalition, weight +∞);
 *                    enough to refit or audit the explanation without the model
 * @param sampling    samples used, rounds, why drawing stopped, and the bootstrap intervals
 * @param cost        model calls and time
 * @param provenance  spec (and so the method), seed, model and version
 * @param warnings    why the explanation should not be trusted as it stands, most serious first
 *                    ({@link Reliability#assess}); empty for a healthy one
 * @param artifacts   files a front end wrote to show the explanation (an image explanation's input, output
 *                    and telling perturbations); empty unless one did
 */
public record Explanation(Baseline baseline, Attribution attribution, Fit fit, List<Sample> samples,
                          SamplingReport sampling, Cost cost, Provenance provenance, List<Warning> warnings,
                          List<Artifact> artifacts) {

    public Explanation {
        samples = List.copyOf(samples);
        warnings = List.copyOf(warnings);
        artifacts = List.copyOf(artifacts);
        if (sampling.lower().length != attribution.units().size()) {
            throw new IllegalArgumentException(sampling.lower().length + " intervals for "
                    + attribution.units().size() + " units");
        }
    }

    /** An explanation as the explainer returns it: no files written yet. */
    public Explanation(Baseline baseline, Attribution attribution, Fit fit, List<Sample> samples,
                       SamplingReport sampling, Cost cost, Provenance provenance, List<Warning> warnings) {
        this(baseline, attribution, fit, samples, sampling, cost, provenance, warnings, List.of());
    }

    public String prompt() {
        return baseline.prompt();
    }

    public String output() {
        return baseline.output();
    }

    public List<Unit> units() {
        return attribution.units();
    }

    public CallStats calls() {
        return cost.calls();
    }

    public Explanation withAttribution(Attribution a) {
        return new Explanation(baseline, a, fit, samples, sampling, cost, provenance, warnings, artifacts);
    }

    public Explanation withSampling(SamplingReport s) {
        return new Explanation(baseline, attribution, fit, samples, s, cost, provenance, warnings, artifacts);
    }

    public Explanation withCost(Cost c) {
        return new Explanation(baseline, attribution, fit, samples, sampling, c, provenance, warnings, artifacts);
    }

    public Explanation withProvenance(Provenance p) {
        return new Explanation(baseline, attribution, fit, samples, sampling, cost, p, warnings, artifacts);
    }

    public Explanation withWarnings(List<Warning> w) {
        return new Explanation(baseline, attribution, fit, samples, sampling, cost, provenance, w, artifacts);
    }

    public Explanation withArtifacts(List<Artifact> a) {
        return new Explanation(baseline, attribution, fit, samples, sampling, cost, provenance, warnings, a);
    }

    /** Whether a warning says the scores support no ranking at all. */
    public boolean rankingBlocked() {
        return warnings.stream().anyMatch(w -> w.code().blocksRanking());
    }
}
