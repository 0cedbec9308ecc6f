package org.gsmile.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.Warning;
import org.gsmile.core.explain.Warning.Code;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.SurrogateKind;
import org.gsmile.core.spec.Preset;
import org.gsmile.models.http.FakeModelServer;
import org.gsmile.models.http.FakeModelServer.Call;
import org.gsmile.models.http.FakeModelServer.Reply;
import org.gsmile.models.http.RemoteModels;
import org.gsmile.models.http.RemoteOptions;
import org.gsmile.models.llama.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each warning provoked on the real stories260K or a loopback server, and the healthy explanation
 * that has none.
 */
class WarningsTest {
    static final String PROMPT = "Lily wanted to play with her red ball";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    static List<Code> codes(Explanation e) {
        return e.warnings().stream().map(Warning::code).toList();
    }

    static Explanation local(ExplanationSpec spec, String prompt) {
        return Explainers.create(spec).explain(new ExplanationRequest(prompt, 5), TestModels.stories260KModel());
    }

    /** A chat answer with the given text. */
    static Reply chat(Call call, String text) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-1").put("object", "chat.completion").put("model", call.body().get("model").asText());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        return Reply.ok(root.toString());
    }

    Explanation remote(Function<Call, Reply> script, ExplanationSpec spec, String prompt, String path) throws Exception {
        try (FakeModelServer server = new FakeModelServer(script)) {
            RemoteOptions options = RemoteOptions.fromSettings(Map.of(), temp, null, 0, "none", 4, 1, 5, 1, 42);
            String ref = path.equals("ollama") ? "ollama:tiny@" + server.base() : "openai:" + server.base() + "/v1#tiny";
            try (GenerativeModel model = RemoteModels.open(ref, options)) {
                return Explainers.create(spec).explain(new ExplanationRequest(prompt, 5), model);
            }
        }
    }

    @Test
    void aHealthyExplanationHasNoWarning() {
        Explanation e = local(ExplanationSpec.builder().distance(DistanceKind.LOGPROB_SHIFT).maxNewTokens(16).build(),
                PROMPT);
        assertEquals(List.of(), e.warnings(), e.warnings().toString());
        assertFalse(e.rankingBlocked());
    }

    @Test
    void tooFewSamplesLeaveTheFitUnidentifiedAndTheIntervalsMeaningless() {
        Explanation e = local(ExplanationSpec.builder().distance(DistanceKind.LOGPROB_SHIFT).maxNewTokens(8)
                .samples(4).build(), PROMPT);
        assertTrue(codes(e).containsAll(List.of(Code.UNDERDETERMINED, Code.FEW_SAMPLES, Code.NO_INTERVALS)),
                codes(e).toString());
        assertTrue(e.rankingBlocked());
        Warning few = e.warnings().stream().filter(w -> w.code() == Code.FEW_SAMPLES).findFirst().orElseThrow();
        assertTrue(few.remedy().contains("{samples=18}"), few.remedy());
    }

    @Test
    void asManySamplesAsUnknownsLeaveNothingToAdjust() {
        // The thesis recipe with 6 samples for 5 units and the intercept: an exact fit, with nothing left to judge it by.
        Explanation e = local(ExplanationSpec.builder().preset(Preset.THESIS).distance(DistanceKind.LOGPROB_SHIFT)
                .maxNewTokens(8).samples(6).build(), "Tom saw a big dog");
        Warning w = e.warnings().stream().filter(x -> x.code() == Code.LOW_ADJUSTED_FIT).findFirst().orElseThrow();
        assertTrue(w.message().contains("cannot be computed"), w.message());
    }

    @Test
    void unitsTheDesignNeverSeparatesAreTied() {
        // Two Bernoulli samples give each of 6 units one of at most 4 keep/drop patterns: two units must share one.
        Explanation e = local(ExplanationSpec.builder().preset(Preset.THESIS).distance(DistanceKind.LOGPROB_SHIFT)
                .maxNewTokens(8).samples(2).build(), "Tom saw a big brown dog");
        assertTrue(codes(e).contains(Code.TIED_UNITS), codes(e).toString());
    }

    @Test
    void aModelWhoseOutputNeverMovesIsFlaggedAndRanksNothing() throws Exception {
        Explanation e = remote(call -> chat(call, "The end."), ExplanationSpec.builder()
                .distance(DistanceKind.SENTENCE_EMBEDDING).samples(20).build(), PROMPT, "openai");
        assertTrue(codes(e).contains(Code.OUTPUT_UNCHANGED), codes(e).toString());
        assertTrue(e.rankingBlocked());
    }

    @Test
    void aGameThatTreatsEveryUnitAlikeIsFlat() throws Exception {
        // The answer depends only on how many words the prompt has: every unit's Shapley value is the same.
        Explanation e = remote(call -> chat(call, "word ".repeat(call.prompt().split("\\s+").length).strip()),
                ExplanationSpec.builder().distance(DistanceKind.SENTENCE_EMBEDDING).build(), "a b c d e f", "openai");
        assertTrue(codes(e).contains(Code.FLAT), codes(e).toString());
        assertTrue(e.rankingBlocked());
    }

    @Test
    void aModelWithoutTokenProbabilitiesGetsATextDistanceAndSaysSo() throws Exception {
        Explanation e = remote(FakeModelServer::answer, ExplanationSpec.builder().samples(20).build(), PROMPT, "openai");
        assertEquals(DistanceKind.EMBEDDING_WASSERSTEIN, e.provenance().spec().distance());
        assertTrue(codes(e).contains(Code.DISTANCE_CHOSEN), codes(e).toString());
    }

    @Test
    void aRejectedEmptyPromptIsReportedWithTheServersReason() throws Exception {
        Explanation e = remote(call -> call.prompt().isBlank()
                        ? Reply.status(400, "{\"error\":{\"message\":\"prompt must not be empty\"}}", Map.of())
                        : FakeModelServer.answer(call),
                ExplanationSpec.builder().distance(DistanceKind.SENTENCE_EMBEDDING).samples(20).build(), PROMPT, "openai");
        Warning w = e.warnings().stream().filter(x -> x.code() == Code.ANCHOR_REJECTED).findFirst().orElseThrow();
        assertTrue(w.message().contains("prompt must not be empty"), w.message());
        assertTrue(w.message().contains("empty prompt"), w.message());
    }

    @Test
    void anOllamaLoadEventIsNotACompletion() throws Exception {
        Explanation e = remote(call -> call.prompt().isBlank()
                        ? Reply.ok("{\"model\":\"tiny\",\"response\":\"\",\"done\":true,\"done_reason\":\"load\"}")
                        : FakeModelServer.answer(call),
                ExplanationSpec.builder().distance(DistanceKind.SENTENCE_EMBEDDING).samples(20).build(), PROMPT, "ollama");
        Warning w = e.warnings().stream().filter(x -> x.code() == Code.ANCHOR_REJECTED).findFirst().orElseThrow();
        assertTrue(w.message().contains("load event"), w.message());
    }

    @Test
    void manyFailedCallsAreFlagged() throws Exception {
        // A server that refuses perturbed prompts keeping "red" but not "wanted" (400 is not retried).
        Explanation e = remote(call -> call.prompt().contains("red") && !call.prompt().contains("wanted")
                        ? Reply.status(400, "{\"error\":{\"message\":\"content filter\"}}", Map.of())
                        : FakeModelServer.answer(call),
                ExplanationSpec.builder().distance(DistanceKind.SENTENCE_EMBEDDING).samples(30).build(), PROMPT, "openai");
        assertTrue(e.calls().failed() > 0);
        assertTrue(codes(e).contains(Code.FAILED_CALLS), codes(e).toString());
    }

    @Test
    void aSurrogateThatCannotFollowTheModelHasALowFit() throws Exception {
        // Units that matter only together (an interaction) defeat a linear surrogate (wls: the default size-profile
        // fit models each coalition size apart, and its size effects absorb part of this interaction).
        Explanation e = remote(call -> chat(call, call.prompt().contains("red") == call.prompt().contains("ball")
                        ? "She kicked the ball." : "It rained all day and nobody came."),
                ExplanationSpec.builder().distance(DistanceKind.SENTENCE_EMBEDDING).surrogate(SurrogateKind.WLS).build(),
                PROMPT, "openai");
        assertTrue(codes(e).contains(Code.LOW_FIT), codes(e).toString() + " " + e.fit());
    }
}
