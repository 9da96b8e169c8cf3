package io.github.adfkit.core;

import io.github.adfkit.core.models.CallbackPayload;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;
import io.github.adfkit.testing.telemetry.InMemoryTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A callback delivery as an OpenTelemetry user sees it: one {@code adfkit.callback} span with its outcome, an HTTP
 * span per attempt under it (no secret in any attribute), and the attempt and delivery counters.
 */
class CallbackTelemetryTest {
    private final AdfCallbackReceiver receiver = new AdfCallbackReceiver();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final InMemoryTelemetry telemetry = new InMemoryTelemetry();
    private CallbackClient client;

    @BeforeEach
    void start() {
        receiver.start();
        client = new CallbackClientBuilder()
            .callbackUriPolicy(CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting())
            .backoff(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(30)).withJitter(0))
            .clock(clock)
            .clientOptions(telemetry.clientOptions())
            .buildClient();
    }

    @AfterEach
    void stop() {
        receiver.close();
        telemetry.close();
    }

    @Test
    void aRetriedDeliveryIsOneSpanWithAnHttpSpanPerAttempt() {
        receiver.failNext(2, 503);

        client.send(receiver.callbackUri("run-1"), CallbackPayload.success(Map.of("rows", 3)));
        String code = receiver.callbackCode("run-1");

        List<SpanData> deliveries = telemetry.spans("adfkit.callback");
        assertThat(deliveries).hasSize(1);
        SpanData delivery = deliveries.get(0);
        assertThat(delivery.getAttributes().get(AttributeKey.stringKey("adfkit.outcome"))).isEqualTo("delivered");
        assertThat(delivery.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        List<SpanData> http = telemetry.spans().stream()
            .filter(span -> span.getParentSpanId().equals(delivery.getSpanId())).toList();
        assertThat(http).hasSize(3);
        assertThat(telemetry.spans()).allSatisfy(span -> assertThat(span.getAttributes().toString())
            .doesNotContain(code));
        assertThat(telemetry.count("adfkit.callback.attempts", Map.of())).isEqualTo(3);
        assertThat(telemetry.count("adfkit.callback.deliveries", Map.of("adfkit.outcome", "delivered"))).isEqualTo(1);
    }

    @Test
    void aRefusedDeliveryEndsItsSpanAsAnError() {
        receiver.failNext(1, 404);

        assertThatThrownBy(() -> client.send(receiver.callbackUri("run-2"), CallbackPayload.success(null)))
            .isInstanceOf(CallbackDeliveryException.class);

        SpanData delivery = telemetry.spans("adfkit.callback").get(0);
        assertThat(delivery.getAttributes().get(AttributeKey.stringKey("adfkit.outcome"))).isEqualTo("rejected");
        assertThat(delivery.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(telemetry.count("adfkit.callback.deliveries", Map.of("adfkit.outcome", "rejected"))).isEqualTo(1);
    }
}
