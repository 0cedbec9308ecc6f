package org.gsmile.experiments.cli;

import static org.gsmile.experiments.cli.ExplainCommandTest.PROMPT;
import static org.gsmile.experiments.cli.ExplainCommandTest.assertUserError;
import static org.gsmile.experiments.cli.ExplainCommandTest.gsmile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gsmile.experiments.cli.ExplainCommandTest.Result;
import org.gsmile.models.http.FakeModelServer;
import org.gsmile.models.http.FakeModelServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gsmile explain against real HTTP servers on loopback that speak the OpenAI and Ollama formats. */
class HttpExplainTest {
    static final String KEY = "sk-gsmile-FAKE-4b1d9e7a2c6f8053";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private FakeModelServer server;

    /** The environment the command line reads; a key in the developer's or CI's must never be sent, even to loopback. */
    private Map<String, String> environment = Map.of();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    String openai() {
        return "openai:" + server.base() + "/v1#tiny";
    }

    /** The explain command with a private cache and retries fast enough for a test. */
    Result explain(String model, String... more) {
        List<String> args = new ArrayList<>(List.of("explain", "--model", model, "--samples", "24",
                "--max-new-tokens", "12", "--format", "json", "--cache", temp.resolve("cache").toString(),
                "--retry-delay-ms", "5", "--timeout", "0.4"));
        args.addAll(List.of(more));
        args.add(PROMPT);
        return gsmile(environment, args.toArray(String[]::new));
    }

    static JsonNode calls(Result r) throws IOException {
        return JSON.readTree(r.out()).get("calls");
    }

    @Test
    void explainsWithWordMoversDistanceAndARepeatedRunMakesNoCalls() throws IOException {
        server = FakeModelServer.healthy();
        Result first = explain(openai(), "--distance", "embedding-wasserstein");
        assertEquals(0, first.exit(), first.err());
        JsonNode j = JSON.readTree(first.out());
        assertEquals("She kicked the ball and it was red.", j.get("output").asText());
        JsonNode calls = j.get("calls");
        assertEquals(25, calls.get("requested").asInt());
        // The original prompt's output is the generation itself: every distinct prompt is one request.
        assertEquals(calls.get("unique").asInt(), server.requests());
        assertEquals(0, calls.get("failed").asInt());
        assertEquals(0, calls.get("retries").asInt());
        assertEquals(0, calls.get("diskCacheHits").asInt());
        assertEquals("", j.at("/provenance/modelSha256").asText());
        // "ball" and "Lily" decide the stand-in model's output: they must rank first.
        List<String> ranked = new ArrayList<>();
        double[] theta = new double[8];
        for (int i = 0; i < 8; i++) {
            theta[i] = j.get("attribution").get(i).asDouble();
        }
        java.util.stream.IntStream.range(0, 8).boxed()
                .sorted((a, b) -> Double.compare(Math.abs(theta[b]), Math.abs(theta[a])))
                .forEach(i -> ranked.add(j.get("units").get(i).get("text").asText()));
        assertEquals(List.of("ball", "Lily", "red"), ranked.subList(0, 3).stream().sorted(
                (a, b) -> List.of("ball", "Lily", "red").indexOf(a) - List.of("ball", "Lily", "red").indexOf(b)).toList());

        int before = server.requests();
        Result second = explain(openai(), "--distance", "embedding-wasserstein");
        assertEquals(0, second.exit(), second.err());
        assertEquals(before, server.requests(), "the repeated run called the server");
        assertEquals(calls.get("unique").asInt(), calls(second).get("diskCacheHits").asInt());
        ObjectNode a = (ObjectNode) JSON.readTree(first.out());
        ObjectNode b = (ObjectNode) JSON.readTree(second.out());
        for (ObjectNode o : List.of(a, b)) {
            o.remove("timingsMs");
            ((ObjectNode) o.get("calls")).remove("diskCacheHits");
        }
        assertEquals(a, b);
    }

