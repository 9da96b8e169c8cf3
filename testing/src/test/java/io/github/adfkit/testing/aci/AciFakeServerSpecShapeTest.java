package io.github.adfkit.testing.aci;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the ACI fake's answers to the published {@code Microsoft.ContainerInstance} REST specification
 * (Azure/azure-rest-api-specs, {@code specification/containerinstance/resource-manager/Microsoft.ContainerInstance/
 * ContainerInstance/stable/2025-09-01/}, and the same examples under {@code 2023-05-01}): the status codes, headers
 * and bodies of its examples, and the shapes of its {@code ContainerGroup}, {@code ContainerState} and {@code Event}
 * definitions. The fixtures below are written from those files, not copied.
 */
class AciFakeServerSpecShapeTest {
    private static final String GROUP = "/subscriptions/sub-1/resourceGroups/rg-1/providers/"
        + "Microsoft.ContainerInstance/containerGroups/";
    /** A create request in the shape of ContainerGroupsCreatePriority.json (a Spot job that runs once). */
    private static final String CREATE = """
        {"location": "eastus", "properties": {"sku": "Standard", "osType": "Linux", "restartPolicy": "Never",
         "priority": "Spot", "containers": [{"name": "job", "properties": {"image": "alpine:latest",
           "command": ["/bin/sh", "-c", "sleep 10"], "resources": {"requests": {"memoryInGB": 1, "cpu": 1}}}}]}}
        """;
    /**
     * provisioningState values: the SDK's ContainerGroupProvisioningState enum (from the spec's readme transform)
     * and "Created", which ContainerGroupsCreatePriority.json answers with 201 although the enum lacks it.
     */
    private static final Set<String> PROVISIONING_STATES = Set.of("NotSpecified", "Accepted", "Pending", "Updating",
        "Creating", "Repairing", "Unhealthy", "Failed", "Canceled", "Succeeded", "Deleting", "NotAccessible",
        "PreProvisioned", "Created");
    /** The properties of the spec's Event definition. */
    private static final Set<String> EVENT_FIELDS = Set.of("count", "firstTimestamp", "lastTimestamp", "name",
        "message", "type");
    /** The properties of the spec's ContainerState definition. */
    private static final Set<String> STATE_FIELDS = Set.of("state", "startTime", "exitCode", "finishTime",
        "detailStatus");
    /** The properties of a container's instanceView. */
    private static final Set<String> CONTAINER_VIEW_FIELDS = Set.of("restartCount", "currentState", "previousState",
        "events");
    /** The properties of the group's instanceView. */
    private static final Set<String> GROUP_VIEW_FIELDS = Set.of("events", "state");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final AciFakeServer aci = new AciFakeServer(now::get).start();
    private final HttpPipeline pipeline = aci.httpPipeline(new StaticTestTokenCredential());
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void stop() {
        aci.close();
    }

    @Test
    void createAnswers201AsTheCreateExampleAndAnUpdate200() throws Exception {
        aci.scenarioFor("created", AciScenario.runsFor(Duration.ofMinutes(5)));

        Answer created = send(HttpMethod.PUT, "created", CREATE);
        // ContainerGroupsCreatePriority.json, 201: provisioningState and instanceView.state "Created", no events,
        // containers without an instanceView.
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().at("/properties/provisioningState").asText()).isEqualTo("Created");
        assertThat(created.body().at("/properties/instanceView/state").asText()).isEqualTo("Created");
        assertThat(created.body().at("/properties/instanceView/events")).isEmpty();
        assertThat(created.body().at("/properties/containers/0/properties").has("instanceView")).isFalse();
        assertThat(created.body().path("location").asText()).isEqualTo("eastus");
        assertThat(created.headers().getValue(HttpHeaderName.fromString("azure-asyncoperation"))).isNotBlank();
        assertShape(created.body());

