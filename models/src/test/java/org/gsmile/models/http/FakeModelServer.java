package org.gsmile.models.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on loopback that speaks OpenAI chat/completions and Ollama's /api/generate
 * (and, scripted with {@link FakeImageApis#answer}, the image APIs), and misbehaves on request:
 * rate limits with Retry-After, 5xx, slow answers, malformed JSON, connections closed without an
 * answer. A deterministic stand-in model answers from the prompt. A multipart/form-data request
 * reaches the script as a JSON object of its parts ({@link MultipartParser}).
 */
public final class FakeModelServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the script sees it; attempt counts earlier requests with the same prompt. */
    public record Call(String path, JsonNode body, String prompt, int attempt, String authorization,
                       String contentType) {
    }

    /** What to do with a request. */
    public record Reply(int status, String body, Map<String, String> headers, long delayMs, boolean drop) {
        public static Reply ok(String body) {
            return new Reply(200, body, Map.of(), 0, false);
        }

        public static Reply status(int status, String body, Map<String, String> headers) {
            return new Reply(status, body, headers, 0, false);
        }

        public static Reply dropped() {
            return new Reply(0, "", Map.of(), 0, true);
        }

        public Reply after(long ms) {
            return new Reply(status, body, headers, ms, drop);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    public final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    public final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Function<Call, Reply> script;

    public FakeModelServer(Function<Call, Reply> script) throws IOException {
        // Without TCP_NODELAY each answer's body waits ~40 ms for a delayed ACK (see ConcurrencyBenchmark).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Answers every request correctly in the format its path asks for. */
    public static FakeModelServer healthy() throws IOException {
        return new FakeModelServer(FakeModelServer::answer);
    }

    public void script(Function<Call, Reply> script) {
        this.script = script;
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int requests() {
        return calls.size();
    }

    /** The stand-in model: its output depends on which of a few words the prompt keeps. */
    public static String modelText(String prompt) {
        String p = prompt.toLowerCase();
        StringBuilder sb = new StringBuilder(p.contains("lily") ? "She" : "The girl");
        sb.append(p.contains("ball") ? " kicked the ball" : " walked home");
        sb.append(p.contains("red") ? " and it was red." : ".");
        return sb.toString();
    }

    /** The correct answer to a call, in the format of its path. */
    public static Reply answer(Call call) {
        String text = modelText(call.prompt());
        int top = call.body().path("top_logprobs").asInt(call.body().path("logprobs").isInt()
                ? call.body().path("logprobs").asInt() : 0);
        boolean logprobs = call.body().path("logprobs").asBoolean(false) || top > 0;
        ObjectNode root = JSON.createObjectNode();
        String[] tokens = text.split("(?<= )");
        switch (call.path()) {
            case "/v1/chat/completions" -> {
                root.put("id", "chatcmpl-1").put("object", "chat.completion").put("model", call.body().get("model").asText());
                ObjectNode choice = root.putArray("choices").addObject();
                choice.put("index", 0).put("finish_reason", "stop");
                choice.putObject("message").put("role", "assistant").put("content", text);
                if (logprobs) {
                    ArrayNode content = choice.putObject("logprobs").putArray("content");
                    for (int t = 0; t < tokens.length; t++) {
                        ObjectNode e = content.addObject().put("token", tokens[t]).put("logprob", -0.1 * (t + 1));
                        ArrayNode alts = e.putArray("top_logprobs");
                        alts.addObject().put("token", tokens[t]).put("logprob", -0.1 * (t + 1));
                        alts.addObject().put("token", " the").put("logprob", -2.5);
                    }
                }
            }
            case "/v1/completions" -> {
                ObjectNode choice = root.putArray("choices").addObject();
                choice.put("index", 0).put("text", text);
                if (logprobs) {
                    ObjectNode lp = choice.putObject("logprobs");
                    ArrayNode toks = lp.putArray("tokens");
                    ArrayNode lps = lp.putArray("token_logprobs");
                    ArrayNode tops = lp.putArray("top_logprobs");
                    for (String token : tokens) {
                        toks.add(token);
                        lps.add(-0.2);
                        tops.addObject().put(token, -0.2).put(" a", -1.9);
                    }
                }
            }
            case "/api/generate" -> {
                root.put("model", call.body().get("model").asText()).put("response", text).put("done", true);
                if (logprobs) {
                    ArrayNode content = root.putArray("logprobs");
                    for (String token : tokens) {
                        content.addObject().put("token", token).put("logprob", -0.3).putArray("top_logprobs")
                                .addObject().put("token", token).put("logprob", -0.3);
                    }
                }
            }
            default -> {
                return Reply.status(404, "404 page not found", Map.of());
            }
        }
        return Reply.ok(root.toString());
    }

    static String prompt(String path, JsonNode body) {
        if (path.endsWith("/chat/completions")) {
            return body.path("messages").path(0).path("content").asText();
        }
        // The generic image editor's request names its prompt the instruction.
        return body.has("instruction") ? body.path("instruction").asText() : body.path("prompt").asText();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        boolean counted = true;
        try {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            JsonNode body = type != null && type.startsWith("multipart/form-data") ? MultipartParser.parse(raw, type)
                    : JSON.readTree(raw);
            String path = exchange.getRequestURI().getPath();
            String prompt = prompt(path, body);
            int attempt = attempts.computeIfAbsent(prompt, k -> new AtomicInteger()).getAndIncrement();
            Call call = new Call(path, body, prompt, attempt, exchange.getRequestHeaders().getFirst("Authorization"),
                    type);
            calls.add(call);
            Reply reply = script.apply(call);
            if (reply.delayMs() > 0) {
                Thread.sleep(reply.delayMs());
            }
            // Leave the count before answering: once the client has the answer it may send its next
            // request, which must not find this one still counted.
            inFlight.decrementAndGet();
            counted = false;
            if (reply.drop()) {
                exchange.close();
                return;
            }
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (IOException | RuntimeException e) {
            // The client went away (a timeout): nothing to answer.
            exchange.close();
        } finally {
            if (counted) {
                inFlight.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
