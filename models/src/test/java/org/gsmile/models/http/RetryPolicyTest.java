package org.gsmile.models.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(1000),
            Duration.ofSeconds(5), 7);

    @Test
    void delaysGrowExponentiallyWithEqualJitterUpToTheCap() {
        for (long request = 0; request < 200; request++) {
            for (int retry = 1; retry <= 6; retry++) {
                double exp = Math.min(100 * Math.pow(2, retry - 1), 1000);
                long ms = policy.delay(retry, request, null).toNanos();
                assertTrue(ms >= exp / 2 * 1e6 && ms <= exp * 1e6, retry + ": " + ms);
            }
        }
    }

    @Test
    void jitterIsTheSameOnEveryRunAndDiffersBetweenRequests() {
        assertEquals(policy.delay(2, 12345, null), policy.delay(2, 12345, null));
        assertNotEquals(policy.delay(2, 12345, null), policy.delay(2, 12346, null));
    }

    @Test
    void retryAfterIsAFloorCappedByMaxRetryAfter() {
        assertEquals(Duration.ofSeconds(3), policy.delay(1, 1, Duration.ofSeconds(3)));
        assertEquals(Duration.ofSeconds(5), policy.delay(1, 1, Duration.ofSeconds(3600)));
        assertEquals(policy.delay(3, 1, null), policy.delay(3, 1, Duration.ZERO));
    }

    static HttpHeaders headers(Map<String, String> h) {
        return HttpHeaders.of(h.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> List.of(e.getValue()))), (a, b) -> true);
    }

    @Test
    void retryAfterIsReadAsSecondsAnHttpDateOrMilliseconds() {
        Instant now = Instant.parse("2015-10-21T07:28:00Z");
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse(headers(Map.of("Retry-After", "120")), now));
        assertEquals(Duration.ofSeconds(30),
                RetryAfter.parse(headers(Map.of("Retry-After", "Wed, 21 Oct 2015 07:28:30 GMT")), now));
        assertEquals(Duration.ZERO,
                RetryAfter.parse(headers(Map.of("Retry-After", "Wed, 21 Oct 2015 07:00:00 GMT")), now));
        assertEquals(Duration.ofMillis(250), RetryAfter.parse(headers(Map.of("retry-after-ms", "250",
                "Retry-After", "1")), now));
        assertNull(RetryAfter.parse(headers(Map.of("Retry-After", "soon")), now));
        assertNull(RetryAfter.parse(headers(Map.of()), now));
    }
}
