package io.github.adfkit.core.implementation;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void readsSecondsAndHttpDates() {
        assertThat(RetryAfter.parse("10", NOW)).isEqualTo(Duration.ofSeconds(10));
        assertThat(RetryAfter.parse("Sat, 21 Nov 2026 10:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat, 21 Nov 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
        assertThat(RetryAfter.parse(null, NOW)).isNull();
    }

    @Test
    void millisecondHeadersWinInAzureCoresOrder() {
        HttpHeaders headers = new HttpHeaders()
            .set(HttpHeaderName.RETRY_AFTER, "10")
            .set(HttpHeaderName.fromString("retry-after-ms"), "1500")
            .set(HttpHeaderName.fromString("x-ms-retry-after-ms"), "250");
        assertThat(RetryAfter.from(headers, NOW)).isEqualTo(Duration.ofMillis(250));
        headers.remove(HttpHeaderName.fromString("x-ms-retry-after-ms"));
        assertThat(RetryAfter.from(headers, NOW)).isEqualTo(Duration.ofMillis(1500));
        headers.remove(HttpHeaderName.fromString("retry-after-ms"));
        assertThat(RetryAfter.from(headers, NOW)).isEqualTo(Duration.ofSeconds(10));
        assertThat(RetryAfter.from(new HttpHeaders(), NOW)).isNull();
    }
}
