package org.gsmile.core.explain;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.gsmile.core.adaptive.Budget;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.mask.MaskSampler;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.reference.SampleWeighting;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.surrogate.Surrogate;
import org.gsmile.core.unit.UnitSplitter;

/**
 * Explainer parts a test gives by hand: one splitter, sampler, operator, weighting, surrogate,
 * budget and observation for every prompt and model. Immutable; {@code withX} returns a copy with
 * one part replaced. The fake {@link #MODEL} is never called: the test's probe answers instead.
 */
public final class TestParts implements ExplainerParts {
    /** A model that only has an identity: the test probes never ask it for anything. */
    public static final GenerativeModel MODEL = model(Map.of());

    private final UnitSplitter splitter;
    private final MaskSampler sampler;
    private final PerturbationOperator operator;
    private final SampleWeighting weighting;
    private final Surrogate surrogate;
    private final Budget budget;
    private final Observation<?> observation;

    private TestParts(UnitSplitter splitter, MaskSampler sampler, PerturbationOperator operator,
                      SampleWeighting weighting, Surrogate surrogate, Budget budget, Observation<?> observation) {
        this.splitter = splitter;
        this.sampler = sampler;
        this.operator = operator;
        this.weighting = weighting;
        this.surrogate = surrogate;
        this.budget = budget;
        this.observation = observation;
    }

    /** Every part the surrogate explainer needs. */
    public static <O> TestParts of(UnitSplitter splitter, MaskSampler sampler, PerturbationOperator operator,
                                   SampleWeighting weighting, Surrogate surrogate, Budget budget,
                                   OutputProbe<O> probe, OutputDistance<O> distance) {
        return new TestParts(splitter, sampler, operator, weighting, surrogate, budget,
                new Observation<>(probe, distance));
    }

    /** The parts a reference explainer reads (it designs its own sampling); {@link #design} then fails. */
    public static <O> TestParts of(UnitSplitter splitter, PerturbationOperator operator, OutputProbe<O> probe,
                                   OutputDistance<O> distance) {
        return of(splitter, null, operator, null, null, null, probe, distance);
    }

    public TestParts withSplitter(UnitSplitter s) {
        return new TestParts(s, sampler, operator, weighting, surrogate, budget, observation);
    }

    public TestParts withSampler(MaskSampler s) {
        return new TestParts(splitter, s, operator, weighting, surrogate, budget, observation);
    }

    public TestParts withOperator(PerturbationOperator o) {
        return new TestParts(splitter, sampler, o, weighting, surrogate, budget, observation);
    }

    public TestParts withWeighting(SampleWeighting w) {
        return new TestParts(splitter, sampler, operator, w, surrogate, budget, observation);
    }

    public TestParts withSurrogate(Surrogate s) {
        return new TestParts(splitter, sampler, operator, weighting, s, budget, observation);
    }

    public TestParts withBudget(Budget b) {
        return new TestParts(splitter, sampler, operator, weighting, surrogate, b, observation);
    }

    public <O> TestParts withObservation(OutputProbe<O> probe, OutputDistance<O> distance) {
        return new TestParts(splitter, sampler, operator, weighting, surrogate, budget,
                new Observation<>(probe, distance));
    }

    @Override
    public UnitSplitter splitter(GenerativeModel model) {
        return splitter;
    }

    @Override
    public Observation<?> observation(GenerativeModel model) {
        return observation;
    }

    @Override
    public PerturbationOperator operator() {
        return operator;
    }

    @Override
    public Design design(int units, long surrogateSeed) {
        if (sampler == null || weighting == null || surrogate == null || budget == null) {
            throw new IllegalStateException("these test parts have no design: give sampler, weighting, surrogate"
                    + " and budget");
        }
        return new Design(sampler, weighting, surrogate, budget);
    }

    /** A surrogate explainer on these parts with the default spec. */
    public SurrogateExplainer explainer() {
        return new SurrogateExplainer(ExplanationSpec.defaults(), this);
    }

    /** Explains {@code prompt} with {@code seed} on {@link #MODEL} under the default spec. */
    public Explanation explain(String prompt, long seed) {
        return explainer().explain(new ExplanationRequest(prompt, seed), MODEL);
    }

    /** The fake model with settings that belong in the provenance (e.g. {@code logprobs}). */
    public static GenerativeModel model(Map<String, Object> settings) {
        return new GenerativeModel() {
            @Override
            public ModelInfo info() {
                return new ModelInfo("fake", "", 1 << 20);
            }

            @Override
            public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
                throw new UnsupportedOperationException("the fake model only has an identity; the test probe answers");
            }

            @Override
            public Map<String, Object> settings() {
                return settings;
            }
        };
    }

    /** The explanation with zero timings, to compare two runs of one explanation (their times differ). */
    public static Explanation withoutTimings(Explanation e) {
        return e.withCost(new Cost(e.calls(), new Timings(0, 0)));
    }
}
