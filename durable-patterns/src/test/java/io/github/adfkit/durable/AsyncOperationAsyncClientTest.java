package io.github.adfkit.durable;

import com.azure.core.http.HttpMethod;
import com.azure.core.util.polling.AsyncPollResponse;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollerFlux;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.models.OperationStatus;
import io.github.adfkit.durable.models.ResubmitPolicy;
import io.github.adfkit.durable.models.ResubmitResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The non-blocking client on the system clock, against a Durable host stub that sends short hints
 * ({@code retry-after-ms: 10}), so the real waits are milliseconds.
 */
class AsyncOperationAsyncClientTest {
    private static final String START = "/api/orchestrators/Export";
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    @RegisterExtension
    static final DurableHostServer HOST = new DurableHostServer();
    private static final WireMockServer SERVER = HOST.server();

    private final AsyncOperationAsyncClient client = new AsyncOperationClientBuilder()
        .pollBackoff(Backoff.fixed(Duration.ofMillis(20))).buildAsyncClient();

    @BeforeEach
    void setUp() {
        SERVER.stubFor(post(START).willReturn(DurableHost.accepted(SERVER, "retry-after-ms", "10")));
    }

    @Test
    void emitsEachStatusAndTheTypedFinalResult() {
        DurableHost.stubStatusSequence(SERVER, running(), running(),
            aResponse().withStatus(200).withBody(DurableHost.status("Completed", "{\"rows\":9}")));

        PollerFlux<OperationStatus, JsonNode> poller = client.beginOperation(start(), JsonNode.class);
        List<AsyncPollResponse<OperationStatus, JsonNode>> responses = poller.collectList().block(DEADLINE);

        assertThat(responses).extracting(AsyncPollResponse::getStatus).containsExactly(
            LongRunningOperationStatus.IN_PROGRESS, LongRunningOperationStatus.IN_PROGRESS,
            LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        assertThat(responses.get(2).getFinalResult().block(DEADLINE).get("rows").asInt()).isEqualTo(9);
        SERVER.verify(3, getRequestedFor(urlPathEqualTo(DurableHost.INSTANCE_PATH)));
    }

    @Test
    void sendsNothingUntilSubscribed() {
        client.beginOperation(start(), JsonNode.class);

        SERVER.verify(0, postRequestedFor(urlPathEqualTo(START)));
    }

    @Test
    void durableFailedWithHttp200FailsTheFinalResult() {
        DurableHost.stubStatusSequence(SERVER, aResponse().withStatus(200).withBody(DurableHost.status("Failed", "\"quota exceeded\"")));

        AsyncPollResponse<OperationStatus, JsonNode> last = client.beginOperation(start(), JsonNode.class)
            .last().block(DEADLINE);

        assertThat(last.getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
        assertThatThrownBy(() -> last.getFinalResult().block(DEADLINE)).isInstanceOf(AsyncOperationException.class)
            .hasMessageContaining("quota exceeded").hasMessageNotContaining(DurableHost.KEY);
    }

    @Test
    void unknownStatusUrlErrorsTheFluxWithNotFound() {
        DurableHost.stubStatusSequence(SERVER, aResponse().withStatus(404));

        assertThatThrownBy(() -> client.beginPolling(DurableHost.statusUrl(SERVER), JsonNode.class).blockLast(DEADLINE))
            .isInstanceOfSatisfying(AsyncOperationException.class,
                e -> assertThat(e.getReason()).isEqualTo(AsyncOperationException.Reason.NOT_FOUND))
            .hasMessageNotContaining(DurableHost.KEY);
    }

    @Test
    void cancelOperationPostsTheTerminateUri() {
        DurableHost.stubStatusSequence(SERVER, running(), running(), running(), running(),
            aResponse().withStatus(200).withBody(DurableHost.status("Terminated", "\"Canceled by the caller\"")));
        SERVER.stubFor(post(urlPathEqualTo(DurableHost.INSTANCE_PATH + "/terminate"))
            .willReturn(aResponse().withStatus(202)));

        AsyncPollResponse<OperationStatus, JsonNode> first = client.beginOperation(start(), JsonNode.class)
            .blockFirst(DEADLINE);
        first.cancelOperation().block(DEADLINE);

        SERVER.verify(1, postRequestedFor(urlPathEqualTo(DurableHost.INSTANCE_PATH + "/terminate")));
    }

    @Test
    void resubmitsWhileTheOutputSaysConflict() {
        DurableHost.stubStatusSequence(SERVER, aResponse().withStatus(200).withBody(DurableHost.status("Completed", "{\"Status\":\"Conflict\"}")),
            aResponse().withStatus(200).withBody(DurableHost.status("Completed", "{\"Status\":\"OK\"}")));
        ResubmitPolicy policy = ResubmitPolicy.retryUnlessField("Status", "OK")
            .setDelay(Backoff.fixed(Duration.ofMillis(10)));

        ResubmitResult<JsonNode> result = client.runWithResubmit(start(), policy, JsonNode.class).block(DEADLINE);

        assertThat(result.getAttempts()).hasSize(2);
        assertThat(result.getValue().get("Status").asText()).isEqualTo("OK");
        SERVER.verify(2, postRequestedFor(urlPathEqualTo(START)));
    }

    @Test
    void resubmitsARunRefusedAsASingleFlightConflictAndTheStartThroughAReset() {
        SERVER.stubFor(post(START).inScenario("start").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("reachable"));
        SERVER.stubFor(post(START).inScenario("start").whenScenarioStateIs("reachable")
            .willReturn(DurableHost.accepted(SERVER, "retry-after-ms", "10")));
        DurableHost.stubStatusSequence(SERVER, aResponse().withStatus(200).withBody("{\"id\":\"abc\","
            + "\"status\":\"Conflict\",\"result\":null,\"error\":\"Another operation holds the lock.\"}"),
            aResponse().withStatus(200).withBody("{\"id\":\"abc\",\"status\":\"Completed\",\"result\":{\"rows\":4}}"));

        ResubmitResult<JsonNode> result = client.runWithResubmit(start(), ResubmitPolicy.conflictsOnly()
            .setDelay(Backoff.fixed(Duration.ofMillis(10))), JsonNode.class).block(DEADLINE);

        assertThat(result.getAttempts()).extracting(a -> a.getFinalStatus().isConflict()).containsExactly(true, false);
        assertThat(result.getValue().get("rows").asInt()).isEqualTo(4);
        // The reset start was sent again with its key; the second run has a key of its own.
        List<String> keys = SERVER.findAll(postRequestedFor(urlPathEqualTo(START))).stream()
            .map(request -> request.getHeader("Idempotency-Key")).toList();
        assertThat(keys).hasSize(3);
        assertThat(keys.get(0)).isEqualTo(keys.get(1)).isNotEqualTo(keys.get(2));
    }

    private static ResponseDefinitionBuilder running() {
        return aResponse().withStatus(202).withHeader("retry-after-ms", "10")
            .withBody(DurableHost.status("Running", "null"));
    }

    private static BeginOperationOptions start() {
        return new BeginOperationOptions(HttpMethod.POST, SERVER.baseUrl() + START);
    }
}
