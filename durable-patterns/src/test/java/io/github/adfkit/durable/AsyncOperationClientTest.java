package io.github.adfkit.durable;

import ch.qos.logback.classic.Level;
import com.azure.core.http.HttpMethod;
import com.azure.core.util.BinaryData;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.models.DurableOrchestrationStatus;
import io.github.adfkit.durable.models.OperationRuntimeStatus;
import io.github.adfkit.durable.models.OperationStatus;
import io.github.adfkit.testing.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The synchronous client against WireMock stubs of a Durable Functions host, the seed's statusUri endpoint and an
 * Azure-guidelines status monitor. Waits go through a {@link ManualClock}, so hours of polling take no time and the
 * clock shows exactly how long the client waited.
 */
class AsyncOperationClientTest {
    private static final String START = "/api/orchestrators/Export";
    @RegisterExtension
    static final DurableHostServer HOST = new DurableHostServer();
    private static final WireMockServer SERVER = HOST.server();

    private final ManualClock clock = new ManualClock();
    private final Instant t0 = clock.now();
    private LogCapture logs;
    private AsyncOperationClient client;

    record Report(int rows, String day) {
    }

    @BeforeEach
    void setUp() {
        client = new AsyncOperationClientBuilder().clock(clock).timeout(Duration.ofHours(1))
            .pollBackoff(Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(30)).withJitter(0))
            .buildClient();
        logs = LogCapture.start(Level.WARN);
    }

    @AfterEach
    void tearDown() {
        logs.close();
    }

    @Test
    void followsDurableHostToTypedResultHonouringEveryRetryAfter() {
        stubDurableStart();
        DurableHost.stubStatusSequence(SERVER,
            aResponse().withStatus(202).withHeader("Location", DurableHost.statusUrl(SERVER))
                .withHeader("Retry-After", "5").withBody(DurableHost.status("Pending", "null")),
            aResponse().withStatus(202).withHeader("Location", DurableHost.statusUrl(SERVER))
                .withHeader("Retry-After", "5").withBody(DurableHost.status("Running", "null")),
            aResponse().withStatus(200).withBody(DurableHost.status("Completed", "{\"rows\":1200,\"day\":\"d1\"}")));

        SyncPoller<OperationStatus, Report> poller = client.beginOperation(startOptions(), Report.class);

        assertThat(poller.getFinalResult()).isEqualTo(new Report(1200, "d1"));
        // 10 s from the 202's Retry-After, then 5 s twice: never earlier, never a poll more.
        assertThat(Duration.between(t0, clock.now())).isEqualTo(Duration.ofSeconds(20));
        SERVER.verify(3, getRequestedFor(urlPathEqualTo(DurableHost.INSTANCE_PATH)));
        DurableOrchestrationStatus durable = poller.poll().getValue().getDurableStatus();
        assertThat(durable.getRuntimeStatus()).isEqualTo(OperationRuntimeStatus.COMPLETED);
        assertThat(durable.getInstanceId()).isEqualTo("abc");
        assertThat(durable.getInput().toObject(JsonNode.class).get("day").asText()).isEqualTo("2026-11-20");
        assertThat(durable.getCustomStatus().toObject(JsonNode.class).get("step").asInt()).isEqualTo(2);
        assertThat(durable.getCreatedTime().toInstant()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
        assertThat(durable.getLastUpdatedTime().toInstant()).isEqualTo(Instant.parse("2026-11-21T10:05:00Z"));
    }

    @Test
    void durableFailedWithHttp200IsAFailureNotASuccess() {
        stubDurableStart();
        DurableHost.stubStatusSequence(SERVER, aResponse().withStatus(200)
            .withBody(DurableHost.status("Failed", "\"Orchestrator function 'Export' failed: disk full\"")));

        SyncPoller<OperationStatus, Report> poller = client.beginOperation(startOptions(), Report.class);

        assertThat(poller.waitForCompletion().getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
        assertThatThrownBy(poller::getFinalResult)
            .isInstanceOfSatisfying(AsyncOperationException.class, e -> {
                assertThat(e.getReason()).isEqualTo(AsyncOperationException.Reason.OPERATION_FAILED);
                assertThat(e.getLastStatus().getStatus()).isEqualTo(OperationRuntimeStatus.FAILED);
            })
            .hasMessageContaining("ended Failed").hasMessageContaining("disk full")
            .hasMessageNotContaining(DurableHost.KEY);
    }

    @Test
    void failedWithReturnInternalServerErrorOnFailureIsOneFailureNotATransientRetry() {
        stubDurableStart();
        DurableHost.stubStatusSequence(SERVER, aResponse().withStatus(500).withBody(DurableHost.status("Failed", "\"boom\"")));

        SyncPoller<OperationStatus, Report> poller = client.beginOperation(startOptions(), Report.class);

        assertThatThrownBy(poller::getFinalResult).isInstanceOf(AsyncOperationException.class)
            .hasMessageContaining("ended Failed (HTTP 500)");
        SERVER.verify(1, getRequestedFor(urlPathEqualTo(DurableHost.INSTANCE_PATH)));
    }

    @Test
    void terminatedEndsAsCancelled() {
        stubDurableStart();
        DurableHost.stubStatusSequence(SERVER, aResponse().withStatus(200).withBody(DurableHost.status("Terminated", "\"by ops\"")));

        PollResponse<OperationStatus> last = client.beginOperation(startOptions(), Report.class).waitForCompletion();

        assertThat(last.getStatus()).isEqualTo(LongRunningOperationStatus.USER_CANCELLED);
        assertThat(last.getValue().getStatus()).isEqualTo(OperationRuntimeStatus.TERMINATED);
    }

    @Test
    void unknownStatusUrlIsOperationNotFoundWithTheKeyRedacted() {
        SERVER.stubFor(get(urlPathEqualTo(DurableHost.INSTANCE_PATH)).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> client.beginPolling(DurableHost.statusUrl(SERVER), Report.class))
            .isInstanceOfSatisfying(AsyncOperationException.class,
                e -> assertThat(e.getReason()).isEqualTo(AsyncOperationException.Reason.NOT_FOUND))
            .hasMessageContaining("Operation not found")
            .hasMessageContaining("code=REDACTED")
            .hasMessageNotContaining(DurableHost.KEY);
        assertThat(logs.text("")).doesNotContain(DurableHost.KEY);
    }

    @Test
    void immediateOkWithABodyIsDoneWithoutPolling() {
        SERVER.stubFor(post(START).willReturn(aResponse().withStatus(200).withBody("{\"rows\":7,\"day\":\"d2\"}")));

        SyncPoller<OperationStatus, Report> poller = client.beginOperation(startOptions(), Report.class);

        assertThat(poller.getFinalResult()).isEqualTo(new Report(7, "d2"));
        assertThat(clock.now()).isEqualTo(t0);
        SERVER.verify(0, getRequestedFor(urlPathEqualTo(DurableHost.INSTANCE_PATH)));
    }

    @Test
    void givesTheRawResultAsBinaryDataWhenAskedFor() {
        SERVER.stubFor(post(START).willReturn(aResponse().withStatus(200).withBody("{\"rows\": 7, \"day\": \"d2\"}")));

        SyncPoller<OperationStatus, BinaryData> poller = client.beginOperation(startOptions(), BinaryData.class);

        assertThat(poller.getFinalResult().toString()).isEqualTo("{\"rows\":7,\"day\":\"d2\"}");
        assertThat(poller.getFinalResult().toObject(Report.class)).isEqualTo(new Report(7, "d2"));
        assertThat(poller.poll().getValue().getResult().toString()).isEqualTo("{\"rows\":7,\"day\":\"d2\"}");
    }

    @Test
    void followsTheSeedsStatusUriShapeWhereRunningIsHttp200() {
        SERVER.stubFor(post(START).willReturn(aResponse().withStatus(200)
            .withBody("{\"statusUri\":\"" + SERVER.baseUrl() + "/api/status/433e\"}")));
        SERVER.stubFor(get("/api/status/433e").inScenario("seed").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"433e\",\"status\":\"Running\",\"result\":null}"))
            .willSetStateTo("done"));
        SERVER.stubFor(get("/api/status/433e").inScenario("seed").whenScenarioStateIs("done")
            .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"433e\",\"status\":\"Completed\",\"result\":119}")));

        SyncPoller<OperationStatus, Integer> poller = client.beginOperation(startOptions(), Integer.class);

        assertThat(poller.getFinalResult()).isEqualTo(119);
        assertThat(poller.poll().getValue().getStatusMonitor().getId()).isEqualTo("433e");
        assertThat(poller.poll().getValue().getStatusMonitor().getResult().toString()).isEqualTo("119");
        assertThat(poller.poll().getValue().getStatusMonitor().getError()).isNull();
        SERVER.verify(2, getRequestedFor(urlPathEqualTo("/api/status/433e")));
    }

    @Test
    void followsARelativeOperationLocationToTheStatusMonitorResult() {
        SERVER.stubFor(post(START).willReturn(aResponse().withStatus(202)
            .withHeader("Operation-Location", "/operations/22?api-version=2024-01-01")
            .withHeader("retry-after-ms", "1500")));
        SERVER.stubFor(get(urlPathEqualTo("/operations/22")).inScenario("lro").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(200).withHeader("Retry-After", "3")
                .withBody("{\"id\":\"22\",\"status\":\"Running\"}"))
            .willSetStateTo("done"));
        SERVER.stubFor(get(urlPathEqualTo("/operations/22")).inScenario("lro").whenScenarioStateIs("done")
            .willReturn(aResponse().withStatus(200)
                .withBody("{\"id\":\"22\",\"status\":\"Succeeded\",\"result\":{\"rows\":3,\"day\":\"d3\"}}")));

        assertThat(client.beginOperation(startOptions(), Report.class).getFinalResult()).isEqualTo(new Report(3, "d3"));
        assertThat(Duration.between(t0, clock.now())).isEqualTo(Duration.ofMillis(4500));
    }

    @Test
    void honoursAnHttpDateRetryAfter() {
        String inThirtySeconds = DateTimeFormatter.RFC_1123_DATE_TIME
            .format(t0.plusSeconds(30).atOffset(ZoneOffset.UTC));
        SERVER.stubFor(post(START).willReturn(aResponse().withStatus(202)
            .withHeader("Location", SERVER.baseUrl() + "/jobs/1").withHeader("Retry-After", inThirtySeconds)));
        SERVER.stubFor(get("/jobs/1").willReturn(aResponse().withStatus(200).withBody("{\"rows\":1,\"day\":\"d\"}")));

        client.beginOperation(startOptions(), Report.class).getFinalResult();

        assertThat(Duration.between(t0, clock.now())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void transientPollErrorsAreRetriedWithBackoffNotFatal() {
        stubDurableStart();
        DurableHost.stubStatusSequence(SERVER,
            aResponse().withStatus(503),
            aResponse().withStatus(429).withHeader("x-ms-retry-after-ms", "700"),
            aResponse().withStatus(502).withBody("<html>Bad gateway</html>"),
            aResponse().withStatus(200).withBody(DurableHost.status("Completed", "{\"rows\":5,\"day\":\"d\"}")));

        assertThat(client.beginOperation(startOptions(), Report.class).getFinalResult()).isEqualTo(new Report(5, "d"));
        // 10 s (start hint) + backoff after poll 1 (2 s) + hint 0.7 s + backoff after poll 3 (8 s)
        assertThat(Duration.between(t0, clock.now())).isEqualTo(Duration.ofMillis(20_700));
        assertThat(logs.text("")).contains("HTTP 503").doesNotContain(DurableHost.KEY);
    }

    @Test
    void aTransientErrorLateInALongOperationBacksOffFromTheStartNotFromThePollCount() {
        stubDurableStart();
        ResponseDefinitionBuilder running = aResponse().withStatus(202).withHeader("Retry-After", "5")
            .withBody(DurableHost.status("Running", "null"));
        DurableHost.stubStatusSequence(SERVER, running, running, running, aResponse().withStatus(503),
            aResponse().withStatus(200).withBody(DurableHost.status("Completed", "{\"rows\":6,\"day\":\"d\"}")));

        client.beginOperation(startOptions(), Report.class).getFinalResult();

        // 10 s + three hints of 5 s + the first backoff step (2 s), not the fourth (16 s).
        assertThat(Duration.between(t0, clock.now())).isEqualTo(Duration.ofSeconds(27));
    }

    @Test
    void malformedJsonOnAFinalResponseIsAClearError() {
        stubDurableStart();
        DurableHost.stubStatusSequence(SERVER, aResponse().withStatus(200).withBody("{\"runtimeStatus\": Completed"));

        assertThatThrownBy(() -> client.beginOperation(startOptions(), Report.class).getFinalResult())
            .isInstanceOfSatisfying(AsyncOperationException.class,
                e -> assertThat(e.getReason()).isEqualTo(AsyncOperationException.Reason.MALFORMED_RESPONSE))
            .hasMessageContaining("not JSON").hasMessageNotContaining(DurableHost.KEY);
    }

    @Test
    void anOperationThatNeverFinishesTimesOutAtTheDeadline() {
        stubDurableStart();
        SERVER.stubFor(get(urlPathEqualTo(DurableHost.INSTANCE_PATH)).willReturn(aResponse().withStatus(202)
            .withHeader("Retry-After", "5").withBody(DurableHost.status("Running", "null"))));
        AsyncOperationClient shortClient = new AsyncOperationClientBuilder().clock(clock)
            .timeout(Duration.ofMinutes(1)).buildClient();

        SyncPoller<OperationStatus, Report> poller = shortClient.beginOperation(startOptions(), Report.class);

        assertThatThrownBy(poller::getFinalResult)
            .isInstanceOfSatisfying(AsyncOperationException.class,
                e -> assertThat(e.getReason()).isEqualTo(AsyncOperationException.Reason.TIMED_OUT))
            .hasMessageContaining("did not finish within PT1M").hasMessageContaining("last status Running")
            .hasMessageNotContaining(DurableHost.KEY);
        assertThat(Duration.between(t0, clock.now())).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void waitForCompletionWithATimeoutStopsWaitingButKeepsThePollerUsable() {
        stubDurableStart();
        DurableHost.stubStatusSequence(SERVER,
            aResponse().withStatus(202).withHeader("Retry-After", "5").withBody(DurableHost.status("Running", "null")),
            aResponse().withStatus(200).withBody(DurableHost.status("Completed", "{\"rows\":2,\"day\":\"d\"}")));
        SyncPoller<OperationStatus, Report> poller = client.beginOperation(startOptions(), Report.class);

        assertThatThrownBy(() -> poller.waitForCompletion(Duration.ofSeconds(3)))
            .isInstanceOfSatisfying(AsyncOperationException.class,
                e -> assertThat(e.getReason()).isEqualTo(AsyncOperationException.Reason.TIMED_OUT));
        assertThat(poller.getFinalResult()).isEqualTo(new Report(2, "d"));
    }

    @Test
    void cancelPostsTheDurableTerminateUriWithAReason() {
        stubDurableStart();
        SERVER.stubFor(post(urlPathEqualTo(DurableHost.INSTANCE_PATH + "/terminate")).inScenario("status")
            .willReturn(aResponse().withStatus(202)).willSetStateTo("terminated"));
        DurableHost.stubStatusSequence(SERVER,
            aResponse().withStatus(202).withHeader("Retry-After", "5").withBody(DurableHost.status("Running", "null")));
        SERVER.stubFor(get(urlPathEqualTo(DurableHost.INSTANCE_PATH)).inScenario("status")
            .whenScenarioStateIs("terminated")
            .willReturn(aResponse().withStatus(200).withBody(DurableHost.status("Terminated", "\"Canceled\""))));

        SyncPoller<OperationStatus, Report> poller = client.beginOperation(startOptions(), Report.class);
        poller.cancelOperation();

        assertThat(poller.waitForCompletion().getValue().getStatus()).isEqualTo(OperationRuntimeStatus.TERMINATED);
        SERVER.verify(postRequestedFor(urlPathEqualTo(DurableHost.INSTANCE_PATH + "/terminate"))
            .withQueryParam("code", equalTo(DurableHost.KEY))
            .withQueryParam("reason", equalTo("Canceled by the caller")));
    }

    @Test
    void cancelDeletesTheStatusUrlWhenTheStartNamedNoTerminateUri() {
        SERVER.stubFor(post(START).willReturn(aResponse().withStatus(202)
            .withHeader("Location", SERVER.baseUrl() + "/jobs/9").withHeader("Retry-After", "1")));
        SERVER.stubFor(delete("/jobs/9").willReturn(aResponse().withStatus(202)));

        client.beginOperation(startOptions(), Report.class).cancelOperation();

        SERVER.verify(deleteRequestedFor(urlPathEqualTo("/jobs/9")));
    }

    @Test
    void pollsAnExistingStatusUrlWithoutStartingAnything() {
        DurableHost.stubStatusSequence(SERVER,
            aResponse().withStatus(202).withHeader("Retry-After", "5").withBody(DurableHost.status("Running", "null")),
            aResponse().withStatus(200).withBody(DurableHost.status("Completed", "{\"rows\":4,\"day\":\"d\"}")));

        SyncPoller<OperationStatus, JsonNode> poller = client.beginPolling(DurableHost.statusUrl(SERVER),
            JsonNode.class);

        assertThat(poller.getFinalResult().get("rows").asInt()).isEqualTo(4);
        SERVER.verify(0, postRequestedFor(urlPathEqualTo(START)));
    }

    @Test
    void refusedStartIsAClearErrorAndIsNotRepeated() {
        SERVER.stubFor(post(START).willReturn(aResponse().withStatus(400).withBody("{\"error\":\"Invalid date range.\"}")));

        assertThatThrownBy(() -> client.beginOperation(startOptions(), Report.class))
            .isInstanceOfSatisfying(AsyncOperationException.class,
                e -> assertThat(e.getReason()).isEqualTo(AsyncOperationException.Reason.REJECTED))
            .hasMessageContaining("HTTP 400").hasMessageContaining("Invalid date range.");
        SERVER.verify(1, postRequestedFor(urlPathEqualTo(START)));
    }

    @Test
    void badInputIsRejectedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> new BeginOperationOptions(HttpMethod.POST, "/relative?code=" + DurableHost.KEY))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute http or https URL")
            .hasMessageNotContaining(DurableHost.KEY);
        assertThatThrownBy(() -> client.beginPolling("ftp://host/x", JsonNode.class))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(SERVER.getAllServeEvents()).isEmpty();
    }

    private static BeginOperationOptions startOptions() {
        return new BeginOperationOptions(HttpMethod.POST, SERVER.baseUrl() + START)
            .setHeader("Content-Type", "application/json")
            .setBody(BinaryData.fromString("{\"day\":\"2026-11-20\"}"));
    }

    private static void stubDurableStart() {
        SERVER.stubFor(post(START).withRequestBody(equalToJson("{\"day\":\"2026-11-20\"}"))
            .willReturn(DurableHost.accepted(SERVER, "Retry-After", "10")));
    }
}
