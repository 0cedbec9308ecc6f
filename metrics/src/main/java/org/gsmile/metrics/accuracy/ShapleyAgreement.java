package org.gsmile.metrics.accuracy;

import java.util.Arrays;
import java.util.Optional;
import org.gsmile.api.Explainers;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.reference.ReferenceExplainer;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.Method;
import org.gsmile.core.spec.SignConvention;
import org.gsmile.metrics.ModelCalls;
import org.gsmile.metrics.Scores;
import org.gsmile.metrics.stats.RankCorrelation;

/**
 * How closely an explanation's scores follow the exact Shapley values of the same game (the same
 * units, operator, distance and y₀), which the default Shapley-kernel surrogate estimates:
 *
 * <pre>
 *   ρ = Spearman(θ, φ)      τ = Kendall's τ-b(θ, φ)
 * </pre>
 *
 * on the signed scores, both in the distance convention (a shared flip of the sign would change
 * neither): a unit that holds the output in place must not be ranked with one that pulls it away.
 * Ties take average ranks (ρ) and the τ-b correction (τ), as commons-math3 computes them; either is
 * NaN when one side is constant or there is a single unit.
 *
 * <p>The reference is {@code Explainers.create(spec.toBuilder().method(Method.EXACT_SHAPLEY).build())}
 * with the explanation's own spec: {@code toBuilder()} counts no setting as given, so the builder does
 * not refuse the surrogate's settings (sampler, kernel, samples, keep, sigma, surrogate, top-k), and
 * the spec holds them at their defaults for a reference; units, operator, mask token, distance (as it
 * ran, not {@code auto}), output length and sign carry over, so both explain the same game. It
 * observes all 2ⁿ coalitions and is computed only up to
 * {@link ReferenceExplainer#MAX_SHAPLEY_UNITS} units; beyond, {@link #measure} is empty and
 * {@link #skipReason} says why. An explanation that is itself exact Shapley values is compared with
 * itself (ρ = τ = 1, no call).
 *
 * @param spearman   Spearman's ρ of the scores and the exact Shapley values
 * @param kendall    Kendall's τ-b of the same
 * @param exact      the exact Shapley values per unit, in the explanation's own sign convention
 * @param units      n, the number of units
 * @param extraCalls the model calls the reference made ({@link ModelCalls}: its distinct prompts and the
 *                   re-generated y₀, less what a response cache or observation store answered)
 */
public record ShapleyAgreement(double spearman, double kendall, double[] exact, int units, int extraCalls) {

    public ShapleyAgreement {
        exact = exact.clone();
        if (exact.length != units || extraCalls < 0) {
            throw new IllegalArgumentException(exact.length + " exact values for " + units + " units, "
                    + extraCalls + " calls");
        }
    }

    /**
     * The agreement with a freshly computed exact reference, or empty when the prompt has more than
     * {@link ReferenceExplainer#MAX_SHAPLEY_UNITS} units (then {@link #skipReason} is present).
     *
     * @param request the request {@code e} was explained from (its seed matters to the synonym operator)
     * @param model   the model {@code e} was explained on
     */
    public static Optional<ShapleyAgreement> measure(Explanation e, ExplanationRequest request, BlackBoxModel model) {
        if (skipReason(e).isPresent()) {
            return Optional.empty();
        }
        if (request.seed() != e.provenance().seed()) {
            throw new IllegalArgumentException("the request's seed " + request.seed() + " is not the explanation's "
                    + e.provenance().seed() + ": give the request the explanation was made from");
        }
        ExplanationSpec spec = e.provenance().spec();
        if (spec.method() == Method.EXACT_SHAPLEY) {
            return Optional.of(compare(e, e, 0));
        }
        Explanation exact = Explainers.create(spec.toBuilder().method(Method.EXACT_SHAPLEY).build())
                .explain(request, model);
        return Optional.of(of(e, exact));
    }

    /** Why {@link #measure} would not compute the reference for this explanation; empty when it would. */
    public static Optional<String> skipReason(Explanation e) {
        int n = e.units().size();
        if (n <= ReferenceExplainer.MAX_SHAPLEY_UNITS) {
            return Optional.empty();
        }
        return Optional.of("not computed: exact Shapley values of " + n + " units need 2^" + n + " model calls, and at"
                + " most " + ReferenceExplainer.MAX_SHAPLEY_UNITS + " units are enumerated; shorten the prompt or mark"
                + " phrases as [[units]]");
    }

    /**
     * The agreement with an exact Shapley explanation computed elsewhere (over the same units);
     * extraCalls are its calls ({@link ModelCalls}), or 0 when {@code exact} is {@code e} itself (an
     * exact explanation compared with itself cost nothing more).
     */
    public static ShapleyAgreement of(Explanation e, Explanation exact) {
        if (exact.provenance().spec().method() != Method.EXACT_SHAPLEY) {
            throw new IllegalArgumentException("the reference is " + exact.provenance().spec().method().label()
                    + ", not exact Shapley values");
        }
        return compare(e, exact, exact.equals(e) ? 0 : ModelCalls.of(exact));
    }

    private static ShapleyAgreement compare(Explanation e, Explanation exact, int calls) {
        if (!exact.units().equals(e.units())) {
            throw new IllegalArgumentException("the reference has units " + exact.units() + ", the explanation "
                    + e.units() + ": they explain different prompts");
        }
        double[] theta = Scores.distanceConvention(e);
        double[] phi = Scores.distanceConvention(exact);
        double[] shown = e.provenance().spec().sign() == SignConvention.IMPORTANCE ? Scores.importance(exact) : phi;
        return new ShapleyAgreement(RankCorrelation.spearman(theta, phi), RankCorrelation.kendall(theta, phi), shown,
                theta.length, calls);
    }

    @Override
    public double[] exact() {
        return exact.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShapleyAgreement a && Double.compare(spearman, a.spearman) == 0
                && Double.compare(kendall, a.kendall) == 0 && Arrays.equals(exact, a.exact) && units == a.units
                && extraCalls == a.extraCalls;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[] {spearman, kendall, units, extraCalls}) * 31 + Arrays.hashCode(exact);
    }

    @Override
    public String toString() {
        return "ShapleyAgreement[spearman=" + spearman + ", kendall=" + kendall + ", exact=" + Arrays.toString(exact)
                + ", units=" + units + ", extraCalls=" + extraCalls + "]";
    }
}
