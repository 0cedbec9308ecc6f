package org.gsmile.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real headless Chromium driven through the DevTools protocol (a WebSocket, java.net.http, and
 * Jackson; no browser-automation library), for opening report pages as a user's browser would and
 * collecting what went wrong: uncaught exceptions, console errors, failed loads, and any request that
 * is not to a local file (a report must never reach the network; DNS is also mapped to nothing, so
 * such a request fails as well as being reported).
 *
 * <p>Debian's {@code chromium} package ({@code /usr/bin/chromium}), or the binary named by
 * {@code GSMILE_CHROMIUM}. Started with a fresh profile and the flags that keep it from calling home
 * (in a closed network its background connections are refused, which would be logged as errors).
 */
final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    /** What went wrong on a page, and what its plots look like once drawn. */
    record PageResult(String url, List<String> errors, List<String> requests, JsonNode check) {
    }

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private final String session;

    /** The Chromium binary, if one is installed. */
    static Optional<Path> find() {
        String env = System.getenv("GSMILE_CHROMIUM");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env)).filter(Files::isExecutable);
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether CI asked for every test to run ({@code CI=true}, as {@code .ci/run} is run). */
    static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && (ci.equalsIgnoreCase("true") || ci.equals("1"));
    }

    static List<String> flags(Path profile) {
        return List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage", "--no-default-browser-check",
                "--mute-audio", "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + profile);
    }

    Chromium(Path binary) throws Exception {
        profile = Files.createTempDirectory("gsmile-chromium-");
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(flags(profile));
        cmd.add("--remote-debugging-port=0");
        cmd.add("--window-size=1280,900");
        cmd.add("about:blank");
        process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = err.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        endpoint.complete(m.group(1));
                    } else if (!endpoint.isDone()) {
                        synchronized (log) {
                            log.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
            endpoint.completeExceptionally(new IOException("chromium exited before its DevTools endpoint was up: " + log));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        String ws;
        try {
            ws = endpoint.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IOException("chromium did not start: " + e.getMessage(), e);
        }
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                .buildAsync(URI.create(ws), new Listener()).get(30, TimeUnit.SECONDS);
        String target = send(null, "Target.createTarget", JSON.createObjectNode().put("url", "about:blank"))
                .path("targetId").asText();
        session = send(null, "Target.attachToTarget", JSON.createObjectNode().put("targetId", target).put("flatten", true))
                .path("sessionId").asText();
        for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
            send(session, domain + ".enable", JSON.createObjectNode());
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode msg = JSON.readTree(text);
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                        if (f != null) {
                            if (msg.has("error")) {
                                f.completeExceptionally(new IOException("DevTools: " + msg.get("error")));
                            } else {
                                f.complete(msg.path("result"));
                            }
                        }
                    } else {
                        listeners.forEach(l -> l.accept(msg));
                    }
                } catch (IOException e) {
                    // Not JSON: ignore.
                }
            }
            ws.request(1);
            return null;
        }
    }

    /** Sends without waiting for the answer: for use on the socket's own thread, which delivers answers. */
    void sendAsync(String sessionId, String method, ObjectNode params) {
        ObjectNode msg = JSON.createObjectNode().put("id", ids.incrementAndGet()).put("method", method);
        msg.set("params", params);
        msg.put("sessionId", sessionId);
        socket.sendText(msg.toString(), true);
    }

    JsonNode send(String sessionId, String method, ObjectNode params) throws IOException {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        if (sessionId != null) {
            msg.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(msg.toString(), true).join();
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException(method + " failed: " + (e.getMessage() == null ? e : e.getMessage()), e);
        }
    }

    /**
     * Opens a page, waits for it to load and for every {@code [data-plot]} element to be drawn (or 20
     * s), runs {@code check} (a JavaScript expression giving a JSON string) and returns what went wrong.
     */
    PageResult open(Path file, String check) throws IOException, InterruptedException {
        String url = file.toUri().toString();
        List<String> errors = new CopyOnWriteArrayList<>();
        List<String> requests = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        Consumer<JsonNode> l = msg -> {
            if (!session.equals(msg.path("sessionId").asText())) {
                return;
            }
            JsonNode p = msg.path("params");
            switch (msg.path("method").asText()) {
                case "Page.loadEventFired" -> loaded.complete(null);
                case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails").path("exception")
                        .path("description").asText(p.path("exceptionDetails").path("text").asText()));
                case "Runtime.consoleAPICalled" -> {
                    String type = p.path("type").asText();
                    if (type.equals("error") || type.equals("assert")) {
                        StringBuilder s = new StringBuilder("console." + type + ":");
                        p.path("args").forEach(a -> s.append(' ').append(a.path("value").asText(a.path("description").asText())));
                        errors.add(s.toString());
                    }
                }
                case "Log.entryAdded" -> {
                    if (p.path("entry").path("level").asText().equals("error")) {
                        errors.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
                    }
                }
                case "Network.requestWillBeSent" -> {
                    String u = p.path("request").path("url").asText();
                    requests.add(u);
                    if (!(u.startsWith("file:") || u.startsWith("data:") || u.startsWith("about:") || u.startsWith("blob:"))) {
                        errors.add("network request: " + u);
                    }
                }
                case "Page.javascriptDialogOpening" -> {
                    // A dialog blocks the page (and every evaluation) until it is answered: record and dismiss it.
                    errors.add("a JavaScript " + p.path("type").asText() + " dialog opened: " + p.path("message").asText());
                    sendAsync(session, "Page.handleJavaScriptDialog", JSON.createObjectNode().put("accept", false));
                }
                case "Network.loadingFailed" -> errors.add("failed request: " + p.path("errorText").asText() + " "
                        + p.path("requestId").asText());
                default -> {
                }
            }
        };
        listeners.add(l);
        try {
            send(session, "Page.navigate", JSON.createObjectNode().put("url", url));
            try {
                loaded.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                errors.add("the page did not finish loading within 60 s");
            }
            JsonNode result = send(session, "Runtime.evaluate", JSON.createObjectNode().put("expression", check)
                    .put("awaitPromise", true).put("returnByValue", true)).path("result");
            JsonNode value = JSON.readTree(result.path("value").asText("null"));
            Thread.sleep(100);
            return new PageResult(url, List.copyOf(errors), List.copyOf(requests), value);
        } finally {
            listeners.remove(l);
        }
    }

    /** A PNG of the page now open, {@code width} CSS pixels wide and at most {@code maxHeight} high. */
    byte[] screenshot(int width, int maxHeight) throws IOException {
        JsonNode metrics = send(session, "Page.getLayoutMetrics", JSON.createObjectNode());
        double height = Math.min(maxHeight, metrics.path("cssContentSize").path("height").asDouble(900));
        send(session, "Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width)
                .put("height", (int) Math.ceil(height)).put("deviceScaleFactor", 1).put("mobile", false));
        ObjectNode params = JSON.createObjectNode().put("format", "png");
        params.putObject("clip").put("x", 0).put("y", 0).put("width", width).put("height", height).put("scale", 1);
        String data = send(session, "Page.captureScreenshot", params).path("data").asText();
        send(session, "Emulation.clearDeviceMetricsOverride", JSON.createObjectNode());
        return Base64.getDecoder().decode(data);
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // Closing anyway.
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Report.deleteTree(profile);
        } catch (IOException e) {
            // A leftover profile in the temp folder is harmless.
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Chromium(pid %d)", process.pid());
    }
}
