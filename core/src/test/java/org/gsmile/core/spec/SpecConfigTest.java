package org.gsmile.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gsmile.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The spec as the JSON config records it: today's published keys, in order, and back. */
class SpecConfigTest {
    /** The keys every config has, in the published order (README, "JSON output"). */
    static final List<String> KEYS = List.of("model", "samples", "keep", "sigma", "distance", "surrogate",
            "maxNewTokens", "units", "sampler", "operator", "kernel", "baseline", "preset", "topK");

    /** Keys this version appends after every published one (checked in {@link #newKeysComeAfterThePublishedOnes}). */
    static final List<String> APPENDED = List.of("minSamples", "sign");

    /** The config's keys without those appended at the end, which the tests below leave aside. */
    static List<String> keys(Map<String, Object> config) {
        List<String> k = new ArrayList<>(config.keySet());
        k.removeAll(APPENDED);
        return k;
    }

    /** KEYS with {@code extra} inserted after {@code after}. */
    static List<String> keysWith(String after, String... extra) {
        List<String> k = new ArrayList<>(KEYS);
        k.addAll(k.indexOf(after) + 1, List.of(extra));
        return k;
    }

    @Test
    void theDefaultSpecHasTodaysKeysInOrder() {
        Map<String, Object> c = SpecConfig.toMap(ExplanationSpec.defaults(), "local:x", Map.of());
        assertEquals(KEYS, keys(c));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("model", "local:x");
        expected.put("samples", 64);
        // The default sampler and kernel use neither keep nor sigma: they are recorded as not applying.
        expected.put("keep", null);
        expected.put("sigma", null);
        // Left to the model: the explanation records the distance that ran (SpecParts.specFor).
        expected.put("distance", "auto");
        expected.put("surrogate", "profile");
        expected.put("maxNewTokens", 32);
        expected.put("units", "words");
        expected.put("sampler", "profile");
        expected.put("operator", "drop");
        expected.put("kernel", "shapley");
        expected.put("baseline", "greedy");
        expected.put("preset", "default");
        expected.put("topK", 3);
        expected.put("minSamples", "2n+2");
        expected.put("sign", "distance");
        assertEquals(expected, c);
    }

    @Test
    void newKeysComeAfterThePublishedOnes() {
        List<String> all = new ArrayList<>(SpecConfig.toMap(ExplanationSpec.defaults(), "local:x", Map.of()).keySet());
        assertEquals(APPENDED, all.subList(all.size() - 2, all.size()));
        List<String> explicit = new ArrayList<>(SpecConfig.toMap(ExplanationSpec.builder().samples(64)
                .sign(SignConvention.IMPORTANCE).build(), "local:x", Map.of()).keySet());
        assertEquals("sign", explicit.get(explicit.size() - 1));
        assertTrue(!explicit.contains("minSamples"), "an explicit budget does not grow with the prompt");
    }

    @Test
    void thePresetsSettingsAreRecordedByName() {
        Map<String, Object> c = SpecConfig.toMap(ExplanationSpec.of(Preset.THESIS), "local:x", Map.of());
        assertEquals(KEYS, keys(c));
        assertEquals("bernoulli", c.get("sampler"));
        assertEquals("gaussian", c.get("kernel"));
        assertEquals("thesis", c.get("preset"));
    }

    @Test
    void anAutomaticBudgetRecordsAutoAndItsCapAfterThePreset() {
        Map<String, Object> c = SpecConfig.toMap(ExplanationSpec.builder().autoSamples(300).build(), "local:x",
                Map.of());
        assertEquals(keysWith("preset", "maxSamples"), keys(c));
        assertEquals("auto", c.get("samples"));
        assertEquals(300, c.get("maxSamples"));
    }

    @Test
    void theMaskOperatorRecordsItsToken() {
        Map<String, Object> c = SpecConfig.toMap(ExplanationSpec.builder().operator(OperatorKind.MASK)
                .maskToken("<unk>").build(), "local:x", Map.of());
        assertEquals(keysWith("topK", "maskToken"), keys(c));
        assertEquals("mask", c.get("operator"));
        assertEquals("<unk>", c.get("maskToken"));
    }

    @Test
    void aReferenceIsRecordedByName() {
        Map<String, Object> c = SpecConfig.toMap(ExplanationSpec.builder().method(Method.LEAVE_ONE_OUT).build(),
                "local:x", Map.of());
        assertEquals(keysWith("topK", "reference"), keys(c));
        assertEquals("loo", c.get("reference"));
        Map<String, Object> all = SpecConfig.toMap(ExplanationSpec.builder().method(Method.EXACT_SHAPLEY)
                .operator(OperatorKind.MASK).build(), "local:x", Map.of());
        assertEquals(keysWith("topK", "maskToken", "reference"), keys(all));
        assertEquals("shapley", all.get("reference"));
        // What a reference does not use is recorded as not applying.
        for (String unused : List.of("samples", "keep", "sigma", "surrogate", "sampler", "kernel", "preset", "topK")) {
            assertEquals(null, all.get(unused), unused);
        }
    }

