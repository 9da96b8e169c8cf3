package io.github.adfkit.testing.arm;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fake's model of ARM's subscription throttling, on a clock the test moves.
 */
class ArmThrottlingTest {
    private static final String GROUP = "/subscriptions/sub-1/resourcegroups/rg-1";

    private final AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final ArmFakeServer arm = new ArmFakeServer();
    private HttpPipeline pipeline;

    @BeforeEach
    void start() {
        arm.start();
        arm.stubFor(any(urlPathMatching("/subscriptions/.*")).willReturn(okJson("{\"name\":\"rg-1\"}")));
        pipeline = arm.httpPipeline(new StaticTestTokenCredential());
    }

    @AfterEach
    void stop() {
        arm.close();
    }

    @Test
    void offByDefault() {
        for (int i = 0; i < 300; i++) {
            assertThat(status(HttpMethod.GET, GROUP)).isEqualTo(200);
        }
        assertThat(arm.throttledCount()).isZero();
    }

    @Test
    void readsEmptyABucketOf250AndComeBackAt25ASecond() {
        arm.throttleLikeArm(clock::get);
        for (int i = 249; i >= 0; i--) {
            try (HttpResponse response = send(HttpMethod.GET, GROUP)) {
                assertThat(response.getStatusCode()).isEqualTo(200);
                assertThat(response.getHeaderValue("x-ms-ratelimit-remaining-subscription-reads"))
                    .isEqualTo(Integer.toString(i));
            }
        }
        try (HttpResponse throttled = send(HttpMethod.GET, GROUP)) {
            assertThat(throttled.getStatusCode()).isEqualTo(429);
            assertThat(throttled.getHeaderValue("Retry-After")).isEqualTo("1");
            assertThat(throttled.getBodyAsBinaryData().toString()).contains("SubscriptionRequestsThrottled");
        }
        assertThat(status(HttpMethod.GET, "/subscriptions/sub-2/resourcegroups/rg-1")).as("another subscription")
            .isEqualTo(200);
        assertThat(status(HttpMethod.PUT, GROUP)).as("writes have a bucket of their own").isEqualTo(200);

        advance(Duration.ofSeconds(1));
        for (int i = 0; i < 25; i++) {
            assertThat(status(HttpMethod.GET, GROUP)).isEqualTo(200);
        }
        assertThat(status(HttpMethod.GET, GROUP)).isEqualTo(429);
        assertThat(arm.throttledCount()).isEqualTo(2);
        assertThat(arm.sentBeforeRetryAfterCount()).isZero();
    }

    @Test
    void aRequestBeforeTheRetryAfterIsRefusedAgainAndCounted() {
        arm.throttleLikeArm(clock::get, new ArmThrottleLimits(1, 1, 200, 10, 200, 10));
        assertThat(status(HttpMethod.GET, GROUP)).isEqualTo(200);
        assertThat(status(HttpMethod.GET, GROUP)).isEqualTo(429);
        advance(Duration.ofMillis(500));
        assertThat(status(HttpMethod.GET, GROUP)).isEqualTo(429);
        assertThat(arm.sentBeforeRetryAfterCount()).isEqualTo(1);
        advance(Duration.ofMillis(500));
        assertThat(status(HttpMethod.GET, GROUP)).isEqualTo(200);
    }

    private void advance(Duration duration) {
        clock.updateAndGet(now -> now.plus(duration));
    }

    private int status(HttpMethod method, String path) {
        try (HttpResponse response = send(method, path)) {
            return response.getStatusCode();
        }
    }

    private HttpResponse send(HttpMethod method, String path) {
        return pipeline.sendSync(new HttpRequest(method, arm.baseUrl() + path + "?api-version=2021-04-01"),
            Context.NONE);
    }
}
