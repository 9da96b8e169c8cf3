package io.github.adfkit.testing.faults;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.adfkit.testing.FaultOutcomes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link FaultProxy} in front of a WireMock upstream, driven by the JDK {@link HttpClient}.
 */
class FaultProxyTest {
    private static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(300);

    private final WireMockServer upstream = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final HttpClient http = HttpClient.newHttpClient();
    private FaultProxy proxy;

    @BeforeEach
    void start() {
        upstream.start();
        upstream.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201)
            .withHeader("X-Upstream", "yes").withBody("{\"created\":true}")));
        proxy = new FaultProxy("http://127.0.0.1:" + upstream.port() + "/base").start();
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.stop();
    }

    @Test
    void forwardsMethodPathQueryHeadersAndBodyAndRelaysTheAnswer() throws Exception {
        assertThat(proxy.baseUrl()).isEqualTo("http://127.0.0.1:" + proxy.port() + "/base");

        HttpResponse<String> response = http.send(request("/items?x=1&y=2")
            .header("X-Test", "hello").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"one\"}")).build(),
            HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Upstream")).hasValue("yes");
        assertThat(response.body()).isEqualTo("{\"created\":true}");
        LoggedRequest received = upstream.getAllServeEvents().get(0).getRequest();
        assertThat(received.getMethod().getName()).isEqualTo("POST");
        assertThat(received.getUrl()).isEqualTo("/base/items?x=1&y=2");
        assertThat(received.getHeader("X-Test")).isEqualTo("hello");
        assertThat(received.getHeader("Host")).isEqualTo("127.0.0.1:" + upstream.port());
        assertThat(received.getBodyAsString()).isEqualTo("{\"name\":\"one\"}");
        assertThat(proxy.requestCount()).isEqualTo(1);
        assertThat(proxy.faultCount()).isZero();
    }

    @Test
    void forwardsAChunkedBody() throws Exception {
        byte[] body = "a body of unknown length, sent in chunks".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/chunked"))
            .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);

        LoggedRequest received = upstream.getAllServeEvents().get(0).getRequest();
        assertThat(received.getHeader("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(received.getBody()).isEqualTo(body);
    }

    @Test
    void keepsServingRequestsOnOneClient() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(get("/again").statusCode()).isEqualTo(201);
        }
        assertThat(upstream.getAllServeEvents()).hasSize(5);
        assertThat(proxy.requestCount()).isEqualTo(5);
    }

    @Test
    void resetBeforeFailsTheClientAndNeverReachesTheUpstream() {
        proxy.injectNext(1, ProxiedRequest.any(), FaultAction.resetBefore());

        assertThatThrownBy(() -> post("/items")).isInstanceOf(IOException.class);

        assertThat(upstream.getAllServeEvents()).isEmpty();
        assertThat(proxy.faultCount(FaultKind.RESET_BEFORE)).isEqualTo(1);
    }

    @Test
    void resetAfterLetsTheUpstreamActThenLosesTheAnswer() {
        proxy.injectNext(1, ProxiedRequest.any(), FaultAction.resetAfter());

        assertThatThrownBy(() -> post("/items")).isInstanceOf(IOException.class);

        assertThat(upstream.getAllServeEvents()).singleElement()
            .satisfies(event -> assertThat(event.getRequest().getBodyAsString()).isEqualTo("{}"));
        assertThat(proxy.faultCount(FaultKind.RESET_AFTER)).isEqualTo(1);
    }

    @Test
    void slowAnswerArrivesAfterTheDelay() throws Exception {
        Duration delay = Duration.ofMillis(300);
        proxy.injectNext(1, ProxiedRequest.any(), FaultAction.slow(delay));

        long started = System.nanoTime();
        HttpResponse<String> response = post("/items");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(delay);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(proxy.faultCount(FaultKind.SLOW)).isEqualTo(1);
    }

    @Test
    void slowAnswerTimesOutAClientAlthoughTheUpstreamActed() {
        proxy.injectNext(1, ProxiedRequest.any(), FaultAction.slow(Duration.ofSeconds(30)));

        assertThatThrownBy(() -> http.send(request("/items").timeout(SHORT_READ_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()))
            .isInstanceOf(HttpTimeoutException.class);
        assertThat(upstream.getAllServeEvents()).hasSize(1);
    }

    @Test
    void stallHoldsTheRequestUntilTheClientGivesUpAndNeverForwardsIt() {
        proxy.injectNext(1, ProxiedRequest.any(), FaultAction.stall());

        assertThatThrownBy(() -> http.send(request("/items").timeout(SHORT_READ_TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);

        assertThat(upstream.getAllServeEvents()).isEmpty();
        assertThat(proxy.faultCount(FaultKind.STALL)).isEqualTo(1);
    }

    @Test
    void closingTheProxyEndsAStalledRequest() {
        proxy.injectNext(1, ProxiedRequest.any(), FaultAction.stall());
        CompletableFuture<HttpResponse<String>> stalled =
            http.sendAsync(request("/items").GET().build(), HttpResponse.BodyHandlers.ofString());
        proxy.awaitRequestCount(1, Duration.ofSeconds(10));

        proxy.close();

        assertThatThrownBy(stalled::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void statusAnswersWithoutForwarding() throws Exception {
        proxy.injectNext(1, ProxiedRequest.any(), FaultAction.status(503, Duration.ofSeconds(2)));

        HttpResponse<String> response = post("/items");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(response.body()).contains("\"code\":\"ServiceUnavailable\"");
        assertThat(upstream.getAllServeEvents()).isEmpty();
        assertThat(post("/items").statusCode()).isEqualTo(201);
        assertThat(proxy.faultCount(FaultKind.STATUS)).isEqualTo(1);
    }

    @Test
    void scriptedFaultsHitOnlyMatchingRequestsAndRunOut() throws Exception {
        proxy.injectNext(2, ProxiedRequest.methodAndPath("post", "/base/orders/.*"), FaultAction.status(500));

        assertThat(get("/orders/1").statusCode()).isEqualTo(201);
        assertThat(post("/orders/1").statusCode()).isEqualTo(500);
        assertThat(post("/other").statusCode()).isEqualTo(201);
        assertThat(post("/orders/2").statusCode()).isEqualTo(500);
        assertThat(post("/orders/3").statusCode()).isEqualTo(201);
        assertThat(proxy.requestCount()).isEqualTo(5);
        assertThat(proxy.faultCount()).isEqualTo(2);
    }

    @Test
    void randomFaultsRepeatForTheSameSeedAndStopWhenCleared() throws Exception {
        FaultMix mix = FaultMix.ofRate(0.5).withStatuses(500, 503).withResets();
        List<String> first = outcomes(7L, mix);
        List<String> second = outcomes(7L, mix);

        assertThat(first).isEqualTo(second).contains("201", "reset").containsAnyOf("500", "503");

        proxy.clearFaults();
        assertThat(post("/items").statusCode()).isEqualTo(201);
    }

    @Test
    void answers502WhenTheUpstreamIsDown() throws Exception {
        upstream.stop();

        assertThat(post("/items").statusCode()).isEqualTo(502);
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new FaultProxy("https://example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultProxy("not a url")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> proxy.injectFaults(FaultMix.ofRate(0.5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultMix.ofRate(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultAction.status(200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultAction.slow(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> proxy.injectNext(-1, ProxiedRequest.any(), FaultAction.stall()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> outcomes(long seed, FaultMix mix) {
        proxy.injectFaults(seed, mix);
        return FaultOutcomes.of(20, () -> post("/items").statusCode());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(proxy.baseUrl() + path));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
