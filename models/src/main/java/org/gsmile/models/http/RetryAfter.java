package org.gsmile.models.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a server asks a client to wait: {@code Retry-After} as delay-seconds or an HTTP-date
 * (RFC 9110), or the {@code retry-after-ms} header that OpenAI sends for sub-second waits.
 */
final class RetryAfter {
    private RetryAfter() {
    }

    /** The requested wait, or null when the server asked for none or sent something unreadable. */
    static Duration parse(HttpHeaders headers, Instant now) {
        Optional<String> ms = headers.firstValue("retry-after-ms");
        if (ms.isPresent()) {
            try {
                double v = Double.parseDouble(ms.get().strip());
                if (v >= 0 && Double.isFinite(v)) {
                    return Duration.ofNanos((long) (v * 1e6));
                }
            } catch (NumberFormatException e) {
                // Fall back to Retry-After.
            }
        }
        Optional<String> value = headers.firstValue("retry-after");
        if (value.isEmpty()) {
            return null;
        }
        String v = value.get().strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
