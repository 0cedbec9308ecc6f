package org.gsmile.models.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.gsmile.core.UserInputException;

/**
 * Posts a request (JSON, or a multipart form) to one endpoint and retries what is worth retrying: 408, 429 and 5xx answers (waiting at
 * least as long as Retry-After asks), timeouts, dropped connections and malformed answers. What no
 * retry can fix ends the explanation at once and every later call with it: an unreachable server,
 * a rejected key, an unknown model. Other refusals (a 400 for one prompt) fail that call only.
 *
 * <p>Every text a server sends back passes through {@link ApiKey#scrub} before it can reach a
 * message; the key itself is only ever written into the Authorization header.
 */
final class HttpCaller {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final URI endpoint;
    private final ApiKey key;
    private final RetryPolicy policy;
    private final Duration timeout;
    private final String model;
    private final String notFoundFix;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private volatile UserInputException fatal;

    /**
     * @param model       the model name sent, named when the server says it does not know it; empty
     *                    for an API that takes none
     * @param notFoundFix what to check when the endpoint itself is not found (404 with no message
     *                    about a model), e.g. the base URL's usual ending
     */
    HttpCaller(HttpClient client, URI endpoint, ApiKey key, RetryPolicy policy, Duration timeout, String model,
               String notFoundFix) {
        this.client = client;
        this.endpoint = endpoint;
        this.key = key;
        this.policy = policy;
        this.timeout = timeout;
        this.model = model;
        this.notFoundFix = notFoundFix;
    }

    int sent() {
        return sent.get();
    }

    int retries() {
        return retries.get();
    }

    /**
     * Posts {@code body} until an answer parses, retrying transient failures.
     *
     * @param requestSeed identifies the request, so its backoff jitter is the same on every run
     * @param onRetry     told of each retry, so the explanation that made the call can count it
     * @throws UserInputException  when no call to this server can succeed
     * @throws CallFailedException when this call failed after its retries or was refused
     */
    <T> T post(HttpBody body, long requestSeed, Function<JsonNode, T> parse, Runnable onRetry) {
        String reason;
        for (int attempt = 0; ; attempt++) {
            boolean timedOut = false;
            UserInputException stop = fatal;
            if (stop != null) {
                throw stop;
            }
            Duration retryAfter = null;
            long started = System.nanoTime();
            try {
                sent.incrementAndGet();
                HttpResponse<String> response = client.send(request(body),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    try {
                        return parse.apply(JSON.readTree(response.body()));
                    } catch (JsonProcessingException | MalformedResponseException e) {
                        reason = "malformed answer (" + key.scrub(ErrorBodies.shorten(
                                e instanceof MalformedResponseException ? e.getMessage() : "not JSON")) + ")";
                    }
                } else if (status == 408 || status == 429 || status >= 500) {
                    String message = ErrorBodies.message(response.body());
                    reason = "HTTP " + status + (message == null ? "" : ": " + key.scrub(message));
                    retryAfter = RetryAfter.parse(response.headers(), Instant.now());
                } else {
                    throw refused(status, response.body());
                }
            } catch (HttpConnectTimeoutException e) {
                // The client reports a request timeout that fires before the connection is up as a
                // connect timeout: only one that took the whole connect timeout means no server.
                if (Duration.ofNanos(System.nanoTime() - started).compareTo(connectTimeout()) >= 0) {
                    throw stop(unreachable("connection timed out"));
                }
                reason = "no answer within " + seconds(timeout);
                timedOut = true;
            } catch (HttpTimeoutException e) {
                reason = "no answer within " + seconds(timeout);
                timedOut = true;
            } catch (ConnectException e) {
                throw stop(unreachable(hostNotFound(e) ? "host not found" : "connection refused"));
            } catch (IOException e) {
                if (hostNotFound(e)) {
                    throw stop(unreachable("host not found"));
                }
                reason = "connection dropped" + (e.getMessage() == null ? "" : " (" + key.scrub(
                        ErrorBodies.shorten(e.getMessage())) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CallFailedException(endpoint + ": interrupted");
            }
            if (attempt >= policy.maxRetries()) {
                // The CallFailedException's text becomes a user message when the call was the one that
                // cannot be missed (the original prompt's), so it names the fix.
                String fix = timedOut ? ": raise {timeout} if the server is just slow"
                        : reason.startsWith("HTTP 429") ? ": the server keeps limiting the rate; lower {concurrency}"
                        + " or raise {maxRetries}" : "";
                throw new CallFailedException(endpoint + ": " + reason + ", still after " + policy.maxRetries()
                        + (policy.maxRetries() == 1 ? " retry" : " retries") + fix);
            }
            retries.incrementAndGet();
            onRetry.run();
            sleep(policy.delay(attempt + 1, requestSeed, retryAfter));
        }
    }

    private Duration connectTimeout() {
        return client.connectTimeout().orElse(Duration.ofSeconds(10));
    }

    private HttpRequest request(HttpBody body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", body.contentType())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (key.isPresent()) {
            b.header("Authorization", key.bearer());
        }
        return b.build();
    }

    /** A non-retryable 4xx: fatal for every call when it concerns the key or the model, else for this one. */
    private RuntimeException refused(int status, String body) {
        String message = ErrorBodies.message(body);
        String said = message == null ? "" : ": " + key.scrub(message);
        if (status == 401 || status == 403) {
            // The server's own words are left out: some echo a masked part of the key.
            String variable = key.variable();
            String fix;
            if (variable == null) {
                fix = "put the key in an environment variable and name it with {apiKeyEnv}";
            } else if (key.isPresent()) {
                fix = "set " + variable + " to a valid API key (or name another variable with {apiKeyEnv})";
            } else {
                fix = "set " + variable + " to your API key (or name the variable that holds it with {apiKeyEnv})";
            }
            return stop(new UserInputException(endpoint + " answered " + status + " ("
                    + (status == 401 ? "unauthorized" : "forbidden") + (key.isPresent() ? ", the key was rejected"
                    : ", no key was sent") + "): " + fix));
        }
        if (status == 404) {
            return stop(new UserInputException(message == null || model.isEmpty()
                    ? endpoint + " answered 404 (not found" + said + "): " + notFoundFix
                    : endpoint + " answered 404 for model '" + model + "'" + said + ": check the model name in {model}"));
        }
        return new CallFailedException(endpoint + " refused the request (HTTP " + status + ")" + said);
    }

    private UserInputException unreachable(String why) {
        return new UserInputException("cannot reach " + endpoint + " (" + why + "): start the server or fix the URL"
                + " in {model}");
    }

    private UserInputException stop(UserInputException e) {
        if (fatal == null) {
            fatal = e;
        }
        return e;
    }

    private static boolean hostNotFound(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailedException("interrupted while waiting to retry");
        }
    }
}