        assertThat(send(HttpMethod.PUT, "created", CREATE).status()).isEqualTo(200);
    }

    @Test
    void failedProvisioningLooksLikeTheGetFailedExample() throws Exception {
        aci.scenarioFor("failed", AciScenario.provisioningFailure());
        send(HttpMethod.PUT, "failed", CREATE);
        now.updateAndGet(instant -> instant.plus(AciScenario.DEFAULT_PENDING));

        JsonNode group = send(HttpMethod.GET, "failed", null).body();

        // ContainerGroupsGet_Failed.json: provisioningState Failed, group Pending, container Waiting, and the one
        // failure event FailedMount with type Normal.
        assertThat(group.at("/properties/provisioningState").asText()).isEqualTo("Failed");
        assertThat(group.at("/properties/instanceView/state").asText()).isEqualTo("Pending");
        assertThat(group.at("/properties/containers/0/properties/instanceView/currentState/state").asText())
            .isEqualTo("Waiting");
        JsonNode event = group.at("/properties/instanceView/events/0");
        assertThat(event.path("name").asText()).isEqualTo("FailedMount");
        assertThat(event.path("type").asText()).isEqualTo("Normal");
        assertThat(event.path("message").asText()).contains("mount error(2): Permission denied");
        assertShape(group);
    }

    @Test
    void deleteAnswers200WithoutInstanceView202WithAsyncOperationAnd204() throws Exception {
        aci.scenarioFor("gone", AciScenario.runsFor(Duration.ofMinutes(5)));
        aci.scenarioFor("leaky", AciScenario.runsFor(Duration.ofMinutes(5)).withDeleteIgnored());
        send(HttpMethod.PUT, "gone", CREATE);
        send(HttpMethod.PUT, "leaky", CREATE);

        // ContainerGroupsDelete.json: 200 with the group (provisioningState Succeeded, no instanceView), 202 with an
        // azure-asyncoperation header, 204 when there is nothing to delete.
        Answer deleted = send(HttpMethod.DELETE, "gone", null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(deleted.body().path("properties").has("instanceView")).isFalse();
        assertThat(deleted.body().at("/properties/containers/0/properties").has("instanceView")).isFalse();
        Answer accepted = send(HttpMethod.DELETE, "leaky", null);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.headers().getValue(HttpHeaderName.fromString("azure-asyncoperation"))).isNotBlank();
        assertThat(send(HttpMethod.DELETE, "gone", null).status()).isEqualTo(204);
    }

    @Test
    void everyStateOfEveryScenarioFitsTheSpecDefinitions() throws Exception {
        aci.scenarioFor("ok", AciScenario.runsFor(Duration.ofMinutes(2)));
        aci.scenarioFor("pull", AciScenario.imagePullFailure());
        aci.scenarioFor("oom", AciScenario.oomKilledAfter(Duration.ofMinutes(1)));
        aci.scenarioFor("spot", AciScenario.spotEvicted(1, Duration.ofMinutes(1)));
        aci.scenarioFor("mount", AciScenario.provisioningFailure());
        Set<String> names = Set.of("ok", "pull", "oom", "spot", "mount");
        for (String name : names) {
            send(HttpMethod.PUT, name, CREATE);
        }
        for (int minute = 0; minute < 4; minute++) {
            for (String name : names) {
                JsonNode group = send(HttpMethod.GET, name, null).body();
                assertShape(group);
                assertThat(group.at("/properties/containers/0/properties").has("instanceView")).isTrue();
            }
            now.updateAndGet(instant -> instant.plus(Duration.ofMinutes(1)));
        }
    }

    private static void assertShape(JsonNode group) {
        JsonNode properties = group.path("properties");
        assertThat(group.path("type").asText()).isEqualTo("Microsoft.ContainerInstance/containerGroups");
        assertThat(PROVISIONING_STATES).contains(properties.path("provisioningState").asText());
        if (properties.has("instanceView")) {
            assertFields(properties.get("instanceView"), GROUP_VIEW_FIELDS);
            assertEvents(properties.get("instanceView").path("events"));
        }
        for (JsonNode container : properties.path("containers")) {
            JsonNode view = container.path("properties").path("instanceView");
            if (view.isMissingNode()) {
                continue;
            }
            assertFields(view, CONTAINER_VIEW_FIELDS);
            assertThat(view.path("restartCount").isInt()).isTrue();
            assertFields(view.path("currentState"), STATE_FIELDS);
            JsonNode exitCode = view.path("currentState").path("exitCode");
            assertThat(exitCode.isMissingNode() || exitCode.isInt()).isTrue();
            assertEvents(view.path("events"));
        }
    }

    private static void assertEvents(JsonNode events) {
        assertThat(events.isArray()).isTrue();
        for (JsonNode event : events) {
            assertFields(event, EVENT_FIELDS);
            assertThat(event.path("count").isInt()).isTrue();
            assertThat(event.path("type").asText()).isIn("Normal", "Warning");
        }
    }

    private static void assertFields(JsonNode object, Set<String> allowed) {
        assertThat(object.isObject()).isTrue();
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            assertThat(allowed).contains(names.next());
        }
    }

    private Answer send(HttpMethod method, String path, String body) throws Exception {
        HttpRequest request = new HttpRequest(method, aci.baseUrl() + GROUP + path + "?api-version=2025-09-01");
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json").setBody(body);
        }
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            byte[] bytes = response.getBodyAsBinaryData().toBytes();
            return new Answer(response.getStatusCode(), response.getHeaders(),
                bytes.length == 0 ? mapper.createObjectNode() : mapper.readTree(bytes));
        }
    }

    private record Answer(int status, HttpHeaders headers, JsonNode body) {
    }
}