    @Test
    void theModelsOwnSettingsFollowMaxNewTokens() {
        Map<String, Object> c = SpecConfig.toMap(ExplanationSpec.defaults(), "openai:gpt", Map.of("logprobs", 5));
        assertEquals(keysWith("maxNewTokens", "logprobs"), keys(c));
        assertEquals(5, c.get("logprobs"));
        assertEquals("openai:gpt", c.get("model"));
    }

    static Stream<ExplanationSpec> specs() {
        return Stream.of(
                ExplanationSpec.defaults(),
                ExplanationSpec.of(Preset.THESIS),
                ExplanationSpec.builder().autoSamples(256).build(),
                ExplanationSpec.builder().preset(Preset.THESIS).autoSamples(40).topK(2).build(),
                ExplanationSpec.builder().operator(OperatorKind.MASK).maskToken("<unk>").build(),
                ExplanationSpec.builder().method(Method.LEAVE_ONE_OUT).build(),
                ExplanationSpec.builder().method(Method.EXACT_SHAPLEY).units(UnitKind.PHRASES).build(),
                ExplanationSpec.builder().surrogate(SurrogateKind.SGD).kernel(KernelKind.GAUSSIAN).build(),
                ExplanationSpec.builder().surrogate(SurrogateKind.SGD).build(),
                ExplanationSpec.builder().preset(Preset.THESIS).sampler(SamplerKind.FIXED).kernel(KernelKind.GAUSSIAN)
                        .units(UnitKind.TOKENS).operator(OperatorKind.SYNONYM).distance(DistanceKind.LOGPROB_SHIFT)
                        .samples(17).keep(0.3).sigma(1.0).maxNewTokens(5).sign(SignConvention.IMPORTANCE).build());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void theConfigReadsBackAsTheSameSpec(ExplanationSpec spec) {
        assertEquals(spec, SpecConfig.fromMap(SpecConfig.toMap(spec, "local:x", Map.of())));
        // The model and its settings are the caller's, not the spec's.
        assertEquals(spec, SpecConfig.fromMap(SpecConfig.toMap(spec, "openai:gpt", Map.of("logprobs", 5))));
    }

    @Test
    void numbersReadBackWhateverTheirJavaType() {
        // JSON readers give whole numbers as Long or Double, fractions as Double.
        Map<String, Object> c = new LinkedHashMap<>(SpecConfig.toMap(ExplanationSpec.defaults(), "local:x", Map.of()));
        c.put("samples", 100L);
        c.put("topK", 2.0);
        c.put("kernel", "gaussian");
        c.put("surrogate", "wls");
        c.put("sigma", 1);
        ExplanationSpec s = SpecConfig.fromMap(c);
        assertEquals(new SampleBudget.AtLeast(100), s.budget());
        assertEquals(2, s.topK());
        assertEquals(1.0, s.sigma());
    }

    @Test
    void missingKeysTakeTheDefaults() {
        assertEquals(ExplanationSpec.defaults(), SpecConfig.fromMap(Map.of()));
        assertEquals(ExplanationSpec.builder().autoSamples(SampleBudget.DEFAULT_MAX).build(),
                SpecConfig.fromMap(Map.of("samples", "auto")));
    }

    @Test
    void badConfigsNameTheSetting() {
        UserInputException unknown = assertThrows(UserInputException.class,
                () -> SpecConfig.fromMap(Map.of("colour", "blue")));
        assertTrue(unknown.getMessage().contains("'colour'"), unknown.getMessage());
        UserInputException fraction = assertThrows(UserInputException.class,
                () -> SpecConfig.fromMap(Map.of("samples", 2.5)));
        assertEquals("samples takes a whole number, got 2.5", fraction.getMessage());
        UserInputException name = assertThrows(UserInputException.class,
                () -> SpecConfig.fromMap(Map.of("kernel", 3)));
        assertEquals("kernel takes a name, got 3", name.getMessage());
        UserInputException number = assertThrows(UserInputException.class,
                () -> SpecConfig.fromMap(Map.of("keep", "half")));
        assertEquals("keep takes a number, got half", number.getMessage());
        assertThrows(UserInputException.class, () -> SpecConfig.fromMap(Map.of("sampler", "sobol")));
    }
}
