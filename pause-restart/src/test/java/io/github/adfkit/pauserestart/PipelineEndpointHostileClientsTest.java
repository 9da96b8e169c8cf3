package io.github.adfkit.pauserestart;

import com.azure.data.tables.TableClient;
import io.github.adfkit.core.host.AuthorizedHandler;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.core.host.TrustedProxies;
import io.github.adfkit.pauserestart.models.PauseTicket;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pause and pause-data endpoints against hostile clients, whatever host serves them: they throttle wrong keys
 * per caller by themselves (a caller guessing keys is answered 429 with {@code Retry-After}, even with the right key
 * then; another caller is not; a refused request stores and reveals nothing), and no header chooses the restart link.
 */
@ExtendWith(AzuriteExtension.class)
class PipelineEndpointHostileClientsTest {
    private static final String PAUSE_URL = "http://localhost:7071/api/pause";
    private static final String DATA_URL = "http://localhost:7071/api/pause-data/";
    private static final String PAUSE_BODY = "{\"subscriptionId\":\"sub-1\",\"resourceGroupName\":\"rg-data\","
        + "\"factoryName\":\"adf-sales\",\"pipelineName\":\"ResumeAfterApproval\",\"data\":{\"batch\":\"b-7\"}}";
    private static final String GUESSER = "203.0.113.7";
    private static final String PIPELINE = "198.51.100.20";

    private final PauseRestartFixture fixture;
    private final CallerAuthorization key = CallerAuthorization.functionKey(PauseRestartFixture.DATA_KEY);

    PipelineEndpointHostileClientsTest(TableClient table) {
        this.fixture = new PauseRestartFixture(table);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void wrongKeysOnThePauseEndpointAre401Then429ForThatCallerOnlyAndPauseNothing() {
        PauseHandler pause = new PauseHandler(fixture.client, key);

        assertThrottlesTheGuesserOnly(pause, "POST", PAUSE_URL, PAUSE_BODY);

        assertThat(fixture.tableDump()).as("no refused request paused anything").isEmpty();
        HostResponse pipeline = pause.handle(request("POST", PAUSE_URL, PauseRestartFixture.DATA_KEY, PAUSE_BODY,
            PIPELINE, Map.of()));
        assertThat(pipeline.getStatus()).isEqualTo(201);
        assertThat(fixture.tableDump()).anySatisfy(row -> assertThat(row).contains("b-7"));
    }

    @Test
    void wrongKeysOnThePauseDataEndpointAre401Then429ForThatCallerOnlyAndRevealNothing() {
        PauseTicket ticket = fixture.pause();
        String url = DATA_URL + ticket.getPauseId();

        List<HostResponse> refused = assertThrottlesTheGuesserOnly(fixture.dataHandler, "GET", url, null);

        assertThat(refused).allSatisfy(response -> assertThat(response.getBodyAsString()).doesNotContain("2026-11-20")
            .doesNotContain(ticket.getPauseId()));
        HostResponse pipeline = fixture.dataHandler.handle(request("GET", url, PauseRestartFixture.DATA_KEY, null,
            PIPELINE, Map.of()));
        assertThat(pipeline.getStatus()).isEqualTo(200);
        assertThat(pipeline.getBodyAsString()).contains("2026-11-20");
    }

    @Test
    void behindATrustedProxyTheThrottleCountsTheForwardedCallerNotTheProxy() {
        PauseHandler pause = new PauseHandler(fixture.client, key, TrustedProxies.of("10.0.0.2"));
        Map<String, String> fromGuesser = Map.of("X-Forwarded-For", GUESSER);
        for (int i = 0; i <= AuthorizedHandler.DEFAULT_FAILURES_PER_MINUTE; i++) {
            pause.handle(request("POST", PAUSE_URL, "wrong-" + i, PAUSE_BODY, "10.0.0.2", fromGuesser));
        }
        assertThat(pause.handle(request("POST", PAUSE_URL, PauseRestartFixture.DATA_KEY, PAUSE_BODY, "10.0.0.2",
            fromGuesser)).getStatus()).isEqualTo(429);

        HostResponse pipeline = pause.handle(request("POST", PAUSE_URL, PauseRestartFixture.DATA_KEY, PAUSE_BODY,
            "10.0.0.2", Map.of("X-Forwarded-For", PIPELINE)));

        assertThat(pipeline.getStatus()).as("the pipeline behind the same proxy is not throttled").isEqualTo(201);
    }

    @Test
    void neitherTheHostNorAForwardedHostHeaderChoosesTheRestartLink() {
        PauseHandler pause = new PauseHandler(fixture.client, key, TrustedProxies.of("10.0.0.2"));
        Map<String, String> hostile = Map.of("Host", "evil.example", "X-Forwarded-Host", "evil.example",
            "X-Forwarded-Proto", "http");

        HostResponse direct = pause.handle(request("POST", "http://evil.example/api/pause",
            PauseRestartFixture.DATA_KEY, PAUSE_BODY, PIPELINE, hostile));
        HostResponse viaProxy = pause.handle(request("POST", "http://evil.example/api/pause",
            PauseRestartFixture.DATA_KEY, PAUSE_BODY, "10.0.0.2", hostile));

        for (HostResponse paused : List.of(direct, viaProxy)) {
            assertThat(paused.getStatus()).isEqualTo(201);
            assertThat(paused.getBodyAsString()).contains("\"restartUrl\":\"" + PauseRestartFixture.RESTART_PAGE
                + "?token=").doesNotContain("evil.example");
        }
    }

    /**
     * Sends {@value AuthorizedHandler#DEFAULT_FAILURES_PER_MINUTE} wrong keys from the guesser (each 401), then the
     * right key from the guesser (429 with {@code Retry-After}) and a wrong key from the pipeline (401, not 429).
     */
    private static List<HostResponse> assertThrottlesTheGuesserOnly(HostHandler endpoint, String method, String url,
        String body) {
        List<HostResponse> refused = new ArrayList<>();
        for (int i = 0; i < AuthorizedHandler.DEFAULT_FAILURES_PER_MINUTE; i++) {
            HostResponse wrong = endpoint.handle(request(method, url, "not-the-key-but-just-as-long-as-key-" + i,
                body, GUESSER, Map.of()));
            assertThat(wrong.getStatus()).isEqualTo(401);
            refused.add(wrong);
        }
        HostResponse throttled = endpoint.handle(request(method, url, PauseRestartFixture.DATA_KEY, body, GUESSER,
            Map.of()));
        assertThat(throttled.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.getHeader("Retry-After"))).isPositive();
        assertThat(throttled.getHeader("Cache-Control")).isEqualTo("no-store");
        refused.add(throttled);

        HostResponse otherCaller = endpoint.handle(request(method, url, "wrong", body, PIPELINE, Map.of()));
        assertThat(otherCaller.getStatus()).as("another caller is not throttled").isEqualTo(401);
        refused.add(otherCaller);
        return refused;
    }

    private static HostRequest request(String method, String url, String functionKey, String body, String peer,
        Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("x-functions-key", functionKey);
        headers.put("Content-Type", "application/json");
        return HostRequest.of(method, URI.create(url), headers,
            body == null ? null : body.getBytes(StandardCharsets.UTF_8), peer);
    }
}
