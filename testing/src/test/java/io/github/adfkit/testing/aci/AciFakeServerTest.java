package io.github.adfkit.testing.aci;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.adfkit.testing.FaultOutcomes;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import io.github.adfkit.testing.faults.FaultMix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AciFakeServerTest {
    private static final String GROUP = "/subscriptions/sub-1/resourceGroups/rg-1/providers/"
        + "Microsoft.ContainerInstance/containerGroups/";
    private static final String BODY = """
        {"location": "westeurope", "properties": {"osType": "Linux", "restartPolicy": "Never",
         "containers": [{"name": "job", "properties": {"image": "contoso/job:1",
           "environmentVariables": [{"name": "A", "value": "1"}, {"name": "SECRET", "secureValue": "hidden"}],
           "resources": {"requests": {"cpu": 1.0, "memoryInGB": 1.5}}}}],
         "imageRegistryCredentials": [{"server": "contoso.azurecr.io", "username": "u", "password": "p4ss"}]}}
        """;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final AciFakeServer aci = new AciFakeServer(now::get).start();
    private final HttpPipeline pipeline = aci.httpPipeline(new StaticTestTokenCredential());
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void stop() {
        aci.close();
    }

    @Test
    void groupMovesFromPendingToRunningToTerminatedAsTheClockMoves() throws Exception {
        aci.scenarioFor("g1", AciScenario.runsFor(Duration.ofHours(1)).withExitCode(4).withLogs("a", "b", "c"));

        assertThat(send(HttpMethod.PUT, "g1", BODY).status()).isEqualTo(201);
        assertThat(containerState("g1")).isEqualTo("Waiting");
        assertThat(send(HttpMethod.GET, "g1/containers/job/logs?tail=2", null).status()).isEqualTo(404);

        advance(Duration.ofSeconds(10));
        JsonNode running = send(HttpMethod.GET, "g1", null).body();
        assertThat(running.at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(running.at("/properties/instanceView/state").asText()).isEqualTo("Running");
        assertThat(send(HttpMethod.GET, "g1/containers/job/logs?tail=2", null).body().path("content").asText())
            .isEqualTo("b\nc\n");

        advance(Duration.ofHours(1));
        JsonNode ended = send(HttpMethod.GET, "g1", null).body()
            .at("/properties/containers/0/properties/instanceView/currentState");
        assertThat(ended.path("state").asText()).isEqualTo("Terminated");
        assertThat(ended.path("exitCode").asInt()).isEqualTo(4);
        assertThat(ended.path("detailStatus").asText()).isEqualTo("Error");
    }

    @Test
    void outputCanGrowOverTimeAndCarryTimestamps() throws Exception {
        aci.scenarioFor("g2", AciScenario.runsFor(Duration.ofHours(1)).withLogs("a", "b", "c")
            .withLogLineEvery(Duration.ofMinutes(1)));
        send(HttpMethod.PUT, "g2", BODY);

        advance(Duration.ofSeconds(70));
        assertThat(send(HttpMethod.GET, "g2/containers/job/logs?tail=5", null).body().path("content").asText())
            .isEqualTo("a\nb\n");
        assertThat(send(HttpMethod.GET, "g2/containers/job/logs?tail=1&timestamps=true", null).body()
            .path("content").asText()).isEqualTo("2026-01-01T00:01:10Z b\n");

        advance(Duration.ofMinutes(1));
        assertThat(send(HttpMethod.GET, "g2/containers/job/logs?tail=5&timestamps=true", null).body()
            .path("content").asText())
            .isEqualTo("2026-01-01T00:00:10Z a\n2026-01-01T00:01:10Z b\n2026-01-01T00:02:10Z c\n");
    }

    @Test
    void secretsAreNeverEchoedBackButThePutIsRecorded() throws Exception {
        send(HttpMethod.PUT, "g2", BODY);

        String answer = send(HttpMethod.GET, "g2", null).body().toString();

        assertThat(answer).doesNotContain("hidden").doesNotContain("p4ss").contains("\"name\":\"SECRET\"");
        assertThat(aci.createRequestBodies()).singleElement()
            .satisfies(body -> assertThat(body.toString()).contains("hidden"));
    }

    @Test
    void deleteStopStartAndMissingGroupsAnswerAsArmDoes() throws Exception {
        send(HttpMethod.PUT, "g3", BODY);

        assertThat(send(HttpMethod.POST, "g3/stop", null).status()).isEqualTo(204);
        assertThat(containerState("g3")).isEqualTo("Terminated");
        assertThat(send(HttpMethod.POST, "g3/start", null).status()).isEqualTo(202);
        assertThat(containerState("g3")).isEqualTo("Waiting");
        assertThat(send(HttpMethod.DELETE, "g3", null).status()).isEqualTo(200);
        assertThat(aci.deletedWhileActive()).hasSize(1);
        assertThat(send(HttpMethod.DELETE, "g3", null).status()).isEqualTo(204);
        Answer missing = send(HttpMethod.GET, "g3", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().at("/error/code").asText()).isEqualTo("ResourceNotFound");
    }

    @Test
    void failureScenariosAnswerWithArmErrors() throws Exception {
        aci.scenarioFor("noimage", AciScenario.inaccessibleImage());
        aci.scenarioFor("noquota", AciScenario.quotaExceeded());
        aci.scenarioFor("nopull", AciScenario.imagePullFailure());

        Answer image = send(HttpMethod.PUT, "noimage", BODY);
        Answer quota = send(HttpMethod.PUT, "noquota", BODY);
        send(HttpMethod.PUT, "nopull", BODY);
        advance(Duration.ofMinutes(1));
        JsonNode pull = send(HttpMethod.GET, "nopull", null).body();

        assertThat(image.status()).isEqualTo(400);
        assertThat(image.body().at("/error/code").asText()).isEqualTo("InaccessibleImage");
        assertThat(quota.status()).isEqualTo(409);
        assertThat(quota.body().at("/error/message").asText()).contains("quota");
        assertThat(pull.at("/properties/provisioningState").asText()).isEqualTo("Failed");
        assertThat(pull.at("/properties/containers/0/properties/instanceView/events").toString())
            .contains("Failed to pull image");
        assertThat(send(HttpMethod.PUT, "Bad_Name", BODY).status()).isEqualTo(400);
    }

    @Test
    void aResetFromTheFaultMixComesBeforeTheFakeActs() {
        aci.injectFaults(FaultMix.ofRate(1.0).withResets());

        assertThatThrownBy(() -> send(HttpMethod.PUT, "reset", BODY)).isNotNull();

        assertThat(aci.groupExists("reset")).isFalse();
        assertThat(aci.createdGroupCount()).isZero();
        assertThat(aci.requests()).hasSize(1);
        assertThat(aci.injectedFaultCount()).isEqualTo(1);
    }

    @Test
    void aSlowAnswerFromTheFaultMixComesAfterTheFakeActed() throws Exception {
        Duration delay = Duration.ofMillis(300);
        aci.injectFaults(FaultMix.ofRate(1.0).withSlowAnswers(delay));

        long started = System.nanoTime();
        assertThat(send(HttpMethod.PUT, "slow", BODY).status()).isEqualTo(201);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(delay);
        assertThat(aci.groupExists("slow")).isTrue();
    }

    @Test
    void aMixedFaultMixRepeatsForTheSameSeed() throws Exception {
        FaultMix mix = FaultMix.ofRate(0.5).withStatuses(429, 503).withResets();
        List<String> first = outcomes(11L, mix);
        List<String> second = outcomes(11L, mix);

        assertThat(first).isEqualTo(second).contains("404", "reset").containsAnyOf("429", "503");
        assertThatThrownBy(() -> aci.injectFaults(mix.withStalls())).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("FaultProxy");
    }

    private List<String> outcomes(long seed, FaultMix mix) {
        aci.injectFaults(seed, mix);
        return FaultOutcomes.of(20, () -> send(HttpMethod.GET, "none", null).status());
    }

    private void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    private String containerState(String name) {
        return aci.containerState(name);
    }

    private Answer send(HttpMethod method, String path, String body) throws Exception {
        int query = path.indexOf('?');
        String url = aci.baseUrl() + GROUP + (query < 0 ? path + "?api-version=2023-05-01"
            : path.substring(0, query) + "?api-version=2023-05-01&" + path.substring(query + 1));
        HttpRequest request = new HttpRequest(method, url);
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json").setBody(body);
        }
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            byte[] bytes = response.getBodyAsBinaryData().toBytes();
            return new Answer(response.getStatusCode(), bytes.length == 0 ? mapper.createObjectNode()
                : mapper.readTree(bytes));
        }
    }

    private record Answer(int status, JsonNode body) {
    }
}
