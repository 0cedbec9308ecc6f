package org.gsmile.core.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gsmile.core.adaptive.SamplingReport;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.SampleBudget;
import org.gsmile.core.surrogate.Fidelity;

/**
 * The warnings an explanation carries: a pure function of the explanation, so an explanation read
 * back from JSON is judged the same way. The thresholds follow the gSMILE material (flag an
 * explanation as unreliable when fidelity R² &lt; 0.7, when attributions are flat, and when the
 * output does not change) and what the design needs to identify the fit.
 */
public final class Reliability {
    /** The fidelity below which an explanation is flagged. */
    public static final double MIN_R2 = 0.7;
    /** The share of failed distinct prompts above which the failures are flagged. */
    public static final double MAX_FAILED_SHARE = 0.1;
    /** Distances at or below this are "the output did not move". */
    static final double UNCHANGED = 1e-12;

    private Reliability() {
    }

    /** The warnings of an explanation, most serious first. */
    public static List<Warning> assess(Explanation e) {
        List<Warning> w = new ArrayList<>();
        int n = e.units().size();
        ExplanationSpec spec = e.provenance().spec();
        boolean surrogate = !spec.method().isReference();
        List<Sample> samples = e.samples();
        boolean unchanged = !samples.isEmpty()
                && samples.stream().allMatch(s -> Math.abs(s.outputDistance()) <= UNCHANGED);
        if (unchanged) {
            w.add(new Warning(Warning.Code.OUTPUT_UNCHANGED, "the output did not move under any of the "
                    + samples.size() + " perturbations (every distance is 0), so the scores carry no information",
                    "raise {maxNewTokens}, choose another {distance} ({distance=logprob-shift} is the most sensitive),"
                            + " or another {operator}"));
        }
        long distinct = samples.stream().map(Sample::mask).distinct().count();
        // A hierarchical explanation is identified by its levels, not by n + 1 word masks; its groups that were
        // not refined are reported as tied units below.
        boolean hierarchical = e.sampling().hierarchy() != null;
        if (surrogate && !hierarchical && (distinct < n + 1 || e.fit().ridge() > 0)) {
            w.add(new Warning(Warning.Code.UNDERDETERMINED, distinct < n + 1
                    ? String.format(Locale.ROOT, "the fit is not identified: %d distinct samples for %d units and the"
                            + " intercept (at least %d needed), so the scores are not determined by the observations",
                            distinct, n, n + 1)
                    : String.format(Locale.ROOT, "the fit is not identified: the %d distinct samples do not separate"
                            + " every unit from the others (a ridge penalty had to be added), so some scores are not"
                            + " determined by the observations", distinct),
                    "raise {samples} to at least {samples=" + SampleBudget.minimumFor(n) + "}"));
        }
        int drawn = e.sampling().samples();
        boolean everyCoalition = n < 31 && distinct >= (1L << n);
        if (spec.budget() instanceof SampleBudget.Fixed fixed && spec.method() == org.gsmile.core.spec.Method.SURROGATE
                && !hierarchical && fixed.samples() < SampleBudget.minimumFor(n) && !everyCoalition) {
            w.add(new Warning(Warning.Code.FEW_SAMPLES, String.format(Locale.ROOT,
                    "%d sample%s asked for %d units; identifying every unit takes at least %d (2n + 2)",
                    fixed.samples(), fixed.samples() == 1 ? " was" : "s were", n, SampleBudget.minimumFor(n)),
                    "leave {samples} out (the default grows with the prompt) or give {samples="
                            + SampleBudget.minimumFor(n) + "}"));
        }
        Fidelity f = e.fit().fidelity();
        if (surrogate && !unchanged && everyCoalition && f.r2w() < MIN_R2) {
            w.add(new Warning(Warning.Code.LOW_FIT, String.format(Locale.ROOT,
                    "weighted R² %.3f is below %.1f although every coalition was observed: the scores are exact"
                            + " Shapley values, but the units interact, and no additive score shows how", f.r2w(), MIN_R2),
                    "read the scores as averages over coalitions; explain larger units (e.g. [[marked]] ones) to see"
                            + " which belong together"));
        } else if (surrogate && !unchanged && (f.r2w() < MIN_R2 || Double.isNaN(f.r2w()))) {
            w.add(new Warning(Warning.Code.LOW_FIT, Double.isNaN(f.r2w())
                    ? "the fit's R² cannot be computed (the samples carry no weight to judge it by), so nothing says"
                            + " the scores reflect the model"
                    : String.format(Locale.ROOT, "weighted R² %.3f is below %.1f: the linear surrogate does not reproduce"
                            + " how the output moved, so its scores may not reflect the model", f.r2w(), MIN_R2),
                    "raise {samples}" + (spec.units() == org.gsmile.core.spec.UnitKind.WORDS ? ", try {units=phrases}," : ",")
                            + " or suspect units that only matter together"));
        } else if (surrogate && !unchanged && (Double.isNaN(f.r2wAdjusted()) || f.r2wAdjusted() < MIN_R2)) {
            w.add(new Warning(Warning.Code.LOW_ADJUSTED_FIT, Double.isNaN(f.r2wAdjusted())
                    ? String.format(Locale.ROOT, "adjusted R² cannot be computed (no more samples than unknowns),"
                            + " so R² %.3f says nothing about the fit", f.r2w())
                    : String.format(Locale.ROOT, "adjusted R² %.3f is below %.1f (R² %.3f): with %d samples for %d"
                            + " units the fit may be following noise", f.r2wAdjusted(), MIN_R2, f.r2w(), drawn, n),
                    "raise {samples}"));
        }
        SamplingReport s = e.sampling();
        int drawnSamples = (int) samples.stream().filter(x -> Double.isFinite(x.weight())).count();
        boolean honestIntervals = s.hasIntervals() && drawnSamples >= 2 * n;
        if (s.hasIntervals() && !honestIntervals) {
            w.add(new Warning(Warning.Code.NO_INTERVALS, String.format(Locale.ROOT,
                    "%d drawn samples (besides the empty and the full prompt) are too few for bootstrap intervals over"
                            + " %d units (at least %d needed), so the intervals and the top-%d stability are not reported",
                    drawnSamples, n, 2 * n, s.topK()),
                    "raise {samples} to at least {samples=" + SampleBudget.minimumFor(n) + "}"));
        }
        if (!unchanged && n > 1 && flat(e.attribution().scores(), honestIntervals ? s : null)) {
            w.add(new Warning(Warning.Code.FLAT, honestIntervals
                    ? "no unit stands out from the rest by more than its interval, so the scores do not support a ranking"
                    : "every unit has the same score, so the scores do not support a ranking",
                    "raise {samples} or use {samples=auto}; the prompt may have no unit that matters more than the others"));
        }
        List<List<Integer>> tied = surrogate ? tiedUnits(samples, n) : List.of();
        if (!tied.isEmpty()) {
            StringBuilder groups = new StringBuilder();
            for (List<Integer> g : tied) {
                groups.append(groups.length() == 0 ? "" : "; ");
                for (int k = 0; k < g.size(); k++) {
                    int i = g.get(k);
                    groups.append(k == 0 ? "" : k == g.size() - 1 ? " and " : ", ")
                            .append('\'').append(e.units().get(i).text()).append("' (").append(i + 1).append(')');
                }
            }
            w.add(new Warning(Warning.Code.TIED_UNITS, "units " + groups
                    + " were kept or removed together in every sample, so their scores are tied by the design",
                    "raise {samples}, or mark units that belong together as one [[unit]]"));
        }
        int failed = e.calls().failed();
        int unique = Math.max(1, e.calls().unique());
        if (failed > 0 && failed >= MAX_FAILED_SHARE * unique) {
            w.add(new Warning(Warning.Code.FAILED_CALLS, String.format(Locale.ROOT,
                    "%d of %d distinct prompts still failed after retries and were left out of the fit", failed, unique),
                    "check the server's load and limits, raise {maxRetries} or lower {concurrency}"));
        }
        return w;
    }

