package org.gsmile.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.gsmile.core.Futures;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.Observation;
import org.gsmile.core.explain.OutputProbe;
import org.gsmile.core.explain.Sample;
import org.gsmile.core.explain.Seeds;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.model.BlackBoxModel;

/**
 * The output shift Δ of any perturbation of an explained prompt, measured exactly as its explanation
 * measured its own samples: the same units, operator (with the explanation's operator seed, so a
 * synonym replacement is the same word), probe, distance and y₀. Metrics that intervene on the
 * prompt (out-of-sample fidelity, deletion and insertion curves) come through here.
 *
 * <p>Each distinct perturbed prompt reaches the model at most once: shifts the explanation already
 * observed are read from its samples, the rest are observed once and remembered, so several metrics
 * sharing one {@code OutputShifts} pay only for the prompts they add. {@link #calls()} counts what
 * this object cost the model, with the same conventions as an explanation's {@code CallStats}: the
 * re-generated y₀ (preparation), the original prompt's observation, and each new prompt, less what
 * a store answered.
 * Thread-safe; concurrent callers may observe the same new prompt twice only if they ask at once.
 */
public final class OutputShifts {
    private final Bound<?> bound;

    private OutputShifts(Bound<?> bound) {
        this.bound = bound;
    }

    /**
     * Binds to the model an explanation was made on. Costs the preparation call (y₀ is generated
     * again, and must be the explanation's: otherwise this is not the model that was explained).
     */
    public static OutputShifts of(Explanation explanation, BlackBoxModel model) {
        return of(explanation, model, null);
    }

    /** As {@link #of(Explanation, BlackBoxModel)}, observing through a store (null for none). */
    public static OutputShifts of(Explanation explanation, BlackBoxModel model, ObservationStore store) {
        SpecParts parts = new SpecParts(explanation.provenance().spec(), store);
        return new OutputShifts(bind(explanation, parts, parts.observation(model)));
    }

    private static <O> Bound<O> bind(Explanation e, SpecParts parts, Observation<O> observation) {
        return new Bound<>(e, parts.operator(), observation);
    }

    /** Δ of one mask over the explanation's units; NaN when the model could not be observed. */
    public double shift(Mask mask) {
        return shifts(List.of(mask))[0];
    }

    /** Δ of each mask, in order; the new prompts among them are observed in one batch. */
    public double[] shifts(List<Mask> masks) {
        return bound.shifts(masks);
    }

    /** The perturbed prompt a mask stands for. */
    public String prompt(Mask mask) {
        return bound.perturbation.apply(mask);
    }

    /** Model calls this object made so far: preparation, the original prompt and every new prompt. */
    public synchronized int calls() {
        return bound.prepared.preparationCalls() + bound.asked - bound.prepared.storeHits();
    }

    /** Shifts answered without a call: from the explanation's samples or an earlier request. */
    public synchronized int reused() {
        return bound.reused;
    }

    /** How the explanation built its perturbed prompts: its units, operator and operator seed. */
    static PerturbationOperator.Perturbation perturbation(Explanation e, PerturbationOperator operator) {
        return operator.bind(e.prompt(), e.units(), Seeds.of(e.provenance().seed(), "operator"));
    }

    private static final class Bound<O> {
        private final int units;
        private final PerturbationOperator.Perturbation perturbation;
        private final OutputProbe.Prepared<O> prepared;
        private final OutputDistance<O> distance;
        private final String prompt;
        private final Map<String, Double> known = new HashMap<>();
        private O original;
        private int asked;
        private int reused;

        Bound(Explanation e, PerturbationOperator operator, Observation<O> observation) {
            this.units = e.units().size();
            this.prompt = e.prompt();
            this.perturbation = perturbation(e, operator);
            this.distance = observation.distance();
            this.prepared = observation.probe().prepare(prompt);
            if (!prepared.baseline().output().equals(e.output())) {
                throw new IllegalStateException("the model now answers the prompt with \"" + prepared.baseline().output()
                        + "\" where the explanation recorded \"" + e.output() + "\": it is not the model that was"
                        + " explained, or it does not decode deterministically");
            }
            for (Sample s : e.samples()) {
                known.put(s.prompt(), s.outputDistance());
            }
            known.put(prompt, 0.0);
        }

        synchronized double[] shifts(List<Mask> masks) {
            List<String> prompts = new ArrayList<>(masks.size());
            LinkedHashSet<String> fresh = new LinkedHashSet<>();
            for (Mask m : masks) {
                if (m.size() != units) {
                    throw new IllegalArgumentException("a mask over " + m.size() + " units for a prompt of " + units);
                }
                String p = perturbation.apply(m);
                prompts.add(p);
                if (!known.containsKey(p)) {
                    fresh.add(p);
                }
            }
            reused += masks.size() - fresh.size();
            if (!fresh.isEmpty()) {
                List<String> ask = new ArrayList<>();
                if (original == null) {
                    ask.add(prompt);
                }
                ask.addAll(fresh);
                List<O> got = Futures.join(prepared.observe(ask));
                asked += ask.size();
                int k = 0;
                if (original == null) {
                    original = got.get(k++);
                    if (original == null) {
                        throw new IllegalStateException("the original prompt could not be observed again");
                    }
                }
                for (String p : fresh) {
                    O o = got.get(k++);
                    known.put(p, o == null ? Double.NaN : distance.distance(original, o));
                }
            }
            double[] out = new double[masks.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = known.get(prompts.get(i));
            }
            return out;
        }
    }
}
