package org.gsmile.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.json.ExplanationJson;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.Method;
import org.gsmile.core.spec.OperatorKind;
import org.gsmile.core.spec.Preset;
import org.gsmile.core.spec.UnitKind;
import org.gsmile.models.http.FakeModelServer;
import org.gsmile.models.http.RemoteModels;
import org.gsmile.models.http.RemoteOptions;
import org.gsmile.models.llama.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Explanations of every kind built from specs alone, on the real stories260K and a loopback server. */
class ExplainersTest {
    static final String PROMPT = "Lily wanted to play with her red ball";

    @TempDir
    Path temp;

    static Explanation explain(ExplanationSpec spec, String prompt) {
        return Explainers.create(spec).explain(new ExplanationRequest(prompt, 7), TestModels.stories260KModel());
    }

    @Test
    void everyKindFromASpecAndBackFromItsJson() {
        ExplanationSpec fast = ExplanationSpec.builder().distance(DistanceKind.LOGPROB_SHIFT).maxNewTokens(8).build();
        List<ExplanationSpec> specs = List.of(
                fast.toBuilder().samples(24).build(),
                ExplanationSpec.builder().preset(Preset.THESIS).distance(DistanceKind.LOGPROB_SHIFT).maxNewTokens(8)
                        .samples(24).build(),
                fast.toBuilder().autoSamples(40).build(),
                fast.toBuilder().method(Method.EXACT_SHAPLEY).build(),
                fast.toBuilder().method(Method.LEAVE_ONE_OUT).build(),
                fast.toBuilder().operator(OperatorKind.SYNONYM).samples(24).build(),
                fast.toBuilder().operator(OperatorKind.MASK).units(UnitKind.TOKENS).samples(24).build(),
                ExplanationSpec.builder().maxNewTokens(8).samples(24).build());
        for (ExplanationSpec spec : specs) {
            Explanation e = explain(spec, PROMPT);
            // The provenance records the spec that ran: the auto distance is token-wasserstein on this model.
            assertEquals(spec.distance() == DistanceKind.AUTO
                    ? spec.toBuilder().distance(DistanceKind.TOKEN_WASSERSTEIN).build() : spec, e.provenance().spec());
            assertEquals("local:stories260K", e.provenance().modelId());
            assertEquals(TestModels.STORIES_BIN_SHA256, e.provenance().modelSha256());
            assertEquals(e, ExplanationJson.read(ExplanationJson.write(e)), spec.toString());
            assertTrue(e.baseline().outputTokens().length > 0);
        }
    }

    @Test
    void exactShapleyEqualsTheExhaustiveRegression() {
        ExplanationSpec spec = ExplanationSpec.builder().distance(DistanceKind.LOGPROB_SHIFT).maxNewTokens(8).build();
        String prompt = "Tom saw a big dog";
        double[] formula = explain(spec.toBuilder().method(Method.EXACT_SHAPLEY).build(), prompt).attribution().scores();
        double[] regression = explain(spec.toBuilder().sampler(org.gsmile.core.spec.SamplerKind.EXHAUSTIVE).build(),
                prompt).attribution().scores();
        assertArrayEquals(formula, regression, 1e-9);
    }

    @Test
    void oneExplainerServesConcurrentPromptsAsIfAlone() throws Exception {
        ExplanationSpec spec = ExplanationSpec.builder().distance(DistanceKind.LOGPROB_SHIFT).maxNewTokens(8)
                .operator(OperatorKind.SYNONYM).units(UnitKind.WORDS).samples(16).build();
        var explainer = Explainers.create(spec);
        GenerativeModel model = TestModels.stories260KModel();
        List<String> prompts = List.of(PROMPT, "The [[little bird]] sat on the tree", "Tom saw a big dog");
        Map<String, Explanation> alone = new ConcurrentHashMap<>();
        for (String p : prompts) {
            alone.put(p, explainer.explain(new ExplanationRequest(p, 3), model));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Boolean>> same = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String p = prompts.get(i % prompts.size());
                same.add(pool.submit(() -> {
                    Explanation e = explainer.explain(new ExplanationRequest(p, 3), model);
                    Explanation a = alone.get(p);
                    return e.attribution().equals(a.attribution()) && e.samples().equals(a.samples())
                            && e.sampling().equals(a.sampling());
                }));
            }
            for (var f : same) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    /** One remote model serving two explanations: each reports its own retries and disk-cache hits. */
    @Test
    void eachExplanationCountsItsOwnRemoteCalls() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        try (FakeModelServer server = new FakeModelServer(call -> {
            if (call.prompt().contains("ball") && call.attempt() == 0) {
                failures.incrementAndGet();
                return FakeModelServer.Reply.status(503, "{\"error\":{\"message\":\"busy\"}}", Map.of());
            }
            return FakeModelServer.answer(call);
        })) {
            RemoteOptions options = RemoteOptions.fromSettings(Map.of(), temp, null, 0, temp.resolve("cache").toString(),
                    4, 3, 5, 1, 42);
            ExplanationSpec spec = ExplanationSpec.builder().distance(DistanceKind.SENTENCE_EMBEDDING).maxNewTokens(8)
                    .samples(12).build();
            var explainer = Explainers.create(spec);
            try (GenerativeModel model = RemoteModels.open("openai:" + server.base() + "/v1#tiny", options)) {
                Explanation ball = explainer.explain(new ExplanationRequest(PROMPT, 1), model);
                Explanation dog = explainer.explain(new ExplanationRequest("Tom saw a big dog", 1), model);
                Explanation again = explainer.explain(new ExplanationRequest(PROMPT, 1), model);
                assertEquals(failures.get(), ball.calls().retries());
                assertTrue(ball.calls().retries() > 0);
                assertEquals(0, ball.calls().diskCacheHits());
                assertEquals(0, dog.calls().retries());
                // Only the empty prompt (the Shapley kernel's anchor) was asked before, by the first explanation.
                assertEquals(1, dog.calls().diskCacheHits());
                // The repeat is answered from the response cache alone: every distinct prompt but the original.
                assertEquals(0, again.calls().retries());
                assertEquals(again.calls().unique() + again.calls().preparation() - 1, again.calls().diskCacheHits());
                assertEquals(ball.attribution(), again.attribution());
                assertEquals(ball, ExplanationJson.read(ExplanationJson.write(ball)));
            }
        }
    }

    @Test
    void settingsThatDependOnThePromptAreCheckedWhenItIsExplained() {
        ExplanationSpec spec = ExplanationSpec.builder().method(Method.EXACT_SHAPLEY).build();
        UserInputException e = assertThrows(UserInputException.class, () -> explain(spec,
                "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"));
        assertTrue(e.getMessage().contains("reference=loo"), e.getMessage());
    }
}
