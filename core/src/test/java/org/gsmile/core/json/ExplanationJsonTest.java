package org.gsmile.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.gsmile.core.UserInputException;
import org.gsmile.core.adaptive.AdaptiveBudget;
import org.gsmile.core.adaptive.FixedBudget;
import org.gsmile.core.adaptive.Games;
import org.gsmile.core.adaptive.StopReason;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.explain.EchoProbe;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.SurrogateExplainer;
import org.gsmile.core.explain.TestParts;
import org.gsmile.core.kernel.GaussianKernel;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.MaskSampler;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.reference.ConstrainedLeastSquares;
import org.gsmile.core.reference.ReferenceExplainer;
import org.gsmile.core.reference.SampleWeighting;
import org.gsmile.core.reference.ShapleyKernel;
import org.gsmile.core.reference.ShapleyValuesTestGame;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.Method;
import org.gsmile.core.spec.OperatorKind;
import org.gsmile.core.spec.Preset;
import org.gsmile.core.surrogate.WeightedLeastSquares;
import org.gsmile.core.unit.Unit;
import org.junit.jupiter.api.Test;

/** An explanation written as JSON reads back equal, whatever produced it. */
class ExplanationJsonTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** A game on ten letters with clear leaders and small interactions. */
    static final OutputDistance<String> CLEAR = Games.game(set -> {
        if (set == (1 << 10) - 1) {
            return 0.0;
        }
        double v = 0.95 - 0.6 * ((set >> 2) & 1) - 0.3 * ((set >> 5) & 1) - 0.15 * (set & 1);
        return v + 0.02 * (((set >> 1) & 1) * ((set >> 7) & 1)) - 0.01 * ((set >> 9) & 1);
    });
    static final OutputDistance<String> SMALL_GAME = Games.game(set -> ShapleyValuesTestGame.GAME[set]);

    static TestParts shapleyParts(org.gsmile.core.adaptive.Budget budget, EchoProbe probe, OutputDistance<String> d) {
        return TestParts.of(Games.LETTERS, Games.uniformDistinct(), Games.DROP, new ShapleyKernel(),
                new ConstrainedLeastSquares(), budget, probe, d);
    }

    static Explanation roundTrip(Explanation e) {
        String json = ExplanationJson.write(e);
        Explanation back = ExplanationJson.read(json);
        assertEquals(e, back, json);
        // Written again, it is the same text: nothing is lost or reordered.
        assertEquals(json, ExplanationJson.write(back));
        return back;
    }

    @Test
    void aFixedBudgetWithBootstrapReadsBackEqual() {
        ExplanationSpec spec = ExplanationSpec.builder().samples(40).build();
        Explanation e = new SurrogateExplainer(spec, shapleyParts(new FixedBudget(40, 50, 0.95, 3), new EchoProbe(),
                CLEAR)).explain(new ExplanationRequest("a b c d e f g h i j", 7), TestParts.MODEL);
        assertTrue(e.sampling().hasIntervals());
        assertEquals(StopReason.BUDGET, e.sampling().stopReason());
        // The anchors' weight is +∞, written as null.
        assertEquals(Double.POSITIVE_INFINITY, e.samples().get(0).weight());
        Explanation back = roundTrip(e);
        assertEquals(spec, back.provenance().spec());
        assertEquals(Double.POSITIVE_INFINITY, back.samples().get(0).weight());
    }

    @Test
    void anAdaptiveBudgetReadsBackEqual() {
        ExplanationSpec spec = ExplanationSpec.builder().autoSamples(256).build();
        Explanation e = new SurrogateExplainer(spec, shapleyParts(AdaptiveBudget.upTo(256), new EchoProbe(), CLEAR))
                .explain(new ExplanationRequest("a b c d e f g h i j", 3), TestParts.MODEL);
        assertEquals("auto", e.sampling().budget());
        assertTrue(e.sampling().rounds() >= 1);
        Explanation back = roundTrip(e);
        assertEquals("auto", back.provenance().config().get("samples"));
        assertEquals(256, back.provenance().config().get("maxSamples"));
    }

    @Test
    void exactShapleyValuesReadBackEqual() {
        ExplanationSpec spec = ExplanationSpec.builder().method(Method.EXACT_SHAPLEY).build();
        Explanation e = new ReferenceExplainer(spec, TestParts.of(Games.LETTERS, Games.DROP, new EchoProbe(),
                SMALL_GAME)).explain(new ExplanationRequest("a b c d", 1), TestParts.MODEL);
        Explanation back = roundTrip(e);
        assertEquals(Method.EXACT_SHAPLEY, back.provenance().spec().method());
        assertEquals("shapley", MAPPER.valueToTree(ExplanationJson.tree(e)).path("provenance").path("method").asText());
    }

    @Test
    void leaveOneOutReadsBackEqual() {
        ExplanationSpec spec = ExplanationSpec.builder().method(Method.LEAVE_ONE_OUT).build();
        Explanation e = new ReferenceExplainer(spec, TestParts.of(Games.LETTERS, Games.DROP, new EchoProbe(),
                SMALL_GAME)).explain(new ExplanationRequest("a b c d", 5), TestParts.MODEL);
        assertEquals(Method.LEAVE_ONE_OUT, roundTrip(e).provenance().spec().method());
    }

    @Test
    void unreplacedUnitsReadBackEqual() {
        // An operator that, like the synonym operator, could not replace units 1 and 3 and drops them.
        PerturbationOperator someUnreplaced = new PerturbationOperator() {
            public String name() {
                return "synonym";
            }

            public Perturbation bind(String prompt, List<Unit> units, long seed) {
                Perturbation drop = Games.DROP.bind(prompt, units, seed);
                return new Perturbation() {
                    public String apply(Mask mask) {
                        return drop.apply(mask);
                    }

                    public List<Integer> unreplacedUnits() {
                        return List.of(1, 3);
                    }
                };
            }
        };
        ExplanationSpec spec = ExplanationSpec.builder().operator(OperatorKind.SYNONYM).samples(30).build();
        Explanation e = new SurrogateExplainer(spec, shapleyParts(FixedBudget.of(30), new EchoProbe(), CLEAR)
                .withOperator(someUnreplaced)).explain(new ExplanationRequest("a b c d e f g h i j", 2),
                TestParts.MODEL);
        assertEquals(List.of(1, 3), e.sampling().unreplacedUnits());
        // Without bootstrap the intervals and the stability are NaN, written as null.
        assertFalse(e.sampling().hasIntervals());
        assertEquals(List.of(1, 3), roundTrip(e).sampling().unreplacedUnits());
    }

    @Test
    void aNaNAdjustedFidelityReadsBackEqual() {
        // Two samples for three units: too few to adjust R², and a ridge to make the fit unique.
        MaskSampler two = new MaskSampler() {
            public String name() {
                return "fixed";
            }

            public List<Mask> sample(int units, int count, SplittableRandom random) {
                return List.of(Mask.of(true, false, true), Mask.of(false, true, true));
            }
        };
        ExplanationSpec spec = ExplanationSpec.builder().preset(Preset.THESIS).samples(2).build();
        Explanation e = new SurrogateExplainer(spec, TestParts.of(Games.LETTERS, two, Games.DROP,
                SampleWeighting.of(new GaussianKernel(0.5)), new WeightedLeastSquares(), FixedBudget.of(2),
                new EchoProbe(), SMALL_GAME)).explain(new ExplanationRequest("a b c", 1), TestParts.MODEL);
        assertTrue(Double.isNaN(e.fit().fidelity().r2wAdjusted()));
        assertTrue(e.fit().ridge() > 0, "ridge " + e.fit().ridge());
        Explanation back = roundTrip(e);
        assertTrue(Double.isNaN(back.fit().fidelity().r2wAdjusted()));
        assertEquals(e.fit().ridge(), back.fit().ridge());
    }

    @Test
    void outputTokensAndModelSettingsReadBackEqual() {
        int[] tokens = {5, 17, 2, 0, 31999};
        Explanation e = shapleyParts(FixedBudget.of(12), new EchoProbe(tokens), SMALL_GAME).explainer()
                .explain(new ExplanationRequest("a b c d", Long.MIN_VALUE + 3), TestParts.model(Map.of("logprobs", 5)));
        assertEquals(Map.of("logprobs", 5), e.provenance().modelSettings());
        Explanation back = roundTrip(e);
        assertTrue(Arrays.equals(tokens, back.baseline().outputTokens()));
        assertEquals(Long.MIN_VALUE + 3, back.provenance().seed());
        assertEquals(Map.of("logprobs", 5), back.provenance().modelSettings());
    }

    @Test
    void theKeysAreThePublishedOnesInTheirOrder() {
        Explanation e = shapleyParts(FixedBudget.of(12), new EchoProbe(), SMALL_GAME).explain("a b c d", 1);
        ObjectNode tree = ExplanationJson.tree(e);
        List<String> keys = new ArrayList<>();
        tree.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("model", "prompt", "output", "units", "attribution", "normalized", "intercept",
                "fidelity", "calls", "timingsMs", "seed", "config", "provenance", "sampling", "outputTokens",
                "warnings", "samples"), keys);
        assertEquals(List.of("r2w", "r2wAdjusted", "mseW", "ridge"), names(tree.get("fidelity").fieldNames()));
        assertEquals(List.of("requested", "unique", "cacheHits", "generations", "failed", "retries", "diskCacheHits"),
                names(tree.get("calls").fieldNames()));
        assertEquals(List.of("budget", "samples", "rounds", "stopReason", "topK", "topKStability", "level",
                "intervals", "unreplacedUnits"), names(tree.get("sampling").fieldNames()));
        assertEquals(List.of("modelSha256", "gsmileVersion", "method"), names(tree.get("provenance").fieldNames()));
        assertEquals("surrogate", tree.get("provenance").get("method").asText());
        assertEquals(List.of("mask", "prompt", "inputDistance", "weight", "outputDistance", "output"),
                names(tree.get("samples").get(0).fieldNames()));
    }

    static List<String> names(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** The JSON of an explanation after {@code edit}. */
    static String edited(Consumer<ObjectNode> edit) throws Exception {
        Explanation e = shapleyParts(FixedBudget.of(12), new EchoProbe(), SMALL_GAME).explain("a b c d", 1);
        ObjectNode tree = (ObjectNode) MAPPER.readTree(ExplanationJson.write(e));
        edit.accept(tree);
        return MAPPER.writeValueAsString(tree);
    }

    @Test
    void aMissingKeyIsAUserErrorNamingIt() throws Exception {
        for (String key : List.of("units", "attribution", "intercept", "fidelity", "calls", "timingsMs", "config",
                "provenance", "sampling", "model", "prompt", "output")) {
            String json = edited(t -> t.remove(key));
            UserInputException ex = assertThrows(UserInputException.class, () -> ExplanationJson.read(json), key);
            assertTrue(ex.getMessage().contains("'" + key + "'"), ex.getMessage());
            assertTrue(ex.getMessage().startsWith("not an explanation"), ex.getMessage());
        }
        String noStop = edited(t -> ((ObjectNode) t.get("sampling")).remove("stopReason"));
        assertTrue(assertThrows(UserInputException.class, () -> ExplanationJson.read(noStop)).getMessage()
                .contains("'stopReason'"));
        String noRidge = edited(t -> ((ObjectNode) t.get("fidelity")).remove("ridge"));
        assertTrue(assertThrows(UserInputException.class, () -> ExplanationJson.read(noRidge)).getMessage()
                .contains("'ridge'"));
    }

    @Test
    void malformedJsonIsAUserError() throws Exception {
        UserInputException notJson = assertThrows(UserInputException.class, () -> ExplanationJson.read("{\"model\": "));
        assertTrue(notJson.getMessage().startsWith("not an explanation: the text is not JSON"), notJson.getMessage());
        String unitsNotAList = edited(t -> t.put("units", "Once"));
        assertTrue(assertThrows(UserInputException.class, () -> ExplanationJson.read(unitsNotAList)).getMessage()
                .contains("'units' is not a list"));
        String badStop = edited(t -> ((ObjectNode) t.get("sampling")).put("stopReason", "tired"));
        assertTrue(assertThrows(UserInputException.class, () -> ExplanationJson.read(badStop)).getMessage()
                .contains("'tired'"));
        String badSpec = edited(t -> ((ObjectNode) t.get("config")).put("kernel", "cosine"));
        assertTrue(assertThrows(UserInputException.class, () -> ExplanationJson.read(badSpec)).getMessage()
                .startsWith("unknown kernel 'cosine'"));
    }
}
