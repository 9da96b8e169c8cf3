package io.github.adfkit.durable;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.models.ResubmitAttempt;
import io.github.adfkit.durable.models.ResubmitPolicy;
import io.github.adfkit.durable.models.ResubmitResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The seed's two-layer outcome: the orchestration completes, but its output says {@code "Status": "Conflict"}
 * because another instance holds a lock, so it is started again after a delay until the output is OK.
 */
class AsyncOperationResubmitTest {
    private static final String START = "/api/orchestrators/Load";
    @RegisterExtension
    static final DurableHostServer HOST = new DurableHostServer();
    private static final WireMockServer SERVER = HOST.server();

    private final ManualClock clock = new ManualClock();
    private final Instant t0 = clock.now();
    private AsyncOperationClient client;

    @BeforeEach
    void setUp() {
        SERVER.stubFor(post(START).willReturn(DurableHost.accepted(SERVER, "Retry-After", "10")));
        client = new AsyncOperationClientBuilder().clock(clock).buildClient();
    }

    @Test
    void startsAgainWhileTheOutputSaysConflictAndReportsEveryAttempt() {
        DurableHost.stubStatusSequence(SERVER, completedWith("{\"Status\":\"Conflict\"}"), completedWith("{\"Status\":\"Conflict\"}"),
            completedWith("{\"Status\":\"OK\",\"rows\":42}"));
        ResubmitPolicy policy = ResubmitPolicy.retryUnlessField("Status", "OK")
            .setDelay(Backoff.fixed(Duration.ofMinutes(1)));

        ResubmitResult<JsonNode> result = client.runWithResubmit(start(), policy, JsonNode.class);

        assertThat(result.getValue().get("rows").asInt()).isEqualTo(42);
        assertThat(result.getAttempts()).extracting(ResubmitAttempt::getAttempt, ResubmitAttempt::isOk)
            .containsExactly(tuple(1, false), tuple(2, false), tuple(3, true));
        assertThat(result.getAttempts().get(1).getStartedAt()).isEqualTo(t0.plusSeconds(70));
        SERVER.verify(3, postRequestedFor(urlPathEqualTo(START)));
        // Three runs of 10 s each and two waits of one minute.
        assertThat(Duration.between(t0, clock.now())).isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void givesUpAfterMaxAttemptsWithEveryAttemptInTheException() {
        DurableHost.stubStatusSequence(SERVER, completedWith("{\"status\":\"conflict\",\"holder\":\"run-7\"}"));
        ResubmitPolicy policy = ResubmitPolicy.retryWhenField("Status", "Conflict").setMaxAttempts(3)
            .setDelay(Backoff.fixed(Duration.ofSeconds(30)));

        assertThatThrownBy(() -> client.runWithResubmit(start(), policy, JsonNode.class))
            .isInstanceOfSatisfying(ResubmitExhaustedException.class,
                e -> assertThat(e.getAttempts()).hasSize(3).noneMatch(ResubmitAttempt::isOk))
            .hasMessageContaining("after 3 run(s)").hasMessageContaining("run-7")
            .hasMessageNotContaining(DurableHost.KEY);
        SERVER.verify(3, postRequestedFor(urlPathEqualTo(START)));
    }

    @Test
    void stopsAtTheDeadlineBeforeStartingARunThatWouldBeLate() {
        DurableHost.stubStatusSequence(SERVER, completedWith("{\"Status\":\"Conflict\"}"));
        ResubmitPolicy policy = ResubmitPolicy.retryWhen(
                output -> "Conflict".equals(output.toObject(JsonNode.class).path("Status").asText()))
            .setMaxAttempts(100).setDelay(Backoff.fixed(Duration.ofMinutes(2))).setDeadline(Duration.ofMinutes(5));

        assertThatThrownBy(() -> client.runWithResubmit(start(), policy, JsonNode.class))
            .isInstanceOfSatisfying(ResubmitExhaustedException.class, e -> assertThat(e.getAttempts()).hasSize(3))
            .hasMessageContaining("deadline");
    }

    @Test
    void aRunWithoutOutputIsNotOkAndPredicatesNeverSeeNull() {
        DurableHost.stubStatusSequence(SERVER, completedWith("null"), completedWith("{\"Status\":\"OK\"}"));
        ResubmitPolicy policy = ResubmitPolicy.retryWhen(
                output -> !output.toObject(JsonNode.class).path("Status").asText().equals("OK"))
            .setDelay(Backoff.fixed(Duration.ofSeconds(5)));

        ResubmitResult<JsonNode> result = client.runWithResubmit(start(), policy, JsonNode.class);

        assertThat(result.getAttempts()).extracting(ResubmitAttempt::isOk).containsExactly(false, true);
    }

    @Test
    void aFailedRunIsReportedAndNotStartedAgain() {
        DurableHost.stubStatusSequence(SERVER, aResponse().withStatus(200).withBody(DurableHost.status("Failed", "\"lock table missing\"")));

        assertThatThrownBy(() -> client.runWithResubmit(start(), ResubmitPolicy.retryUnlessField("Status", "OK"),
            JsonNode.class))
            .isInstanceOfSatisfying(AsyncOperationException.class,
                e -> assertThat(e.getReason()).isEqualTo(AsyncOperationException.Reason.OPERATION_FAILED))
            .hasMessageContaining("lock table missing");
        SERVER.verify(1, postRequestedFor(urlPathEqualTo(START)));
    }

    /*
     * adfkit's own server with SingleFlightMode.CONFLICT: the submit is accepted (202, Location, {"id", "statusUri"})
     * and the operation ends at once with the runtime status "Conflict" and an error, while another operation with
     * the same single-flight key runs. The second submit, a minute later, runs.
     */
    @Test
    void aSingleFlightConflictIsSubmittedAgainUntilItRunsEachRunWithItsOwnKey() {
        stubSubmits("/api/submit/audit", submitted("a1"), submitted("a2"));
        SERVER.stubFor(get("/api/status/a1").willReturn(aResponse().withStatus(200).withBody("{\"id\":\"a1\","
            + "\"status\":\"Conflict\",\"result\":null,\"error\":\"Another 'audit' operation with the same "
            + "single-flight key is running.\"}")));
        SERVER.stubFor(get("/api/status/a2").willReturn(aResponse().withStatus(200)
            .withBody("{\"id\":\"a2\",\"status\":\"Completed\",\"result\":119,\"error\":null}")));

        ResubmitResult<Integer> result = client.runWithResubmit(submit(), ResubmitPolicy.conflictsOnly()
            .setDelay(Backoff.fixed(Duration.ofMinutes(1))), Integer.class);

        assertThat(result.getValue()).isEqualTo(119);
        assertThat(result.getAttempts()).extracting(ResubmitAttempt::getAttempt, ResubmitAttempt::isOk)
            .containsExactly(tuple(1, false), tuple(2, true));
        assertThat(result.getAttempts().get(0).getFinalStatus().isConflict()).isTrue();
        assertThat(keysSentTo("/api/submit/audit")).hasSize(2).doesNotHaveDuplicates();
    }

    /*
     * Azure REST API guidelines, "The Status Monitor Resource": status "Failed" with "error | ErrorDetail | If
     * status=='Failed', contains reason for failure"; a single-flight refusal shows as the error code "Conflict".
     */
    @Test
    void aMonitorFailedWithTheErrorCodeConflictIsSubmittedAgain() {
        stubSubmits(START, monitorAt("/operations/1"), monitorAt("/operations/2"));
        SERVER.stubFor(get("/operations/1").willReturn(aResponse().withStatus(200).withBody("{\"id\":\"1\","
            + "\"status\":\"Failed\",\"error\":{\"code\":\"Conflict\",\"message\":\"The lock is held by run-7.\"}}")));
        SERVER.stubFor(get("/operations/2").willReturn(aResponse().withStatus(200)
            .withBody("{\"id\":\"2\",\"status\":\"Succeeded\",\"result\":{\"Status\":\"OK\"}}")));

        ResubmitResult<JsonNode> result = client.runWithResubmit(start(), ResubmitPolicy.retryUnlessField("Status",
            "OK").setDelay(Backoff.fixed(Duration.ofSeconds(30))), JsonNode.class);

        assertThat(result.getAttempts()).extracting(ResubmitAttempt::isOk).containsExactly(false, true);
        assertThat(result.getValue().get("Status").asText()).isEqualTo("OK");
    }

    /*
     * A single-flight refusal answered on the submit itself: "409 Conflict". The run's key is new each time, so the
     * refusal cannot be a repeat of an earlier request; the caller's own key gets the run number.
     */
    @Test
    void aStartRefusedWith409IsSubmittedAgainAndTheCallersKeyGetsTheRunNumber() {
        stubSubmits(START, aResponse().withStatus(409).withBody("{\"error\":\"Another 'load' operation is running.\"}"),
            aResponse().withStatus(409).withBody("{\"error\":\"Another 'load' operation is running.\"}"),
            monitorAt("/operations/3"));
        SERVER.stubFor(get("/operations/3").willReturn(aResponse().withStatus(200)
            .withBody("{\"id\":\"3\",\"status\":\"Succeeded\",\"result\":{\"rows\":5}}")));

        ResubmitResult<JsonNode> result = client.runWithResubmit(start().setIdempotencyKey("load-2026-11-20"),
            ResubmitPolicy.conflictsOnly().setDelay(Backoff.fixed(Duration.ofSeconds(30))), JsonNode.class);

        assertThat(result.getValue().get("rows").asInt()).isEqualTo(5);
        assertThat(result.getAttempts().get(0).getFinalStatus().getHttpStatusCode()).isEqualTo(409);
        assertThat(keysSentTo(START)).containsExactly("load-2026-11-20", "load-2026-11-20.2", "load-2026-11-20.3");
    }

    @Test
    void conflictsStopAtMaxAttemptsWithTheRefusalInTheMessage() {
        stubSubmits(START, aResponse().withStatus(409).withBody("{\"error\":\"Another 'load' operation is running.\"}"));

        assertThatThrownBy(() -> client.runWithResubmit(start(), ResubmitPolicy.conflictsOnly().setMaxAttempts(3)
            .setDelay(Backoff.fixed(Duration.ofSeconds(10))), JsonNode.class))
            .isInstanceOfSatisfying(ResubmitExhaustedException.class,
                e -> assertThat(e.getAttempts()).hasSize(3).allMatch(a -> a.getFinalStatus().isConflict()))
            .hasMessageContaining("refused as a conflict").hasMessageContaining("Another 'load' operation is running.");
        SERVER.verify(3, postRequestedFor(urlPathEqualTo(START)));
    }

    @Test
    void policyRejectsBadSettingsWithClearMessages() {
        assertThatThrownBy(() -> ResubmitPolicy.retryUnlessField("Status")).hasMessageContaining("at least one value");
        assertThatThrownBy(() -> ResubmitPolicy.retryUnlessField("Status", "OK").setMaxAttempts(0))
            .hasMessageContaining("'maxAttempts' must be at least 1");
        assertThatThrownBy(() -> ResubmitPolicy.retryUnlessField("Status", "OK").setDeadline(Duration.ZERO))
            .hasMessageContaining("'deadline' must be positive");
    }

    private static ResponseDefinitionBuilder completedWith(String output) {
        return aResponse().withStatus(200).withBody(DurableHost.status("Completed", output));
    }

    private static ResponseDefinitionBuilder submitted(String id) {
        String statusUri = SERVER.baseUrl() + "/api/status/" + id;
        return aResponse().withStatus(202).withHeader("Location", statusUri).withHeader("Retry-After", "1")
            .withBody("{\"id\":\"" + id + "\",\"statusUri\":\"" + statusUri + "\"}");
    }

    private static ResponseDefinitionBuilder monitorAt(String path) {
        return aResponse().withStatus(202).withHeader("Operation-Location", SERVER.baseUrl() + path)
            .withHeader("Retry-After", "1");
    }

    private static void stubSubmits(String path, ResponseDefinitionBuilder... answers) {
        DurableHost.stubSequence(SERVER, () -> post(urlPathEqualTo(path)), "submits", answers);
    }

    private static List<String> keysSentTo(String path) {
        return SERVER.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
            .map(request -> request.getHeader("Idempotency-Key")).toList();
    }

    private static BeginOperationOptions submit() {
        return new BeginOperationOptions(HttpMethod.POST, SERVER.baseUrl() + "/api/submit/audit?s=10/10/2021&e=10/12/2021");
    }

    private static BeginOperationOptions start() {
        return new BeginOperationOptions(HttpMethod.POST, SERVER.baseUrl() + START);
    }
}
