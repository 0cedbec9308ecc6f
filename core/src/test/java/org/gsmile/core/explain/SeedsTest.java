package org.gsmile.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.gsmile.core.adaptive.FixedBudget;
import org.gsmile.core.adaptive.Games;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.MaskSampler;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.reference.ConstrainedLeastSquares;
import org.gsmile.core.reference.ShapleyKernel;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.unit.Unit;
import org.gsmile.core.unit.UnitSplitter;
import org.junit.jupiter.api.Test;

/** Each component draws from its own stream of the explanation seed. */
class SeedsTest {

    @Test
    void eachComponentHasItsOwnReproducibleStream() {
        Set<Long> seeds = new HashSet<>();
        for (String c : List.of("sampler", "bootstrap", "operator", "surrogate")) {
            assertEquals(Seeds.of(42, c), Seeds.of(42, c));
            seeds.add(Seeds.of(42, c));
            seeds.add(Seeds.of(43, c));
        }
        assertEquals(8, seeds.size(), "components and nearby seeds give unrelated streams");
        assertEquals(new SplittableRandom(Seeds.of(7, "sampler")).nextLong(), Seeds.random(7, "sampler").nextLong());
    }

    @Test
    void theExplainerPassesEachComponentItsStream() {
        AtomicLong samplerDraw = new AtomicLong();
        AtomicLong operatorSeed = new AtomicLong();
        AtomicLong surrogateSeed = new AtomicLong();
        MaskSampler recording = new MaskSampler() {
            public String name() {
                return "recording";
            }

            public List<Mask> sample(int units, int count, SplittableRandom random) {
                samplerDraw.set(random.nextLong());
                return Games.uniformDistinct().sample(units, count, new SplittableRandom(1));
            }
        };
        PerturbationOperator operator = new PerturbationOperator() {
            public String name() {
                return "drop";
            }

            public Perturbation bind(String prompt, List<Unit> units, long seed) {
                operatorSeed.set(seed);
                return Games.DROP.bind(prompt, units, seed);
            }
        };
        TestParts parts = TestParts.of(Games.LETTERS, recording, operator, new ShapleyKernel(),
                new ConstrainedLeastSquares(), FixedBudget.of(10), new EchoProbe(), Games.game(s -> Integer.bitCount(s)));
        ExplainerParts spying = new ExplainerParts() {
            public UnitSplitter splitter(GenerativeModel m) {
                return parts.splitter(m);
            }

            public Observation<?> observation(GenerativeModel m) {
                return parts.observation(m);
            }

            public PerturbationOperator operator() {
                return parts.operator();
            }

            public Design design(int units, long seed) {
                surrogateSeed.set(seed);
                return parts.design(units, seed);
            }
        };
        new SurrogateExplainer(ExplanationSpec.defaults(), spying)
                .explain(new ExplanationRequest("a b c d e", 99), TestParts.MODEL);
        assertEquals(Seeds.random(99, "sampler").nextLong(), samplerDraw.get());
        assertEquals(Seeds.of(99, "operator"), operatorSeed.get());
        assertEquals(Seeds.of(99, "surrogate"), surrogateSeed.get());
        assertNotEquals(operatorSeed.get(), surrogateSeed.get());
    }
}
