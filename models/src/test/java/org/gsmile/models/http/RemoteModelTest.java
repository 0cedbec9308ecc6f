package org.gsmile.models.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.TopLogprobs;
import org.gsmile.models.http.FakeModelServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP client against real servers on loopback. */
class RemoteModelTest {
    static final String KEY = "sk-gsmile-FAKE-7f3a9c1e5b2d4068";
    static final DecodingOptions GREEDY = DecodingOptions.greedy(16);

    @TempDir
    Path temp;

    private FakeModelServer server;
    private RemoteModel model;

    @AfterEach
    void stop() {
        if (model != null) {
            model.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Short timeouts and backoffs keep the suite fast; the policy is the same as in production. */
    RemoteOptions options(Map<String, String> env, Path cache, int concurrency, int maxRetries, int topLogprobs) {
        return new RemoteOptions(env, null, topLogprobs, cache, concurrency,
                new RetryPolicy(maxRetries, Duration.ofMillis(5), Duration.ofMillis(40), Duration.ofSeconds(2), 42),
                Duration.ofMillis(400), Duration.ofSeconds(2));
    }

    RemoteModel open(String reference, RemoteOptions options) {
        model = new RemoteModel(RemoteReference.parse(reference), options);
        return model;
    }

    String chat() {
        return "openai:" + server.base() + "/v1#tiny";
    }

    @Test
    void chatRequestFollowsTheWireFormatAndSendsTheKey() throws IOException {
        server = FakeModelServer.healthy();
        open(chat(), options(Map.of("OPENAI_API_KEY", KEY), null, 2, 0, 3));
        TopLogprobs a = Futures.join(model.generateWithTopLogprobs("Lily kicked the red ball", GREEDY));
        assertEquals("She kicked the ball and it was red.", a.text());
        assertEquals(8, a.steps().size());
        assertEquals("She ", a.steps().get(0).token());
        assertEquals(2, a.steps().get(0).top().size());
        JsonNode body = server.calls.get(0).body();
        assertEquals("tiny", body.get("model").asText());
        assertEquals("user", body.at("/messages/0/role").asText());
        assertEquals("Lily kicked the red ball", body.at("/messages/0/content").asText());
        assertEquals(0.0, body.get("temperature").asDouble());
        assertEquals(16, body.get("max_tokens").asInt());
        assertFalse(body.get("stream").asBoolean());
        assertTrue(body.get("logprobs").asBoolean());
        assertEquals(3, body.get("top_logprobs").asInt());
        assertFalse(body.has("seed"));
        assertEquals("Bearer " + KEY, server.calls.get(0).authorization());
    }

    @Test
    void completionsAndOllamaSpeakTheirOwnFormats() throws IOException {
        server = FakeModelServer.healthy();
        open("openai:" + server.base() + "/v1#tiny?api=completions", options(Map.of(), null, 1, 0, 2));
        TopLogprobs c = Futures.join(model.generateWithTopLogprobs("a red ball", GREEDY));
        assertEquals("The girl kicked the ball and it was red.", c.text());
        assertEquals(-0.2, c.steps().get(1).logprob());
        assertEquals(2, server.calls.get(0).body().get("logprobs").asInt());
        assertNull(server.calls.get(0).authorization(), "no key in the environment: no header");
        model.close();

        open("ollama:tiny@" + server.base(), options(Map.of("OPENAI_API_KEY", KEY), null, 1, 0, 0));
        assertEquals("She walked home.", Futures.join(model.generateAsync(List.of("Lily"), GREEDY)).get(0).text());
        JsonNode body = server.calls.get(1).body();
        assertEquals("/api/generate", server.calls.get(1).path());
        assertFalse(body.get("stream").asBoolean());
        assertEquals(16, body.at("/options/num_predict").asInt());
        assertEquals(0.0, body.at("/options/temperature").asDouble());
        assertNull(server.calls.get(1).authorization(), "ollama takes no key unless --api-key-env names one");
    }

    @Test
    void transientFailuresAreRetriedUntilAnAnswerArrives() throws IOException {
        // Each prompt meets a different failure first, then succeeds.
        server = new FakeModelServer(call -> {
            if (call.attempt() > 0) {
                return FakeModelServer.answer(call);
            }
            return switch (call.prompt()) {
                case "rate" -> Reply.status(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}",
                        Map.of("Retry-After", "0"));
                case "boom" -> Reply.status(500, "{\"error\":{\"message\":\"The server had an error\"}}", Map.of());
                case "busy" -> Reply.status(503, "overloaded", Map.of());
                case "slow" -> FakeModelServer.answer(call).after(1500);
                case "garbled" -> Reply.ok("{\"choices\": [ {\"message\": ");
                case "empty" -> Reply.ok("{}");
                case "drop" -> Reply.dropped();
                default -> FakeModelServer.answer(call);
            };
        });
        open(chat(), options(Map.of(), null, 4, 2, 0));
        List<String> prompts = List.of("rate", "boom", "busy", "slow", "garbled", "empty", "drop", "fine");
        List<String> texts = Futures.join(model.generateAsync(prompts, GREEDY)).stream().map(g -> g.text()).toList();
        assertEquals(prompts.stream().map(FakeModelServer::modelText).toList(), texts);
        RemoteCallStats stats = model.stats();
        assertEquals(7, stats.retries());
        assertEquals(15, stats.sent());
        assertEquals(0, stats.failed());
    }

    @Test
    void retryAfterIsHonoured() throws IOException {
        server = new FakeModelServer(call -> call.attempt() == 0
                ? Reply.status(429, "{}", Map.of("retry-after-ms", "300")) : FakeModelServer.answer(call));
        open(chat(), options(Map.of(), null, 1, 2, 0));
        long t0 = System.nanoTime();
        Futures.join(model.generateAsync(List.of("x"), GREEDY));
        assertTrue((System.nanoTime() - t0) / 1e6 >= 300, "waited less than the server asked");
        assertEquals(1, model.stats().retries());
    }

    @Test
    void aCallThatKeepsFailingFailsAloneAfterItsRetries() throws IOException {
        server = new FakeModelServer(call -> call.prompt().equals("doomed")
                ? Reply.status(502, "bad gateway", Map.of()) : FakeModelServer.answer(call));
        open(chat(), options(Map.of(), null, 2, 3, 0));
        CompletionException e = assertThrows(CompletionException.class,
                () -> model.generateWithTopLogprobs("doomed", GREEDY).join());
        assertTrue(e.getCause() instanceof CallFailedException, e.toString());
        assertTrue(e.getCause().getMessage().contains("HTTP 502"), e.getCause().getMessage());
        assertEquals(4, server.requests());
        assertEquals("She walked home.", Futures.join(model.generateWithTopLogprobs("Lily", GREEDY)).text());
        assertEquals(new RemoteCallStats(5, 3, 0, 1), model.stats());
    }

    @Test
    void aRequestRefusedForItsPromptFailsAloneWithoutRetries() throws IOException {
        server = new FakeModelServer(call -> Reply.status(400,
                "{\"error\":{\"message\":\"This prompt was flagged\",\"type\":\"invalid_request_error\"}}", Map.of()));
        open(chat(), options(Map.of(), null, 1, 3, 0));
        CompletionException e = assertThrows(CompletionException.class,
                () -> model.generateWithTopLogprobs("x", GREEDY).join());
        assertTrue(e.getCause() instanceof CallFailedException);
        assertTrue(e.getCause().getMessage().contains("This prompt was flagged"), e.getCause().getMessage());
        assertEquals(1, server.requests());
    }

    @Test
    void rejectedKeyIsAUserErrorNamingTheVariableAndNeverTheKey() throws IOException {
        server = new FakeModelServer(call -> Reply.status(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\",\"code\":\"invalid_api_key\"}}",
                Map.of()));
        open(chat(), options(Map.of("OPENAI_API_KEY", KEY), temp, 2, 3, 0));
        UserInputException e = assertThrows(UserInputException.class,
                () -> Futures.join(model.generateAsync(List.of("a", "b", "c"), GREEDY)));
        assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        // The first 401 stops the rest: no call is wasted on a key that cannot work.
        assertTrue(server.requests() <= 2, server.requests() + " requests");
        model.close();

        open(chat(), options(Map.of(), temp, 1, 3, 0));
        e = assertThrows(UserInputException.class,
                () -> Futures.join(model.generateAsync(List.of("a"), GREEDY)));
        assertTrue(e.getMessage().contains("no key was sent") && e.getMessage().contains("set OPENAI_API_KEY"),
                e.getMessage());
    }

    @Test
    void unknownModelShowsTheServersMessageShortened() throws IOException {
        String message = "The model `gpt-nope` does not exist or you do not have access to it. " + "x".repeat(400);
        server = new FakeModelServer(call -> Reply.status(404,
                "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}",
                Map.of()));
        open("openai:" + server.base() + "/v1#gpt-nope", options(Map.of(), null, 1, 3, 0));
        UserInputException e = assertThrows(UserInputException.class,
                () -> Futures.join(model.generateAsync(List.of("a"), GREEDY)));
        assertTrue(e.getMessage().contains("The model `gpt-nope` does not exist"), e.getMessage());
        assertTrue(e.getMessage().length() < 400, e.getMessage());
        assertEquals(1, server.requests());
    }

    @Test
    void unreachableServerIsAUserErrorNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        open("openai:http://127.0.0.1:" + port + "/v1#tiny", options(Map.of(), null, 1, 3, 0));
        UserInputException e = assertThrows(UserInputException.class,
                () -> Futures.join(model.generateAsync(List.of("a"), GREEDY)));
        assertTrue(e.getMessage().startsWith("cannot reach http://127.0.0.1:" + port + "/v1/chat/completions"),
                e.getMessage());
    }

