package io.github.adfkit.durable;

import com.azure.core.http.HttpMethod;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.models.OperationRuntimeStatus;
import io.github.adfkit.durable.models.OperationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client against a host that answers exactly as the Durable Functions "HTTP API reference"
 * (learn.microsoft.com/azure/azure-functions/durable/durable-functions-http-api, ms.date 01/23/2026) says. Waits go
 * through a {@link ManualClock}.
 */
class DurableHttpApiReferenceTest {
    private static final String START = "/api/orchestrators/Export";
    @RegisterExtension
    static final DurableHostServer HOST = new DurableHostServer();
    private static final WireMockServer SERVER = HOST.server();

    private final ManualClock clock = new ManualClock();
    private final AsyncOperationClient client = new AsyncOperationClientBuilder().clock(clock).buildClient();

    /*
     * "Base URL and common parameters" > "How to obtain parameter values": the orchestration client binding generates
     * the URLs with "CreateCheckStatusResponse(), CreateHttpManagementPayload()". A starter function that returns the
     * management payload itself answers with its body only: "statusQueryGetUri: The status URL of the orchestration
     * instance", and no Location header beside it.
     */
    @Test
    void followsAStatusQueryGetUriThatOnlyTheBodyNames() {
        SERVER.stubFor(post(START).willReturn(aResponse().withStatus(202)
            .withHeader("Content-Type", "application/json").withBody(DurableHost.checkStatusPayload(SERVER))));
        DurableHost.stubStatusSequence(SERVER,
            aResponse().withStatus(202).withHeader("Location", DurableHost.statusUrl(SERVER))
                .withHeader("Retry-After", "5").withBody(DurableHost.status("Running", "null")),
            aResponse().withStatus(200).withBody(DurableHost.status("Completed", "{\"rows\":12}")));

        Instant t0 = clock.now();
        JsonNode result = client.beginOperation(start(), JsonNode.class).getFinalResult();

        assertThat(result.get("rows").asInt()).isEqualTo(12);
        SERVER.verify(2, getRequestedFor(urlPathEqualTo(DurableHost.INSTANCE_PATH))
            .withQueryParam("code", equalTo(DurableHost.KEY)));
        // No Retry-After on the start: the first poll waits the backoff's first step, about a second.
        assertThat(Duration.between(t0, clock.now())).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(7));
    }

    /*
     * "Get instance status" > "Response": "customStatus | JSON | The JSON data used for custom orchestration status.
     * This field is null if not set." and "HTTP 202 (Accepted): The specified instance is in progress."
     */
    @Test
    void showsTheCustomStatusAsProgressWhileTheInstanceRuns() {
        SERVER.stubFor(post(START).willReturn(DurableHost.accepted(SERVER, "Retry-After", "10")));
        DurableHost.stubStatusSequence(SERVER,
            aResponse().withStatus(202).withHeader("Retry-After", "5")
                .withBody(DurableHost.status("Pending", "null", "null")),
            aResponse().withStatus(202).withHeader("Retry-After", "5")
                .withBody(DurableHost.status("Running", "{\"copied\":40,\"of\":100}", "null")),
            aResponse().withStatus(200)
                .withBody(DurableHost.status("Completed", "{\"copied\":100,\"of\":100}", "{\"rows\":100}")));

        SyncPoller<OperationStatus, JsonNode> poller = client.beginOperation(start(), JsonNode.class);
        OperationStatus pending = poller.poll().getValue();
        clock.advance(Duration.ofSeconds(5));
        OperationStatus running = poller.poll().getValue();

        assertThat(pending.getStatus()).isEqualTo(OperationRuntimeStatus.PENDING);
        assertThat(pending.getProgress()).isNull();
        assertThat(running.getProgress().toObject(JsonNode.class).get("copied").asInt()).isEqualTo(40);
        assertThat(running.getDurableStatus().getCustomStatus().toString()).isEqualTo(running.getProgress().toString());
        assertThat(poller.waitForCompletion().getValue().getProgress().toObject(JsonNode.class).get("copied").asInt()).isEqualTo(100);
    }

    /*
     * "Get instance status" > "Response": "HTTP 200 (OK): The specified instance is in a completed or failed state."
     * The runtimeStatus says which: "Values include Running, Pending, Failed, Canceled, Terminated, Completed,
     * Suspended."
     */
    @Test
    void aFailedInstanceAnsweredWith200FailsWithItsOutputAndLastProgress() {
        SERVER.stubFor(post(START).willReturn(DurableHost.accepted(SERVER, "Retry-After", "10")));
        DurableHost.stubStatusSequence(SERVER, aResponse().withStatus(200).withBody(DurableHost.status("Failed",
            "{\"copied\":7,\"of\":100}", "\"Orchestrator function 'Export' failed: disk full\"")));

        SyncPoller<OperationStatus, JsonNode> poller = client.beginOperation(start(), JsonNode.class);

        assertThat(poller.waitForCompletion().getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
        assertThatThrownBy(poller::getFinalResult)
            .isInstanceOfSatisfying(AsyncOperationException.class, e -> {
                assertThat(e.getReason()).isEqualTo(AsyncOperationException.Reason.OPERATION_FAILED);
                assertThat(e.getLastStatus().getProgress().toObject(JsonNode.class).get("copied").asInt()).isEqualTo(7);
            })
            .hasMessageContaining("disk full").hasMessageNotContaining(DurableHost.KEY);
    }

    /*
     * "Terminate instance" > "Response": "HTTP 202 (Accepted): The terminate request was accepted for processing." and
     * "HTTP 410 (Gone): The specified instance has completed or failed." A cancel that comes too late is not an
     * error: the instance's own final status decides.
     */
    @Test
    void aCancelThatArrivesAfterTheInstanceCompletedIsGoneAndTheResultStands() {
        SERVER.stubFor(post(START).willReturn(DurableHost.accepted(SERVER, "Retry-After", "10")));
        SERVER.stubFor(post(urlPathEqualTo(DurableHost.INSTANCE_PATH + "/terminate"))
            .willReturn(aResponse().withStatus(410)));
        DurableHost.stubStatusSequence(SERVER,
            aResponse().withStatus(200).withBody(DurableHost.status("Completed", "{\"rows\":3}")));

        SyncPoller<OperationStatus, JsonNode> poller = client.beginOperation(start(), JsonNode.class);
        poller.cancelOperation();

        assertThat(poller.getFinalResult().get("rows").asInt()).isEqualTo(3);
        SERVER.verify(postRequestedFor(urlPathEqualTo(DurableHost.INSTANCE_PATH + "/terminate"))
            .withQueryParam("code", equalTo(DurableHost.KEY)));
    }

    /*
     * "Get instance status" > "Response": "HTTP 404 (Not Found): The specified instance doesn't exist or hasn't
     * started running."
     */
    @Test
    void anInstanceThatDoesNotExistIsNotFound() {
        SERVER.stubFor(get(urlPathEqualTo(DurableHost.INSTANCE_PATH)).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> client.beginPolling(DurableHost.statusUrl(SERVER), JsonNode.class))
            .isInstanceOfSatisfying(AsyncOperationException.class,
                e -> assertThat(e.getReason()).isEqualTo(AsyncOperationException.Reason.NOT_FOUND));
    }

    private static BeginOperationOptions start() {
        return new BeginOperationOptions(HttpMethod.POST, SERVER.baseUrl() + START);
    }
}
