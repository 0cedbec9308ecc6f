package org.gsmile.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.gsmile.core.Futures;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.experiments.Startup;
import org.gsmile.models.http.RemoteModel;
import org.gsmile.models.http.RemoteOptions;
import org.gsmile.models.http.RemoteReference;
import org.gsmile.models.http.RetryPolicy;

/**
 * How close the client comes to ideal concurrency: a loopback OpenAI-compatible server answers each
 * request after a fixed latency, and {@code prompts} distinct prompts are sent at the given
 * concurrency with the response cache off. Ideal wall time is prompts × latency / concurrency; the
 * printed ratio is measured / ideal (best of a few rounds, after a warm-up round).
 *
 * <p>Arguments (all optional): prompts (200), concurrency (8), latency in ms (50), rounds (3).
 *
 * <pre>./benchmark concurrency [prompts concurrency latencyMs rounds]</pre>
 */
public final class ConcurrencyBenchmark {
    private ConcurrencyBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Startup.configure();
        int prompts = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        long latencyMs = args.length > 2 ? Long.parseLong(args[2]) : 50;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;

        byte[] answer = ("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
                + "\"finish_reason\":\"stop\"}]}").getBytes(StandardCharsets.UTF_8);
        // The JDK server writes headers and body separately; with Nagle's algorithm on, the body then
        // waits for the client's delayed ACK (about 40 ms on Linux loopback), which would measure the
        // stand-in server rather than the client. Real model servers set TCP_NODELAY too.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(answer);
            }
        });
        server.start();
        String reference = "openai:http://127.0.0.1:" + server.getAddress().getPort() + "/v1#bench";
        RemoteOptions options = new RemoteOptions(Map.of(), null, 0, null, concurrency,
                RetryPolicy.defaults(0), Duration.ofSeconds(30), Duration.ofSeconds(5));
        double ideal = prompts * latencyMs / (double) concurrency;
        try (RemoteModel model = new RemoteModel(RemoteReference.parse(reference), options)) {
            double best = Double.MAX_VALUE;
            for (int round = 0; round <= rounds; round++) {
                List<String> batch = new ArrayList<>(prompts);
                for (int i = 0; i < prompts; i++) {
                    batch.add("round " + round + " perturbation " + i);
                }
                long t0 = System.nanoTime();
                Futures.join(model.generateAsync(batch, DecodingOptions.greedy(16)));
                double ms = (System.nanoTime() - t0) / 1e6;
                if (round > 0) {
                    best = Math.min(best, ms);
                }
                System.out.printf(Locale.ROOT, "%s: %d prompts at concurrency %d, %d ms latency: %.0f ms (ideal %.0f ms,"
                        + " ratio %.3f)%n", round == 0 ? "warm-up" : "round " + round, prompts, concurrency, latencyMs,
                        ms, ideal, ms / ideal);
            }
            System.out.printf(Locale.ROOT, "best ratio %.3f (target <= 1.3); requests sent %d%n", best / ideal,
                    model.stats().sent());
        } finally {
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }
}
