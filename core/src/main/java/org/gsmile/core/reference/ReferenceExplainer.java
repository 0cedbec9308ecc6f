package org.gsmile.core.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.gsmile.core.UserInputException;
import org.gsmile.core.adaptive.FixedBudget;
import org.gsmile.core.explain.Attribution;
import org.gsmile.core.explain.Design;
import org.gsmile.core.explain.ExplainerParts;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.Observation;
import org.gsmile.core.explain.PromptExplainer;
import org.gsmile.core.explain.Sample;
import org.gsmile.core.explain.SurrogateExplainer;
import org.gsmile.core.mask.Coalitions;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.MaskSampler;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.Method;
import org.gsmile.core.unit.UnitSplitter;

/**
 * Explanations whose attributions are reference values rather than a surrogate's estimate: exact
 * Shapley values by observing every coalition, or leave-one-out. They run through the
 * {@link SurrogateExplainer} (same units, operator, model, distance, cache and call accounting) with
 * a sampler that lists the coalitions they need; the values are then computed from the observed
 * distances by their definition in {@link ShapleyValues}, not by the regression, so the ground
 * truth never shares the estimator's code. The explainer's own fit (the Shapley kernel's
 * constrained regression, which on all coalitions equals the Shapley values) supplies the fidelity.
 */
public final class ReferenceExplainer implements PromptExplainer {
    /** 2¹⁴ = 16 384 model calls: the most a reference is allowed to cost. */
    public static final int MAX_SHAPLEY_UNITS = 14;

    private final ExplanationSpec spec;
    private final ExplainerParts parts;

    /** @param spec its method must be a reference; the parts give units, operator and observation */
    public ReferenceExplainer(ExplanationSpec spec, ExplainerParts parts) {
        if (!spec.method().isReference()) {
            throw new IllegalArgumentException("not a reference method: " + spec.method());
        }
        this.spec = spec;
        this.parts = parts;
    }

    @Override
    public Explanation explain(ExplanationRequest request, BlackBoxModel model) {
        boolean shapley = spec.method() == Method.EXACT_SHAPLEY;
        ExplainerParts enumerating = new ExplainerParts() {
            @Override
            public ExplanationSpec specFor(ExplanationSpec s, GenerativeModel m) {
                return parts.specFor(s, m);
            }

            @Override
            public UnitSplitter splitter(GenerativeModel m) {
                return parts.splitter(m);
            }

            @Override
            public Observation<?> observation(GenerativeModel m) {
                return parts.observation(m);
            }

            @Override
            public ExplanationSpec specFor(ExplanationSpec s, BlackBoxModel m) {
                return parts.specFor(s, m);
            }

            @Override
            public UnitSplitter splitter(BlackBoxModel m) {
                return parts.splitter(m);
            }

            @Override
            public Observation<?> observation(BlackBoxModel m) {
                return parts.observation(m);
            }

            @Override
            public PerturbationOperator operator() {
                return parts.operator();
            }

            @Override
            public Design design(int n, long surrogateSeed) {
                if (shapley && n > MAX_SHAPLEY_UNITS) {
                    throw new UserInputException("exact Shapley values of " + n + " units need 2^" + n
                            + " model calls; at most " + MAX_SHAPLEY_UNITS + " units are enumerated: shorten the"
                            + " prompt, mark phrases as [[units]] or use {reference=loo}");
                }
                List<Mask> needed = shapley ? allProper(n) : leaveOneOut(n);
                SampleWeighting weighting = shapley ? new ShapleyKernel() : fullAnchored();
                return new Design(listing(needed), weighting, new ConstrainedLeastSquares(),
                        FixedBudget.of(needed.size() + weighting.anchors(n).size()));
            }
        };
        Explanation e = new SurrogateExplainer(spec, enumerating).explainInDistanceConvention(request, model);
        int n = e.units().size();
        double[] phi;
        double intercept;
        if (shapley) {
            double[] v = values(e.samples(), n);
            phi = ShapleyValues.exact(n, v);
            intercept = v[0];
        } else {
            double full = value(e.samples(), Mask.allKept(n));
            double[] without = new double[n];
            for (int i = 0; i < n; i++) {
                boolean[] k = new boolean[n];
                Arrays.fill(k, true);
                k[i] = false;
                without[i] = value(e.samples(), Mask.of(k));
            }
            phi = ShapleyValues.leaveOneOut(full, without);
            intercept = full - Arrays.stream(phi).sum();
        }
        return SurrogateExplainer.finish(e.withAttribution(new Attribution(e.units(), phi, intercept)));
    }

    private static double[] values(List<Sample> samples, int n) {
        double[] v = new double[1 << n];
        boolean[] seen = new boolean[v.length];
        for (Sample s : samples) {
            int set = (int) Coalitions.toBits(s.mask());
            v[set] = s.outputDistance();
            seen[set] = true;
        }
        for (int set = 0; set < v.length; set++) {
            if (!seen[set]) {
                throw new UserInputException("exact Shapley values need every coalition observed, but coalition "
                        + set + " could not be: check the model or server and run again");
            }
        }
        return v;
    }

    private static double value(List<Sample> samples, Mask mask) {
        for (Sample s : samples) {
            if (s.mask().equals(mask)) {
                return s.outputDistance();
            }
        }
        throw new UserInputException("leave-one-out needs the prompt without each unit observed, but " + mask
                + " could not be: check the model or server and run again");
    }

    private static List<Mask> allProper(int n) {
        List<Mask> masks = new ArrayList<>();
        for (int set = 1; set < (1 << n) - 1; set++) {
            masks.add(Coalitions.fromBits(set, n));
        }
        return masks;
    }

    private static List<Mask> leaveOneOut(int n) {
        List<Mask> masks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean[] k = new boolean[n];
            Arrays.fill(k, true);
            k[i] = false;
            masks.add(Mask.of(k));
        }
        return masks;
    }

    /** Lists exactly the given masks, whatever the count asked: the reference decides its own budget. */
    private static MaskSampler listing(List<Mask> masks) {
        return new MaskSampler() {
            @Override
            public String name() {
                return "enumeration";
            }

            @Override
            public List<Mask> sample(int units, int count, SplittableRandom random) {
                return masks;
            }
        };
    }

    /** Uniform weights with the full prompt held exactly: the fit through it is leave-one-out. */
    private static SampleWeighting fullAnchored() {
        return new SampleWeighting() {
            @Override
            public String name() {
                return "uniform";
            }

            @Override
            public double[] weights(List<Mask> masks) {
                double[] w = new double[masks.size()];
                for (int j = 0; j < w.length; j++) {
                    Mask m = masks.get(j);
                    w[j] = m.keptCount() == m.size() ? Double.POSITIVE_INFINITY : 1.0;
                }
                return w;
            }

            @Override
            public List<Mask> anchors(int units) {
                return List.of(Mask.allKept(units));
            }
        };
    }
}
