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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
        ResubmitPolicy policy = ResubmitPolicy.retryWhen(output -> "Conflict".equals(output.path("Status").asText()))
            .setMaxAttempts(100).setDelay(Backoff.fixed(Duration.ofMinutes(2))).setDeadline(Duration.ofMinutes(5));

        assertThatThrownBy(() -> client.runWithResubmit(start(), policy, JsonNode.class))
            .isInstanceOfSatisfying(ResubmitExhaustedException.class, e -> assertThat(e.getAttempts()).hasSize(3))
            .hasMessageContaining("deadline");
    }

    @Test
    void aRunWithoutOutputIsNotOkAndPredicatesNeverSeeNull() {
        DurableHost.stubStatusSequence(SERVER, completedWith("null"), completedWith("{\"Status\":\"OK\"}"));
        ResubmitPolicy policy = ResubmitPolicy.retryWhen(output -> !output.path("Status").asText().equals("OK"))
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

    private static BeginOperationOptions start() {
        return new BeginOperationOptions(HttpMethod.POST, SERVER.baseUrl() + START);
    }
}
