package io.github.adfkit.testing.callback;

import io.github.adfkit.testing.faults.FaultMix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdfCallbackReceiverTest {
    private static final String JSON = "application/json; charset=utf-8";
    private static final String SUCCESS_BODY = "{\"Output\":{\"exitCode\":0},\"StatusCode\":\"200\"}";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newHttpClient();
    private final AdfCallbackReceiver receiver = new AdfCallbackReceiver();

    @BeforeEach
    void start() {
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void acceptsAJsonCallbackAndRecordsIt() throws Exception {
        String uri = receiver.callbackUri("job-1");

        assertThat(post(uri, JSON, SUCCESS_BODY).statusCode()).isEqualTo(200);

        ReceivedCallback callback = receiver.awaitCallbacks(1, WAIT).get(0);
        assertThat(callback.id()).isEqualTo("job-1");
        assertThat(callback.status()).isEqualTo(200);
        assertThat(callback.accepted()).isTrue();
        assertThat(callback.body().get("StatusCode").asText()).isEqualTo("200");
        assertThat(callback.body().get("Output").get("exitCode").asInt()).isZero();
        assertThat(callback.header("content-type")).isEqualToIgnoringCase(JSON);
        assertThat(callback.receivedAt()).isNotNull();
        assertThat(receiver.callbacksFor("job-1")).containsExactly(callback);
        assertThat(receiver.callbacksFor("job-2")).isEmpty();
    }

    @Test
    void callbackUriIsAbsoluteWithASecretLookingCode() {
        String uri = receiver.callbackUri("job-1");

        assertThat(uri).startsWith(receiver.baseUrl() + "/callback/job-1?callbackid=job-1&code=")
            .endsWith(receiver.callbackCode("job-1"))
            .isEqualTo(receiver.callbackUri("job-1"));
        assertThat(receiver.callbackCode("job-1")).hasSize(43).isNotEqualTo(receiver.callbackCode("job-2"));
        assertThatThrownBy(() -> receiver.callbackUri("a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void answers415WithoutAJsonContentType() throws Exception {
        HttpResponse<String> response = post(receiver.callbackUri("job-1"), "text/plain", SUCCESS_BODY);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(receiver.callbacks()).isEmpty();
        assertThat(receiver.attempts()).singleElement()
            .satisfies(attempt -> assertThat(attempt.status()).isEqualTo(415));
    }

    @Test
    void answers400ForABodyThatIsNotJson() throws Exception {
        assertThat(post(receiver.callbackUri("job-1"), JSON, "{not json").statusCode()).isEqualTo(400);
        assertThat(receiver.callbacks()).isEmpty();
    }

    @Test
    void answers403WhenTheCodeIsNotTheIssuedOne() throws Exception {
        String uri = receiver.callbackUri("job-1").replace(receiver.callbackCode("job-1"), "forged");

        assertThat(post(uri, JSON, SUCCESS_BODY).statusCode()).isEqualTo(403);
    }

    @Test
    void failsTheNextCallbacksAsToldThenSucceeds() throws Exception {
        receiver.failNext(3, 503);
        String uri = receiver.callbackUri("job-1");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(post(uri, JSON, SUCCESS_BODY).statusCode());
        }

        assertThat(statuses).containsExactly(503, 503, 503, 200);
        assertThat(receiver.attempts()).hasSize(4);
        assertThat(receiver.callbacks()).hasSize(1);
    }

    @Test
    void throttlesWith429AndRetryAfter() throws Exception {
        receiver.failNext(1, 429, Duration.ofSeconds(2));

        HttpResponse<String> response = post(receiver.callbackUri("job-1"), JSON, SUCCESS_BODY);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void respondsWithAPermanentStatusUntilToldOtherwise() throws Exception {
        receiver.respondWith(400);
        String uri = receiver.callbackUri("job-1");

        assertThat(post(uri, JSON, SUCCESS_BODY).statusCode()).isEqualTo(400);
        assertThat(post(uri, JSON, SUCCESS_BODY).statusCode()).isEqualTo(400);
        receiver.respondNormally();
        assertThat(post(uri, JSON, SUCCESS_BODY).statusCode()).isEqualTo(200);
    }

    @Test
    void awaitCallbacksWaitsForACallbackSentConcurrently() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.callbackUri("job-async")))
            .header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString(SUCCESS_BODY)).build();
        CompletableFuture<HttpResponse<String>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());

        assertThat(receiver.awaitCallbacks(1, WAIT)).extracting(ReceivedCallback::id).containsExactly("job-async");
        assertThat(sent.join().statusCode()).isEqualTo(200);
    }

    @Test
    void awaitCallbacksTimesOutWithAClearAssertionError() throws Exception {
        post(receiver.callbackUri("job-1"), "text/plain", "{}");

        assertThatThrownBy(() -> receiver.awaitCallbacks(1, Duration.ofMillis(200)))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("Expected 1 accepted callback(s) within PT0.2S but received 0")
            .hasMessageContaining("job-1:415")
            .hasMessageNotContaining(receiver.callbackCode("job-1"));
    }

    @Test
    void resetForgetsAttemptsAndScriptedFailures() throws Exception {
        receiver.failNext(5, 500);
        post(receiver.callbackUri("job-1"), JSON, SUCCESS_BODY);

        receiver.reset();

        assertThat(receiver.attempts()).isEmpty();
        assertThat(post(receiver.callbackUri("job-1"), JSON, SUCCESS_BODY).statusCode()).isEqualTo(200);
    }

    @Test
    void aResetFromTheFaultMixComesBeforeTheReceiverActs() throws Exception {
        receiver.injectFaults(FaultMix.ofRate(1.0).withResets());
        String uri = receiver.callbackUri("job-1");

        assertThatThrownBy(() -> post(uri, JSON, SUCCESS_BODY)).isInstanceOf(IOException.class);

        assertThat(receiver.attempts()).isEmpty();
        assertThat(receiver.injectedFaultCount()).isEqualTo(1);
        receiver.clearFaults();
        assertThat(post(uri, JSON, SUCCESS_BODY).statusCode()).isEqualTo(200);
    }

    @Test
    void aSlowAnswerFromTheFaultMixAcceptsTheCallbackAndAnswersTooLate() {
        receiver.injectFaults(FaultMix.ofRate(1.0).withSlowAnswers(Duration.ofSeconds(30)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.callbackUri("job-1")))
            .timeout(Duration.ofMillis(300)).header("Content-Type", JSON)
            .POST(HttpRequest.BodyPublishers.ofString(SUCCESS_BODY)).build();

        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
            .isInstanceOf(HttpTimeoutException.class);

        assertThat(receiver.awaitCallbacks(1, WAIT)).extracting(ReceivedCallback::id).containsExactly("job-1");
    }

    @Test
    void faultMixStatusesComeBeforeScriptedFailuresAndAreNotRecorded() throws Exception {
        receiver.injectFaults(3L, FaultMix.ofRate(1.0).withStatuses(503));
        receiver.failNext(1, 500);
        String uri = receiver.callbackUri("job-1");

        assertThat(post(uri, JSON, SUCCESS_BODY).statusCode()).isEqualTo(503);
        receiver.clearFaults();
        assertThat(post(uri, JSON, SUCCESS_BODY).statusCode()).isEqualTo(500);
        assertThat(receiver.attempts()).extracting(ReceivedCallback::status).containsExactly(500);
        assertThatThrownBy(() -> receiver.injectFaults(FaultMix.ofRate(0.1).withResetsAfterForwarding()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private HttpResponse<String> post(String uri, String contentType, String body)
        throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