    /** Whether no unit stands out: each score within its interval's half-width of the median, or all equal. */
    static boolean flat(double[] scores, SamplingReport intervals) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double scale = Math.max(Math.abs(sorted[0]), Math.abs(sorted[n - 1]));
        double[] lo = intervals == null ? null : intervals.lower();
        double[] hi = intervals == null ? null : intervals.upper();
        for (int i = 0; i < n; i++) {
            double away = Math.abs(scores[i] - median);
            // Intervals close on the fit when every coalition was observed: then only rounding separates equal scores.
            double allowed = Math.max(1e-9 * scale, lo == null ? 0 : (hi[i] - lo[i]) / 2);
            if (away > allowed) {
                return false;
            }
        }
        return true;
    }

    /** Groups of two or more units whose kept/removed pattern is the same in every sample, in prompt order. */
    public static List<List<Integer>> tiedUnits(List<Sample> samples, int n) {
        Map<String, List<Integer>> byPattern = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            StringBuilder p = new StringBuilder(samples.size());
            for (Sample s : samples) {
                p.append(s.mask().isKept(i) ? '1' : '0');
            }
            byPattern.computeIfAbsent(p.toString(), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> tied = new ArrayList<>();
        for (List<Integer> g : byPattern.values()) {
            if (g.size() > 1) {
                tied.add(List.copyOf(g));
            }
        }
        return tied;
    }
}
