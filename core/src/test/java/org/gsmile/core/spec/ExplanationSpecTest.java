package org.gsmile.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.gsmile.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The spec's defaults, presets and rules, checked without a command line or a model. */
class ExplanationSpecTest {

    /** How the command line names a setting: {@code --max-samples}, {@code --max-samples 256}. */
    static final BiFunction<String, String, String> CLI = (key, value) -> value == null
            ? "--" + Setting.kebab(key) : "--" + Setting.kebab(key) + " " + value;

    /** Refused with a one-line message that names {@code key} as a setting placeholder. */
    static UserInputException assertRefused(String key, Executable build) {
        UserInputException e = assertThrows(UserInputException.class, build);
        assertTrue(e.template().contains("{" + key + "}") || e.template().contains("{" + key + "="), e.template());
        assertTrue(e.getMessage().startsWith(key) || e.getMessage().contains(" " + key), e.getMessage());
        assertFalse(e.getMessage().contains("{"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @Test
    void defaultsAreTheSizeProfileDesignShapleyAndSixtyFourSamples() {
        ExplanationSpec s = ExplanationSpec.defaults();
        assertEquals(Preset.DEFAULT, s.preset());
        assertEquals(SamplerKind.PROFILE, s.sampler());
        assertEquals(KernelKind.SHAPLEY, s.kernel());
        assertEquals(new SampleBudget.AtLeast(64), s.budget());
        assertEquals(64, s.budget().maxSamples());
        assertEquals("fixed", s.budget().label());
        assertEquals(UnitKind.WORDS, s.units());
        assertEquals(OperatorKind.DROP, s.operator());
        assertEquals("[MASK]", s.maskToken());
        assertEquals(SurrogateKind.PROFILE, s.surrogate());
        assertEquals(DistanceKind.AUTO, s.distance());
        assertEquals(Method.SURROGATE, s.method());
        assertEquals(3, s.topK());
        assertEquals(0.5, s.keep());
        assertEquals(0.5, s.sigma());
        assertEquals(32, s.maxNewTokens());
        assertTrue(s.bootstraps());
        assertEquals(s, ExplanationSpec.of(Preset.DEFAULT));
    }

    @Test
    void thesisPresetIsBernoulliGaussianAndSixtyFourSamples() {
        ExplanationSpec s = ExplanationSpec.of(Preset.THESIS);
        assertEquals(Preset.THESIS, s.preset());
        assertEquals(SamplerKind.BERNOULLI, s.sampler());
        assertEquals(KernelKind.GAUSSIAN, s.kernel());
        assertEquals(new SampleBudget.AtLeast(64), s.budget());
        assertEquals(SurrogateKind.WLS, s.surrogate());
    }

    @Test
    void explicitValuesWinOverThePreset() {
        ExplanationSpec thesis = ExplanationSpec.builder().preset(Preset.THESIS).sampler(SamplerKind.STRATA)
                .kernel(KernelKind.SHAPLEY).samples(100).build();
        assertEquals(Preset.THESIS, thesis.preset());
        assertEquals(SamplerKind.STRATA, thesis.sampler());
        assertEquals(KernelKind.SHAPLEY, thesis.kernel());
        assertEquals(new SampleBudget.Fixed(100), thesis.budget());
        ExplanationSpec byDefault = ExplanationSpec.builder().sampler(SamplerKind.PAIRED_BERNOULLI)
                .kernel(KernelKind.UNIFORM).autoSamples(128).build();
        assertEquals(SamplerKind.PAIRED_BERNOULLI, byDefault.sampler());
        assertEquals(KernelKind.UNIFORM, byDefault.kernel());
        assertEquals(new SampleBudget.Auto(128), byDefault.budget());
        assertEquals("auto", byDefault.budget().label());
        // Only what was not given comes from the preset.
        ExplanationSpec half = ExplanationSpec.builder().preset(Preset.THESIS).kernel(KernelKind.UNIFORM).build();
        assertEquals(SamplerKind.BERNOULLI, half.sampler());
        assertEquals(KernelKind.UNIFORM, half.kernel());
    }

    @Test
    void aSpecRebuiltFromItsBuilderIsEqual() {
        ExplanationSpec s = ExplanationSpec.builder().preset(Preset.THESIS).units(UnitKind.PHRASES)
                .operator(OperatorKind.MASK).maskToken("<unk>").distance(DistanceKind.SENTENCE_EMBEDDING).topK(2)
                .keep(0.7).sigma(0.25).maxNewTokens(8).build();
        assertEquals(s, s.toBuilder().build());
        // Values carried over explicitly, so changing the preset keeps them.
        assertEquals(SamplerKind.BERNOULLI, s.toBuilder().preset(Preset.DEFAULT).build().sampler());
    }

    @Test
    void sgdAloneFallsBackToTheGaussianKernel() {
        ExplanationSpec s = ExplanationSpec.builder().surrogate(SurrogateKind.SGD).build();
        assertEquals(KernelKind.GAUSSIAN, s.kernel());
        assertEquals(SamplerKind.PROFILE, s.sampler());
        assertFalse(s.bootstraps());
        assertEquals(KernelKind.UNIFORM,
                ExplanationSpec.builder().surrogate(SurrogateKind.SGD).kernel(KernelKind.UNIFORM).build().kernel());
    }

    @Test
    void sgdWithTheShapleyKernelIsRefused() {
        UserInputException e = assertRefused("surrogate", () -> ExplanationSpec.builder().surrogate(SurrogateKind.SGD)
                .kernel(KernelKind.SHAPLEY).build());
        assertTrue(e.getMessage().contains("surrogate=wls"), e.getMessage());
        assertTrue(e.getMessage().contains("kernel=gaussian"), e.getMessage());
    }

    @Test
    void sgdWithAnAutomaticBudgetIsRefused() {
        UserInputException e = assertRefused("samples", () -> ExplanationSpec.builder().surrogate(SurrogateKind.SGD)
                .autoSamples(256).build());
        assertTrue(e.getMessage().startsWith("samples auto refits the surrogate"), e.getMessage());
        assertTrue(e.getMessage().contains("surrogate=wls"), e.getMessage());
    }

    @Test
    void anAutomaticBudgetBelowSixteenIsRefused() {
        UserInputException e = assertRefused("maxSamples", () -> ExplanationSpec.builder().autoSamples(15).build());
        assertEquals("samples auto needs a reachable bound: maxSamples must be at least 16, got 15:"
                + " try maxSamples=256", e.getMessage());
        assertEquals(new SampleBudget.Auto(16), SampleBudget.auto(16));
    }

    @Test
    void fewerThanOneSampleIsRefused() {
        UserInputException e = assertRefused("samples", () -> ExplanationSpec.builder().samples(0).build());
        assertEquals("samples must be at least 1, got 0: try samples=64", e.getMessage());
        assertRefused("samples", () -> SampleBudget.fixed(-3));
    }

    @Test
    void topKBelowOneIsRefused() {
        UserInputException e = assertRefused("topK", () -> ExplanationSpec.builder().topK(0).build());
        assertTrue(e.getMessage().contains("try topK=3"), e.getMessage());
    }

    @Test
    void keepOutsideTheOpenUnitIntervalIsRefused() {
        for (double keep : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            UserInputException e = assertRefused("keep", () -> ExplanationSpec.builder().sampler(SamplerKind.BERNOULLI)
                    .keep(keep).build());
            assertTrue(e.getMessage().contains("got " + keep), e.getMessage());
        }
        assertEquals(0.01, ExplanationSpec.builder().sampler(SamplerKind.FIXED).keep(0.01).build().keep());
    }

    @Test
    void sigmaMustBePositiveAndFinite() {
        for (double sigma : new double[] {0, -1, Double.POSITIVE_INFINITY, Double.NaN}) {
            assertRefused("sigma", () -> ExplanationSpec.builder().kernel(KernelKind.GAUSSIAN).sigma(sigma).build());
        }
        assertEquals(3.0, ExplanationSpec.builder().kernel(KernelKind.GAUSSIAN).sigma(3).build().sigma());
    }

    @Test
    void maxNewTokensBelowOneIsRefused() {
        UserInputException e = assertRefused("maxNewTokens", () -> ExplanationSpec.builder().maxNewTokens(0).build());
        assertTrue(e.getMessage().contains("try maxNewTokens=32"), e.getMessage());
    }

    @Test
    void anEmptyMaskTokenIsRefused() {
        UserInputException e = assertRefused("maskToken", () -> ExplanationSpec.builder().operator(OperatorKind.MASK)
                .maskToken("").build());
        assertTrue(e.getMessage().contains("maskToken=[MASK]"), e.getMessage());
        assertTrue(e.getMessage().contains("operator=drop"), e.getMessage());
        assertRefused("maskToken", () -> ExplanationSpec.builder().operator(OperatorKind.MASK).maskToken(null).build());
    }

    /** A setting given explicitly that has no effect with the others is refused, naming what makes it so. */
    @Test
    void settingsWithoutEffectAreRefused() {
        assertTrue(assertRefused("keep", () -> ExplanationSpec.builder().keep(0.3).build()).getMessage()
                .contains("sampler=profile (the default preset's sampler)"));
        assertRefused("sigma", () -> ExplanationSpec.builder().kernel(KernelKind.SHAPLEY).sigma(1).build());
        assertRefused("maskToken", () -> ExplanationSpec.builder().maskToken("<unk>").build());
        assertRefused("maxSamples", () -> ExplanationSpec.builder().samples(10).maxSamples(100).build());
        assertRefused("topK", () -> ExplanationSpec.builder().surrogate(SurrogateKind.SGD).topK(2).build());
        for (java.util.function.UnaryOperator<ExplanationSpec.Builder> b : List.<java.util.function.UnaryOperator<
                ExplanationSpec.Builder>>of(x -> x.samples(10), x -> x.sampler(SamplerKind.BERNOULLI),
                x -> x.kernel(KernelKind.GAUSSIAN), x -> x.preset(Preset.THESIS), x -> x.topK(2),
                x -> x.surrogate(SurrogateKind.SGD))) {
            UserInputException e = assertThrows(UserInputException.class,
                    () -> b.apply(ExplanationSpec.builder().method(Method.EXACT_SHAPLEY)).build());
            assertTrue(e.getMessage().contains("has no effect with reference=shapley"), e.getMessage());
        }
        // The thesis preset's sampler and kernel use keep and sigma; an automatic budget uses its cap.
        assertEquals(0.3, ExplanationSpec.builder().preset(Preset.THESIS).keep(0.3).sigma(0.2).build().keep());
        assertEquals(new SampleBudget.Auto(100), ExplanationSpec.builder().autoSamples(256).maxSamples(100).build()
                .budget());
        // A copy counts nothing as given: changing the method of a thesis spec is not a user's mistake.
        ExplanationSpec thesis = ExplanationSpec.builder().preset(Preset.THESIS).keep(0.3).build();
        ExplanationSpec exact = thesis.toBuilder().method(Method.EXACT_SHAPLEY).build();
        assertEquals(ExplanationSpec.builder().method(Method.EXACT_SHAPLEY).build(), exact);
    }

    /** Each enum of the spec with its parser and the setting its errors name. */
    static Stream<Arguments> choices() {
        return Stream.of(
                Arguments.of(DistanceKind.class, (Function<String, Choice>) DistanceKind::of, "distance"),
                Arguments.of(KernelKind.class, (Function<String, Choice>) KernelKind::of, "kernel"),
                Arguments.of(Method.class, (Function<String, Choice>) Method::of, "reference"),
                Arguments.of(OperatorKind.class, (Function<String, Choice>) OperatorKind::of, "operator"),
                Arguments.of(Preset.class, (Function<String, Choice>) Preset::of, "preset"),
                Arguments.of(SamplerKind.class, (Function<String, Choice>) SamplerKind::of, "sampler"),
                Arguments.of(SurrogateKind.class, (Function<String, Choice>) SurrogateKind::of, "surrogate"),
                Arguments.of(UnitKind.class, (Function<String, Choice>) UnitKind::of, "units"));
    }

    @ParameterizedTest
    @MethodSource("choices")
    void everyChoiceRoundTripsItsLabelAndListsTheAcceptedNames(Class<? extends Enum<?>> type,
                                                               Function<String, Choice> of, String key) {
        Choice[] values = (Choice[]) type.getEnumConstants();
        List<String> labels = Arrays.stream(values).map(Choice::label).toList();
        assertEquals(labels.size(), new HashSet<>(labels).size(), "labels of " + type.getSimpleName() + " are distinct");
        for (Choice c : values) {
            assertEquals(c, of.apply(c.label()));
        }
        UserInputException e = assertRefused(key, () -> of.apply("nope"));
        assertTrue(e.getMessage().startsWith("unknown " + key + " 'nope': choose "), e.getMessage());
        String accepted = e.getMessage().substring(("unknown " + key + " 'nope': choose ").length());
        for (String label : labels) {
            assertTrue(accepted.contains(label), accepted + " lists " + label);
        }
        // Names are matched exactly: a label in capitals is not one.
        assertThrows(UserInputException.class, () -> of.apply(labels.get(0).toUpperCase(java.util.Locale.ROOT)));
    }

    @Test
    void acceptedNamesReadAsAList() {
        assertEquals("wls, sgd or profile", Choice.names(SurrogateKind.class));
        assertEquals("default or thesis", Choice.names(Preset.class));
        assertEquals("words, tokens, phrases, sentences, phrases-then-words or sentences-then-words",
                Choice.names(UnitKind.class));
        assertEquals("unknown units 'lines': choose words, tokens, phrases, sentences, phrases-then-words or"
                        + " sentences-then-words",
                assertThrows(UserInputException.class, () -> UnitKind.of("lines")).getMessage());
    }

    @Test
    void onlyReferencesAreReferences() {
        assertFalse(Method.SURROGATE.isReference());
        assertTrue(Method.EXACT_SHAPLEY.isReference());
        assertTrue(Method.LEAVE_ONE_OUT.isReference());
    }

    @Test
    void aFrontEndRendersSettingsInItsOwnTerms() {
        UserInputException e = assertThrows(UserInputException.class, () -> SampleBudget.auto(8));
        assertEquals("{samples} auto needs a reachable bound: {maxSamples} must be at least 16, got 8:"
                + " try {maxSamples=256}", e.template());
        assertEquals("--samples auto needs a reachable bound: --max-samples must be at least 16, got 8:"
                + " try --max-samples 256", e.render(CLI));
        assertTrue(e.render(CLI).contains("--max-samples 256"));
        assertEquals("samples auto needs a reachable bound: maxSamples must be at least 16, got 8: try maxSamples=256",
                e.getMessage());
        // YAML's spelling, as the experiment runner would render it.
        assertTrue(e.render((k, v) -> v == null ? k : k + ": " + v).endsWith("try maxSamples: 256"));
        assertEquals("--max-new-tokens", CLI.apply("maxNewTokens", null));
        assertEquals("--top-k 3", CLI.apply("topK", "3"));
        assertEquals("--mask-token [MASK]",
                new UserInputException("{maskToken=[MASK]}").render(CLI));
    }

    @Test
    void aMessageWithoutSettingsRendersAsWritten() {
        UserInputException plain = new UserInputException("the server at http://x is down: {not a setting}");
        assertEquals("the server at http://x is down: {not a setting}", plain.getMessage());
        assertEquals(plain.getMessage(), plain.render(CLI));
        // A replacement text with $ or \ is inserted literally.
        assertEquals("try $HOME\\x", new UserInputException("try {samples}").render((k, v) -> "$HOME\\x"));
        assertNull(new UserInputException(null).render(CLI));
    }

    @Test
    void everySettingKeyIsCamelCaseAndItsCommandLineNameKebabCase() {
        for (Setting s : Setting.values()) {
            assertTrue(s.key().matches("[a-z][a-zA-Z]*"), s.key());
            assertTrue(Setting.kebab(s.key()).matches("[a-z]+(-[a-z]+)*"), Setting.kebab(s.key()));
        }
        assertEquals("max-samples", Setting.kebab(Setting.MAX_SAMPLES.key()));
        assertEquals("api-key-env", Setting.kebab(Setting.API_KEY_ENV.key()));
        assertEquals("samples", Setting.kebab("samples"));
    }

    @Test
    void theSizeProfileFitIsTheDefaultWithTheShapleyKernelOnlyAndFollowsACopiedKernel() {
        assertEquals(SurrogateKind.WLS, ExplanationSpec.builder().kernel(KernelKind.GAUSSIAN).build().surrogate());
        assertEquals(SurrogateKind.WLS, ExplanationSpec.of(Preset.THESIS).surrogate());
        assertEquals(SurrogateKind.WLS, ExplanationSpec.builder().preset(Preset.THESIS).kernel(KernelKind.SHAPLEY)
                .build().surrogate());
        assertEquals(SurrogateKind.PROFILE, ExplanationSpec.builder().sampler(SamplerKind.STRATA).build().surrogate());
        // A copy of the default with another kernel is a valid spec: the profile fit was only the default.
        ExplanationSpec gaussian = ExplanationSpec.defaults().toBuilder().kernel(KernelKind.GAUSSIAN).build();
        assertEquals(SurrogateKind.WLS, gaussian.surrogate());
        // Given explicitly, wls stays wls, and profile with another kernel is refused.
        assertEquals(SurrogateKind.WLS, ExplanationSpec.builder().surrogate(SurrogateKind.WLS).build().surrogate());
        assertEquals(SurrogateKind.WLS, ExplanationSpec.builder().surrogate(SurrogateKind.WLS).build().toBuilder()
                .samples(100).build().surrogate());
        UserInputException e = assertRefused("surrogate", () -> ExplanationSpec.builder()
                .surrogate(SurrogateKind.PROFILE).kernel(KernelKind.GAUSSIAN).build());
        assertTrue(e.getMessage().contains("kernel=shapley"), e.getMessage());
        assertTrue(ExplanationSpec.defaults().bootstraps());
    }

    @Test
    void hierarchicalUnitsNeedTheDefaultFitAndAFixedBudget() {
        ExplanationSpec h = ExplanationSpec.builder().units(UnitKind.PHRASES_THEN_WORDS).build();
        assertEquals(SurrogateKind.PROFILE, h.surrogate());
        assertEquals(UnitKind.WORDS, h.units().attributesTo());
        assertEquals(UnitKind.SENTENCES, UnitKind.SENTENCES_THEN_WORDS.groups());
        assertRefused("units", () -> ExplanationSpec.builder().units(UnitKind.PHRASES_THEN_WORDS).autoSamples(256)
                .build());
        assertRefused("units", () -> ExplanationSpec.builder().units(UnitKind.SENTENCES_THEN_WORDS)
                .kernel(KernelKind.GAUSSIAN).build());
        assertRefused("units", () -> ExplanationSpec.builder().units(UnitKind.PHRASES_THEN_WORDS)
                .method(Method.EXACT_SHAPLEY).build());
    }
}
