package io.github.adfkit.core.implementation;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads how long a server asked the client to wait, from the headers in the order azure-core uses:
 * {@code x-ms-retry-after-ms}, then {@code retry-after-ms}, then {@code Retry-After} (delay-seconds or an HTTP date).
 */
public final class RetryAfter {
    private static final HttpHeaderName X_MS_RETRY_AFTER_MS = HttpHeaderName.fromString("x-ms-retry-after-ms");
    private static final HttpHeaderName RETRY_AFTER_MS = HttpHeaderName.fromString("retry-after-ms");

    private RetryAfter() {
    }

    /**
     * @param headers the response headers
     * @param now the current instant, for an HTTP-date value
     * @return the delay the server asked for, or {@code null} when it asked for none (or sent nonsense)
     */
    public static Duration from(HttpHeaders headers, Instant now) {
        if (headers == null) {
            return null;
        }
        Duration millis = millis(headers.getValue(X_MS_RETRY_AFTER_MS));
        if (millis == null) {
            millis = millis(headers.getValue(RETRY_AFTER_MS));
        }
        return millis != null ? millis : parse(headers.getValue(HttpHeaderName.RETRY_AFTER), now);
    }

    /**
     * Parses a {@code Retry-After} value.
     *
     * @param value delay-seconds or an RFC 1123 date
     * @param now the current instant
     * @return the delay (zero for a date in the past), or {@code null} if the value is absent or not understood
     */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Duration millis(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long ms = Long.parseLong(value.trim());
            return ms < 0 ? null : Duration.ofMillis(ms);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