    @Test
    void aTimeoutShorterThanTheConnectionIsASlowAnswerNotAMissingServer() throws IOException {
        // A request timeout of 1 ms fires before the connection is up: the client calls that a
        // connect timeout, yet the server is there and the fix is a longer --timeout.
        // The slow answer keeps the request from ever beating the timer, whichever timer fires.
        server = new FakeModelServer(call -> FakeModelServer.answer(call).after(200));
        model = new RemoteModel(RemoteReference.parse(chat()), new RemoteOptions(Map.of(), null, 0, null, 1,
                new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1), 42),
                Duration.ofMillis(1), Duration.ofSeconds(5)));
        CompletionException e = assertThrows(CompletionException.class,
                () -> model.generateWithTopLogprobs("x", GREEDY).join());
        assertTrue(e.getCause() instanceof CallFailedException, e.toString());
        assertTrue(e.getCause().getMessage().contains("no answer within 1 ms, still after 1 retry: raise {timeout}"),
                e.getCause().getMessage());
        assertFalse(e.getCause().getMessage().contains("cannot reach"), e.getCause().getMessage());
    }

    @Test
    void aSlowServerIsToldApartFromAnAbsentOne() throws IOException {
        server = new FakeModelServer(call -> FakeModelServer.answer(call).after(600));
        open(chat(), options(Map.of(), null, 1, 1, 0));
        CompletionException e = assertThrows(CompletionException.class,
                () -> model.generateWithTopLogprobs("x", GREEDY).join());
        assertTrue(e.getCause().getMessage().endsWith("no answer within 400 ms, still after 1 retry: raise {timeout}"
                + " if the server is just slow"), e.getCause().getMessage());
    }

    @Test
    void noMoreCallsInFlightThanTheConcurrency() throws IOException {
        server = new FakeModelServer(call -> FakeModelServer.answer(call).after(30));
        open(chat(), options(Map.of(), null, 3, 0, 0));
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            prompts.add("prompt " + i);
        }
        Futures.join(model.generateAsync(prompts, GREEDY));
        assertEquals(3, server.maxInFlight.get());
    }

    @Test
    void aRepeatedRunIsAnsweredFromTheCacheWithoutTheKey() throws IOException {
        server = FakeModelServer.healthy();
        Path cache = temp.resolve("responses");
        List<String> prompts = List.of("Lily", "red ball", "Lily red ball");
        open(chat(), options(Map.of("OPENAI_API_KEY", KEY), cache, 2, 0, 2));
        List<TopLogprobs> first = new ArrayList<>();
        for (String p : prompts) {
            first.add(Futures.join(model.generateWithTopLogprobs(p, GREEDY)));
        }
        model.close();
        assertEquals(3, server.requests());

        open(chat(), options(Map.of("OPENAI_API_KEY", KEY), cache, 2, 0, 2));
        for (int i = 0; i < prompts.size(); i++) {
            assertEquals(first.get(i), Futures.join(model.generateWithTopLogprobs(prompts.get(i), GREEDY)));
        }
        assertEquals(3, server.requests(), "the second run made calls");
        assertEquals(3, model.stats().diskCacheHits());
        // Other decoding options or log-probabilities are other answers.
        Futures.join(model.generateWithTopLogprobs("Lily", DecodingOptions.greedy(8)));
        assertEquals(4, server.requests());

        try (Stream<Path> files = Files.walk(cache)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertTrue(f.getFileName().toString().endsWith(".json"), "stray file " + f);
                assertFalse(Files.readString(f).contains(KEY), "key in " + f);
            }
        }
    }
}
