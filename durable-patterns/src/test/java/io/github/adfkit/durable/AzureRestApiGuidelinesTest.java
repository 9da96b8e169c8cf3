package io.github.adfkit.durable;

import com.azure.core.http.HttpMethod;
import com.azure.core.util.BinaryData;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.models.OperationRuntimeStatus;
import io.github.adfkit.durable.models.OperationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client against a service that answers exactly as the Azure REST API guidelines say
 * (github.com/microsoft/api-guidelines, {@code azure/Guidelines.md} "Long-Running Operations &amp; Jobs", and the
 * Microsoft REST API guidelines' "Long running operations" it grew from). Waits go through a {@link ManualClock}.
 */
class AzureRestApiGuidelinesTest {
    private static final String MONITOR = "/operations/123";
    @RegisterExtension
    static final DurableHostServer HOST = new DurableHostServer();
    private static final WireMockServer SERVER = HOST.server();

    private final ManualClock clock = new ManualClock();
    private final AsyncOperationClient client = new AsyncOperationClientBuilder().clock(clock).buildClient();

    /*
     * Microsoft REST API guidelines, "Operation resource" > "Target resource location": "For operations that result
     * in, or manipulate, a resource the service MUST include the target resource location in the status upon
     * operation completion", as {"status": "succeeded", "resourceLocation": "https://api.contoso.com/v1.0/databases/db1"},
     * after "Server responds that results are still not ready and optionally provides a recommendation to wait 30
     * seconds" (200, Retry-After: 30, {"status": "running"}). The resource is the result.
     */
    @Test
    void aSucceededMonitorWithAResourceLocationGivesTheResourceAsTheResult() {
        SERVER.stubFor(post("/v1.0/databases").willReturn(aResponse().withStatus(202)
            .withHeader("Operation-Location", SERVER.baseUrl() + MONITOR)));
        stubMonitor(
            aResponse().withStatus(200).withHeader("Retry-After", "30")
                .withBody("{\"createdDateTime\":\"2015-06-19T12-01-03.4Z\",\"status\":\"running\"}"),
            aResponse().withStatus(200).withBody("{\"createdDateTime\":\"2015-06-19T12-01-03.45Z\","
                + "\"lastActionDateTime\":\"2015-06-19T12-06-03.0024Z\",\"status\":\"succeeded\","
                + "\"resourceLocation\":\"" + SERVER.baseUrl() + "/v1.0/databases/db1\"}"));
        // The resource has a "status" of its own: it must not be read as a status monitor.
        SERVER.stubFor(get("/v1.0/databases/db1").willReturn(aResponse().withStatus(200)
            .withBody("{\"databaseName\":\"db1\",\"color\":\"red\",\"status\":\"Online\"}")));

        Instant t0 = clock.now();
        SyncPoller<OperationStatus, JsonNode> poller = client.beginOperation(
            new BeginOperationOptions(HttpMethod.POST, SERVER.baseUrl() + "/v1.0/databases")
                .setBody(BinaryData.fromString("{\"fromFile\":\"myFile.db\",\"color\":\"red\"}")), JsonNode.class);

        assertThat(poller.getFinalResult().get("databaseName").asText()).isEqualTo("db1");
        OperationStatus last = poller.poll().getValue();
        assertThat(last.getStatus()).isEqualTo(OperationRuntimeStatus.SUCCEEDED);
        assertThat(last.getResourceUrl()).isEqualTo(SERVER.baseUrl() + "/v1.0/databases/db1");
        assertThat(last.getStatusMonitor().getResourceLocation()).isEqualTo(last.getResourceUrl());
        SERVER.verify(1, getRequestedFor(urlPathEqualTo("/v1.0/databases/db1")));
        assertThat(Duration.between(t0, clock.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    }

    /*
     * Azure guidelines, "Create or replace operation with additional long-running processing": "PUT
     * /UrlToResourceBeingCreated ... operation-id: <optionalStatusMonitorResourceId>"; the response is "201 Created,
     * operation-id: <statusMonitorResourceId>, operation-location: https://operations/<operation-id>" with the
     * resource in the body. The status monitor carries no result: "DO NOT include a result property in the status
     * monitor for a long-running operation that is not a POST action-type long-running operation". So the result is
     * the resource at the PUT's URL, read once the monitor says "Succeeded".
     */
    @Test
    void aPutAnswered201WithOperationLocationEndsWithAGetOfThePutUrl() {
        SERVER.stubFor(put("/widgets/w1").willReturn(aResponse().withStatus(201).withHeader("operation-id", "op-1")
            .withHeader("operation-location", SERVER.baseUrl() + MONITOR + "?api-version=2024-03-01")
            .withBody("{\"id\":\"w1\",\"size\":\"large\",\"status\":\"Provisioning\"}")));
        stubMonitor(
            aResponse().withStatus(200).withHeader("Retry-After", "5").withBody("{\"id\":\"op-1\",\"status\":\"Running\"}"),
            aResponse().withStatus(200).withBody("{\"id\":\"op-1\",\"status\":\"Succeeded\"}"));
        SERVER.stubFor(get("/widgets/w1").willReturn(aResponse().withStatus(200)
            .withBody("{\"id\":\"w1\",\"size\":\"large\",\"status\":\"Ready\"}")));

        JsonNode widget = client.beginOperation(new BeginOperationOptions(HttpMethod.PUT, SERVER.baseUrl()
            + "/widgets/w1").setBody(BinaryData.fromString("{\"size\":\"large\"}")), JsonNode.class).getFinalResult();

        assertThat(widget.get("status").asText()).isEqualTo("Ready");
        SERVER.verify(1, getRequestedFor(urlPathEqualTo("/widgets/w1")));
        LoggedRequest sent = SERVER.findAll(putRequestedFor(urlPathEqualTo("/widgets/w1"))).get(0);
        assertThat(sent.getHeader("Operation-Id")).isNotBlank().isEqualTo(sent.getHeader("Idempotency-Key"));
    }

    /*
     * Azure guidelines (2021 revision), "Long-running operations with status monitor": "Previous Azure guidelines
     * specified 'Azure-AsyncOperation' as the name of the response header containing the status monitor URL" and
     * "DO look for both headers in client code, preferring the Operation-Location header." The monitor: "DO include a
     * field in the status monitor resource named status ... Indicate the terminal state using 'Succeeded', 'Failed',
     * or 'Canceled'", and the action's outcome in "result".
     */
    @Test
    void readsAzureAsyncOperationAndPrefersOperationLocationWhenBothAreSent() {
        SERVER.stubFor(post("/jobs:export").willReturn(aResponse().withStatus(202)
            .withHeader("Azure-AsyncOperation", SERVER.baseUrl() + "/legacy/7").withHeader("Retry-After", "2")));
        SERVER.stubFor(get("/legacy/7").willReturn(aResponse().withStatus(200)
            .withBody("{\"id\":\"7\",\"status\":\"Succeeded\",\"result\":{\"files\":4}}")));
        SERVER.stubFor(post("/jobs:import").willReturn(aResponse().withStatus(202)
            .withHeader("Azure-AsyncOperation", SERVER.baseUrl() + "/legacy/8")
            .withHeader("Operation-Location", SERVER.baseUrl() + "/operations/8")));
        SERVER.stubFor(get("/operations/8").willReturn(aResponse().withStatus(200)
            .withBody("{\"id\":\"8\",\"status\":\"Succeeded\",\"result\":{\"files\":9}}")));

        JsonNode exported = client.beginOperation(new BeginOperationOptions(HttpMethod.POST, SERVER.baseUrl()
            + "/jobs:export"), JsonNode.class).getFinalResult();
        JsonNode imported = client.beginOperation(new BeginOperationOptions(HttpMethod.POST, SERVER.baseUrl()
            + "/jobs:import"), JsonNode.class).getFinalResult();

        assertThat(exported.get("files").asInt()).isEqualTo(4);
        assertThat(imported.get("files").asInt()).isEqualTo(9);
        SERVER.verify(0, getRequestedFor(urlPathEqualTo("/legacy/8")));
        // A POST action's result is in the monitor: nothing else is fetched.
        SERVER.verify(0, getRequestedFor(urlPathEqualTo("/jobs:export")));
    }

    /*
     * Azure guidelines, "The Status Monitor Resource": "error | ErrorDetail | If status=='Failed', contains reason for
     * failure" (2021 revision: "minimally code and message fields").
     */
    @Test
    void aFailedMonitorFailsWithItsErrorCodeAndMessage() {
        SERVER.stubFor(post("/jobs:export").willReturn(aResponse().withStatus(202)
            .withHeader("Operation-Location", SERVER.baseUrl() + MONITOR)));
        stubMonitor(aResponse().withStatus(200).withBody("{\"id\":\"123\",\"status\":\"Failed\","
            + "\"error\":{\"code\":\"QuotaExceeded\",\"message\":\"The export quota is used up.\"}}"));

        SyncPoller<OperationStatus, JsonNode> poller = client.beginOperation(new BeginOperationOptions(HttpMethod.POST,
            SERVER.baseUrl() + "/jobs:export"), JsonNode.class);

        assertThat(poller.waitForCompletion().getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
        assertThatThrownBy(poller::getFinalResult)
            .isInstanceOfSatisfying(AsyncOperationException.class, e -> {
                assertThat(e.getReason()).isEqualTo(AsyncOperationException.Reason.OPERATION_FAILED);
                assertThat(e.getLastStatus().isConflict()).isFalse();
            })
            .hasMessageContaining("QuotaExceeded").hasMessageContaining("The export quota is used up.");
    }

    /*
     * Microsoft REST API guidelines, "Operation resource": "Services MAY support operation cancellation by exposing
     * DELETE on the operation. If supported DELETE operations MUST be idempotent." The monitor then ends "Canceled"
     * (Azure guidelines' status values "NotStarted", "Running", "Succeeded", "Failed", and "Canceled").
     */
    @Test
    void cancelDeletesTheMonitorAndTheOperationEndsCanceled() {
        SERVER.stubFor(post("/jobs:export").willReturn(aResponse().withStatus(202)
            .withHeader("Operation-Location", SERVER.baseUrl() + MONITOR).withHeader("Retry-After", "5")));
        SERVER.stubFor(delete(MONITOR).inScenario("monitor").willReturn(aResponse().withStatus(204))
            .willSetStateTo("canceled"));
        SERVER.stubFor(get(MONITOR).inScenario("monitor").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(200).withHeader("Retry-After", "5")
                .withBody("{\"id\":\"123\",\"status\":\"Running\"}")));
        SERVER.stubFor(get(MONITOR).inScenario("monitor").whenScenarioStateIs("canceled")
            .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"123\",\"status\":\"Canceled\"}")));

        SyncPoller<OperationStatus, JsonNode> poller = client.beginOperation(new BeginOperationOptions(HttpMethod.POST,
            SERVER.baseUrl() + "/jobs:export"), JsonNode.class);
        poller.cancelOperation();
        PollResponse<OperationStatus> last = poller.waitForCompletion();

        assertThat(last.getStatus()).isEqualTo(LongRunningOperationStatus.USER_CANCELLED);
        assertThat(last.getValue().getStatus()).isEqualTo(OperationRuntimeStatus.CANCELED);
        SERVER.verify(1, deleteRequestedFor(urlPathEqualTo(MONITOR)));
    }

    /*
     * Azure guidelines, "LRO action on a resource pattern": "POST /UrlToExistingResource:<action> ... operation-id:
     * <optionalStatusMonitorResourceId>" and "DO allow the client to pass an Operation-Id header with an ID for the
     * operation's status monitor". adfkit passes its Idempotency-Key there, so a repeated start names the same monitor.
     */
    @Test
    void aPostActionSendsTheCallersKeyAsOperationIdAndIdempotencyKey() {
        SERVER.stubFor(post("/jobs:export").willReturn(aResponse().withStatus(202)
            .withHeader("Operation-Location", SERVER.baseUrl() + "/operations/export-2026-11-20")
            .withBody("{\"id\":\"export-2026-11-20\",\"status\":\"NotStarted\"}")));
        SERVER.stubFor(get("/operations/export-2026-11-20").willReturn(aResponse().withStatus(200)
            .withBody("{\"id\":\"export-2026-11-20\",\"status\":\"Succeeded\",\"result\":1}")));

        Integer result = client.beginOperation(new BeginOperationOptions(HttpMethod.POST, SERVER.baseUrl()
            + "/jobs:export").setIdempotencyKey("export-2026-11-20"), Integer.class).getFinalResult();

        assertThat(result).isEqualTo(1);
        List<LoggedRequest> starts = SERVER.findAll(postRequestedFor(urlPathEqualTo("/jobs:export")));
        assertThat(starts).singleElement().satisfies(start -> {
            assertThat(start.getHeader("Idempotency-Key")).isEqualTo("export-2026-11-20");
            assertThat(start.getHeader("Operation-Id")).isEqualTo("export-2026-11-20");
        });
    }

    private static void stubMonitor(ResponseDefinitionBuilder... answers) {
        DurableHost.stubSequence(SERVER, () -> get(urlPathEqualTo(MONITOR)), "monitor", answers);
    }
}
