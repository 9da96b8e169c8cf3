package io.github.adfkit.core;

import io.github.adfkit.core.models.CallbackError;
import io.github.adfkit.core.models.CallbackPayload;
import io.github.adfkit.core.models.CallbackResult;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;
import io.github.adfkit.testing.callback.ReceivedCallback;
import io.github.adfkit.testing.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbackClientTest {
    private final AdfCallbackReceiver receiver = new AdfCallbackReceiver();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
    private CallbackClient client;

    @BeforeEach
    void start() {
        receiver.start();
        client = builder().buildClient();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private CallbackClientBuilder builder() {
        return new CallbackClientBuilder()
            .callbackUriPolicy(CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting())
            .backoff(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(30)).withJitter(0))
            .clock(clock);
    }

    @Test
    void sendsTheBodyAndHeaderAdfExpects() {
        CallbackResult result = client.send(receiver.callbackUri("run-1"),
            CallbackPayload.success(Map.of("exitCode", 0, "state", "Terminated")));

        assertThat(result.getStatusCode()).isEqualTo(200);
        assertThat(result.getAttempts()).isEqualTo(1);
        ReceivedCallback callback = receiver.callbacksFor("run-1").get(0);
        assertThat(callback.header("Content-Type")).isEqualTo("application/json");
        assertThat(callback.rawBody()).startsWith("{\"Output\":{").endsWith("},\"StatusCode\":\"200\"}");
        assertThat(callback.body().get("Output").get("exitCode").asInt()).isZero();
        assertThat(callback.body().get("StatusCode").asText()).isEqualTo("200");
        assertThat(callback.body().has("Error")).isFalse();
    }

    @Test
    void reportsFailureWithErrorCodeAndMessage() {
        client.send(receiver.callbackUri("run-2"), CallbackPayload.failure(
            new CallbackError("ContainerExitedWithError", "Exit code 3"), 500, Map.of("exitCode", 3)));

        ReceivedCallback callback = receiver.callbacksFor("run-2").get(0);
        assertThat(callback.body().get("Error").get("ErrorCode").asText()).isEqualTo("ContainerExitedWithError");
        assertThat(callback.body().get("Error").get("Message").asText()).isEqualTo("Exit code 3");
        assertThat(callback.body().get("StatusCode").asText()).isEqualTo("500");
    }

    @Test
    void succeedsAfterThreeServiceUnavailableAnswers() {
        receiver.failNext(3, 503);
        Instant before = clock.now();

        CallbackResult result = client.send(receiver.callbackUri("run-3"), CallbackPayload.success(null));

        assertThat(result.getAttempts()).isEqualTo(4);
        assertThat(receiver.attempts()).hasSize(4);
        assertThat(receiver.callbacksFor("run-3")).hasSize(1);
        assertThat(Duration.between(before, clock.now())).isEqualTo(Duration.ofSeconds(1 + 2 + 4));
    }

    @Test
    void honoursRetryAfterOverItsOwnBackoff() {
        receiver.failNext(2, 429, Duration.ofSeconds(20));
        Instant before = clock.now();

        CallbackResult result = client.send(receiver.callbackUri("run-4"), CallbackPayload.success(null));

        assertThat(result.getAttempts()).isEqualTo(3);
        assertThat(Duration.between(before, clock.now())).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void doesNotRetryABadRequest() {
        receiver.respondWith(400);

        assertThatThrownBy(() -> client.send(receiver.callbackUri("run-5"), CallbackPayload.success(null)))
            .isInstanceOfSatisfying(CallbackDeliveryException.class, e -> {
                assertThat(e.getReason()).isEqualTo(CallbackDeliveryException.Reason.REJECTED);
                assertThat(e.getLastStatusCode()).isEqualTo(400);
                assertThat(e.getAttempts()).isEqualTo(1);
            })
            .hasMessageContaining("HTTP 400");
        assertThat(receiver.attempts()).hasSize(1);
    }

    @Test
    void saysSoWhenTheDeadlinePasses() {
        receiver.respondWith(503);
        CallbackClient shortDeadline = builder().deadline(Duration.ofSeconds(60)).buildClient();
        String uri = receiver.callbackUri("run-6");

        assertThatThrownBy(() -> shortDeadline.send(uri, CallbackPayload.success(null)))
            .isInstanceOfSatisfying(CallbackDeliveryException.class, e -> {
                assertThat(e.getReason()).isEqualTo(CallbackDeliveryException.Reason.DEADLINE_EXCEEDED);
                assertThat(e.getAttempts()).isEqualTo(6);
            })
            .hasMessageContaining("deadline").hasMessageContaining("HTTP 503")
            .message().doesNotContain(receiver.callbackCode("run-6"));
    }

    @Test
    void aRepeatedDeliveryOfTheSameOutcomeIsHarmless() {
        String uri = receiver.callbackUri("run-7");
        CallbackPayload payload = CallbackPayload.success(Map.of("rows", 12));

        client.send(uri, payload);
        client.send(uri, payload);

        List<ReceivedCallback> callbacks = receiver.callbacksFor("run-7");
        assertThat(callbacks).hasSize(2);
        assertThat(callbacks.get(0).rawBody()).isEqualTo(callbacks.get(1).rawBody());
    }

    @Test
    void refusesAHostOutsideTheAllowList() {
        CallbackClient strict = new CallbackClientBuilder().clock(clock).buildClient();
        assertThatThrownBy(() -> strict.send(receiver.callbackUri("run-8"), CallbackPayload.success(null)))
            .isInstanceOfSatisfying(InvalidWebhookRequestException.class,
                e -> assertThat(e.getError()).isIn(WebhookRequestError.CALLBACK_URI_NOT_HTTPS,
                    WebhookRequestError.CALLBACK_HOST_NOT_ALLOWED));
        assertThat(receiver.attempts()).isEmpty();
    }

    @Test
    void asyncClientDeliversWithoutHoldingAThreadWhileWaiting() {
        receiver.failNext(1, 503);
        CallbackAsyncClient async = builder().buildAsyncClient();
        String uri = receiver.callbackUri("run-9");

        var pending = async.send(uri, CallbackPayload.success(null)).toFuture();
        Instant deadline = Instant.now().plusSeconds(10);
        while (clock.pendingTasks() == 0 && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        assertThat(pending).isNotDone();
        clock.advance(Duration.ofSeconds(1));

        assertThat(pending.join().getAttempts()).isEqualTo(2);
        assertThat(receiver.callbacksFor("run-9")).hasSize(1);
    }

    @Test
    void logsNeverContainTheCallbackToken() {
        String uri = receiver.callbackUri("run-10");
        String logged;
        try (LogCapture logs = LogCapture.start()) {
            receiver.failNext(2, 503);
            client.send(uri, CallbackPayload.success(null));
            receiver.respondWith(404);
            assertThatThrownBy(() -> client.send(uri, CallbackPayload.success(null)))
                .isInstanceOf(CallbackDeliveryException.class);
            logged = logs.text("io.github.adfkit.core") + logs.text("com.azure");
        }
        assertThat(logged).contains("retrying").contains("refused").doesNotContain(receiver.callbackCode("run-10"));
    }
}
