package io.github.adfkit.core.host;

import io.github.adfkit.core.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.adfkit.core.host.PublicUrlsTest.request;
import static org.assertj.core.api.Assertions.assertThat;

class AuthorizedHandlerTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2024-01-01T00:00:00Z"));
    private final AtomicInteger calls = new AtomicInteger();
    private final AuthorizedHandler handler = new AuthorizedHandler(
        request -> "right".equals(request.getHeader("x-functions-key")),
        request -> {
            calls.incrementAndGet();
            return HostResponse.empty(202);
        }, TrustedProxies.none(), 3, clock);

    @Test
    void refusesAWrongKeyWithoutCallingTheHandlerAndThrottlesGuessing() {
        for (int i = 0; i < 3; i++) {
            assertThat(handler.handle(request("198.51.100.7", Map.of("x-functions-key", "guess" + i))).getStatus())
                .isEqualTo(401);
        }
        HostResponse throttled = handler.handle(request("198.51.100.7", Map.of("x-functions-key", "right")));

        assertThat(throttled.getStatus()).isEqualTo(429);
        assertThat(throttled.getHeader("Retry-After")).isEqualTo("20");
        assertThat(calls).hasValue(0);
        assertThat(handler.handle(request("198.51.100.8", Map.of("x-functions-key", "right"))).getStatus())
            .as("another client").isEqualTo(202);

        clock.advance(Duration.ofSeconds(20));
        assertThat(handler.handle(request("198.51.100.7", Map.of("x-functions-key", "right"))).getStatus())
            .isEqualTo(202);
    }

    @Test
    void aForgedForwardedForDoesNotEscapeTheThrottle() {
        for (int i = 0; i < 3; i++) {
            handler.handle(request("198.51.100.7", Map.of("X-Forwarded-For", "203.0.113." + i)));
        }
        assertThat(handler.handle(request("198.51.100.7", Map.of("X-Forwarded-For", "203.0.113.99",
            "x-functions-key", "right"))).getStatus()).isEqualTo(429);
    }
}