    @Test
    void theTextOutputSaysWhenEveryAnswerCameFromTheResponseCache() throws IOException {
        server = FakeModelServer.healthy();
        String[] args = {"explain", "--model", openai(), "--samples", "24", "--max-new-tokens", "12", "--cache",
                temp.resolve("cache").toString(), "--distance", "embedding-wasserstein", PROMPT};
        Result first = gsmile(environment, args);
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains(", 0 from the response cache, 0 retries\n"), first.out());
        assertFalse(first.out().contains("Every answer came from the response cache"), first.out());
        Result second = gsmile(environment, args);
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().matches("(?s).*, (\\d+) from the response cache, 0 retries\n.*"), second.out());
        assertTrue(second.out().contains("Every answer came from the response cache: no request reached the model"),
                second.out());
        assertTrue(second.out().contains("--cache none"), second.out());
    }

    @Test
    void misbehavingServerStillGivesAnExplanationAndReportsTheRetries() throws IOException {
        // Every prompt's first request fails, each in one of the ways real servers fail.
        server = new FakeModelServer(call -> {
            if (call.attempt() > 0) {
                return FakeModelServer.answer(call);
            }
            return switch (Math.floorMod(call.prompt().hashCode(), 5)) {
                case 0 -> Reply.status(429, "{\"error\":{\"message\":\"Rate limit reached\"}}", Map.of("Retry-After", "0"));
                case 1 -> Reply.status(500, "{\"error\":{\"message\":\"internal\"}}", Map.of());
                case 2 -> FakeModelServer.answer(call).after(800);
                case 3 -> Reply.ok("{\"choices\": [{\"message\": {\"content\": ");
                default -> Reply.dropped();
            };
        });
        Result r = explain(openai(), "--distance", "sentence-embedding", "--concurrency", "6");
        assertEquals(0, r.exit(), r.err());
        JsonNode calls = calls(r);
        assertEquals(0, calls.get("failed").asInt());
        assertEquals(calls.get("unique").asInt(), calls.get("retries").asInt());
        assertEquals(2 * calls.get("unique").asInt(), server.requests());
    }

    @Test
    void perturbationsThatKeepFailingAreLeftOutAndCounted() throws IOException {
        // Prompts without "play" always fail; the original has it.
        server = new FakeModelServer(call -> call.prompt().contains("play") ? FakeModelServer.answer(call)
                : Reply.status(503, "overloaded", Map.of()));
        Result r = explain(openai(), "--distance", "embedding-wasserstein", "--max-retries", "1");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = JSON.readTree(r.out());
        int failed = j.get("calls").get("failed").asInt();
        assertTrue(failed > 0 && failed < j.get("calls").get("unique").asInt(), j.get("calls").toString());
        assertTrue(r.err().contains(failed + " perturbed prompts still failed after retries"), r.err());
        assertEquals(failed, j.get("calls").get("retries").asInt());
    }

    @Test
    void tooFewSamplesLeftIsAUserError() throws IOException {
        server = new FakeModelServer(call -> call.prompt().equals(PROMPT) ? FakeModelServer.answer(call)
                : Reply.status(500, "{}", Map.of()));
        Result r = explain(openai(), "--distance", "embedding-wasserstein", "--max-retries", "0");
        assertUserError(r);
        assertTrue(r.err().contains("too few samples remain to fit"), r.err());
    }

    @Test
    void tokenWassersteinOverTheApiNeedsLogprobs() throws IOException {
        server = FakeModelServer.healthy();
        Result r = explain(openai(), "--distance", "token-wasserstein", "--logprobs", "3");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(3, j.at("/config/logprobs").asInt());
        assertEquals(3, server.calls.get(0).body().get("top_logprobs").asInt());
        assertTrue(Math.abs(j.get("attribution").get(7).asDouble()) > 0, "ball moves the output");

        Result without = explain(openai(), "--distance", "token-wasserstein");
        assertUserError(without);
        assertTrue(without.err().contains("--logprobs"), without.err());
        Result shift = explain(openai(), "--distance", "logprob-shift", "--logprobs");
        assertUserError(shift);
    }

    @Test
    void completionsApiAndOllamaWork() throws IOException {
        server = FakeModelServer.healthy();
        Result c = explain("openai:" + server.base() + "/v1#tiny?api=completions", "--distance", "sentence-embedding");
        assertEquals(0, c.exit(), c.err());
        assertEquals("/v1/completions", server.calls.get(0).path());
        Result o = explain("ollama:tiny@" + server.base(), "--distance", "embedding-wasserstein", "--logprobs", "2");
        assertEquals(0, o.exit(), o.err());
        Result ot = explain("ollama:tiny@" + server.base(), "--distance", "token-wasserstein", "--logprobs", "2");
        assertEquals(0, ot.exit(), ot.err());
        assertTrue(server.calls.stream().anyMatch(call -> call.path().equals("/api/generate")));
    }

    @Test
    void unreachableServerIsOneLineNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Result r = explain("openai:http://127.0.0.1:" + port + "/v1#tiny", "--distance", "embedding-wasserstein");
        assertUserError(r);
        assertTrue(r.err().contains("http://127.0.0.1:" + port + "/v1/chat/completions"), r.err());
    }

    @Test
    void rejectedKeyNamesTheVariableAndTheKeyAppearsNowhere() throws IOException {
        server = new FakeModelServer(call -> Reply.status(401, "{\"error\":{\"message\":\"Incorrect API key provided: "
                + call.authorization() + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}", Map.of()));
        environment = Map.of("OPENAI_API_KEY", KEY, "MY_GATEWAY_KEY", KEY);
        Result r = explain(openai(), "--distance", "embedding-wasserstein");
        assertUserError(r);
        assertTrue(r.err().contains("OPENAI_API_KEY"), r.err());
        assertEquals("Bearer " + KEY, server.calls.get(0).authorization(), "the key was not sent");

        Result custom = explain(openai(), "--distance", "embedding-wasserstein", "--api-key-env", "MY_GATEWAY_KEY");
        assertUserError(custom);
        assertTrue(custom.err().contains("MY_GATEWAY_KEY"), custom.err());

        Result unset = explain(openai(), "--api-key-env", "NOT_SET_ANYWHERE", "--distance", "embedding-wasserstein");
        assertUserError(unset);
        assertTrue(unset.err().contains("NOT_SET_ANYWHERE"), unset.err());

        // A server that succeeds, to put answers in the cache, then a look everywhere for the key.
        server.script(FakeModelServer::answer);
        Result ok = explain(openai(), "--distance", "embedding-wasserstein");
        assertEquals(0, ok.exit(), ok.err());
        for (Result each : List.of(r, custom, unset, ok)) {
            assertFalse((each.out() + each.err()).contains(KEY), "key in the output");
        }
        try (Stream<Path> files = Files.walk(temp)) {
            List<Path> written = files.filter(Files::isRegularFile).toList();
            assertFalse(written.isEmpty());
            for (Path f : written) {
                assertFalse(Files.readString(f).contains(KEY), "key in " + f);
            }
        }
    }

    @Test
    void unknownModelShowsTheServersMessageShortened() throws IOException {
        server = new FakeModelServer(call -> Reply.status(404, "{\"error\":{\"message\":\"The model `nope` does not"
                + " exist or you do not have access to it." + " Details follow.".repeat(40)
                + "\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}", Map.of()));
        Result r = explain("openai:" + server.base() + "/v1#nope", "--distance", "embedding-wasserstein");
        assertUserError(r);
        assertTrue(r.err().contains("The model `nope` does not exist"), r.err());
        assertTrue(r.err().length() < 400, r.err());
        assertEquals(1, server.requests());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"--concurrency=0", "--max-retries=-1", "--logprobs=50",
            "--timeout=0", "--api-key-env=sk-live-123", "--cache=", "--model=openai:gpt-4",
            "--model=openai:http://127.0.0.1:1/v1", "--model=ollama:", "--model=openai:localhost:8000#m"})
    void badRemoteOptionsAreOneLineAndExitCodeTwo(String option) {
        List<String> args = new ArrayList<>(List.of("explain", option, "--distance", "embedding-wasserstein"));
        if (!option.startsWith("--cache")) {
            args.addAll(List.of("--cache", temp.resolve("c").toString()));
        }
        args.add(PROMPT);
        assertUserError(gsmile(environment, args.toArray(String[]::new)));
    }

    @Test
    void textDistancesWorkWithTheLocalModelToo() throws IOException {
        String[] args = {"explain", "--model", ExplainCommandTest.model(), "--samples", "16", "--max-new-tokens", "8",
                "--format", "json", "--distance", "embedding-wasserstein", PROMPT};
        Result a = gsmile(environment, args);
        assertEquals(0, a.exit(), a.err());
        Result b = gsmile(environment, args);
        ObjectNode ja = (ObjectNode) JSON.readTree(a.out());
        ObjectNode jb = (ObjectNode) JSON.readTree(b.out());
        ja.remove("timingsMs");
        jb.remove("timingsMs");
        assertEquals(ja, jb, "same seed, same explanation");
        assertEquals("embedding-wasserstein", ja.at("/config/distance").asText());
        Result s = gsmile(environment, "explain", "--model", ExplainCommandTest.model(), "--samples", "8", "--max-new-tokens", "8",
                "--distance", "sentence-embedding", PROMPT);
        assertEquals(0, s.exit(), s.err());
        assertTrue(s.out().contains("9 requested"), s.out());
    }
}
