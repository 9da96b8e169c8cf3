package io.github.adfkit.aci;

import com.azure.data.tables.TableClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.aci.implementation.JobRecord;
import io.github.adfkit.aci.implementation.OutcomeJson;
import io.github.adfkit.aci.models.CleanupOutcome;
import io.github.adfkit.aci.models.ContainerImagePolicy;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.aci.models.ContainerJobRetryPolicy;
import io.github.adfkit.aci.models.ContainerPriority;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.CallbackAsyncClient;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.core.SealingKeys;
import io.github.adfkit.core.WebhookRequest;
import io.github.adfkit.core.WebhookRequestOptions;
import io.github.adfkit.testing.aci.AciScenario;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import io.github.adfkit.testing.azurite.AzuriteTableService;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;
import io.github.adfkit.testing.callback.ReceivedCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(AzuriteExtension.class)
class ContainerJobWebhookTest {
    private static final CallbackUriPolicy LOOPBACK = CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting();

    private final FakeAci fake = new FakeAci();
    private final AdfCallbackReceiver adf = new AdfCallbackReceiver().start();
    private final CallbackAsyncClient callbacks = new CallbackClientBuilder().callbackUriPolicy(LOOPBACK)
        .clock(fake.clock).deadline(Duration.ofHours(1)).buildAsyncClient();

    @AfterEach
    void close() {
        adf.close();
        fake.close();
    }

    private WebhookRequest webhook(String id) {
        String body = "{\"month\": \"2026-10\", \"callBackUri\": \"" + adf.callbackUri(id) + "\"}";
        return WebhookRequest.parse(body.getBytes(StandardCharsets.UTF_8),
            new WebhookRequestOptions().setCallbackUriPolicy(LOOPBACK));
    }

    private ContainerJobSpec specFrom(WebhookRequest request, String groupName) {
        return FakeAci.spec(groupName).setParameters(request.getBody());
    }

    @Test
    void successfulJobCallsAdfBackWithExitCodeStateDurationAndLogTail() {
        ContainerJobClient client = fake.builder().callbackClient(callbacks).buildClient();
        fake.aci.scenarioFor("webhook-ok", AciScenario.runsFor(Duration.ofHours(2)).withLogs("done: 1200 rows"));
        WebhookRequest request = webhook("run-1");

        client.startForWebhook(request, specFrom(request, "webhook-ok"));
        fake.advanceUntil(client.getWatcher(), () -> !adf.callbacks().isEmpty(), Duration.ofHours(3));

        JsonNode body = adf.callbacks().get(0).body();
        assertThat(body.path("StatusCode").asText()).isEqualTo("200");
        assertThat(body.path("Output").path("exitCode").asInt()).isZero();
        assertThat(body.path("Output").path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(body.path("Output").path("durationSeconds").asDouble()).isEqualTo(7200.0);
        assertThat(body.path("Output").path("logTail").asText()).contains("done: 1200 rows");
        assertThat(body.path("Output").path("cleanup").asText()).isEqualTo("DELETED");
        assertThat(body.has("Error")).isFalse();
        assertThat(fake.aci.createRequestBodies().get(0)
            .at("/properties/containers/0/properties/environmentVariables/0/value").asText())
            .isEqualTo("{\"month\":\"2026-10\"}");
        client.getWatcher().close();
    }

    @Test
    void failedJobCallsAdfBackWithErrorCodeAndMessage() {
        ContainerJobClient client = fake.builder().callbackClient(callbacks).buildClient();
        fake.aci.scenarioFor("webhook-bad", AciScenario.runsFor(Duration.ofMinutes(5)).withExitCode(3));
        adf.failNext(2, 503, Duration.ofSeconds(1));
        WebhookRequest request = webhook("run-2");

        client.startForWebhook(request, specFrom(request, "webhook-bad"));
        fake.advanceUntil(client.getWatcher(), () -> !adf.callbacks().isEmpty(), Duration.ofHours(1));

        JsonNode body = adf.callbacks().get(0).body();
        assertThat(body.path("StatusCode").asText()).isEqualTo("500");
        assertThat(body.path("Error").path("ErrorCode").asText()).isEqualTo("ContainerExitedWithError");
        assertThat(body.path("Error").path("Message").asText()).contains("exited with code 3");
        assertThat(body.path("Output").path("exitCode").asInt()).isEqualTo(3);
        assertThat(adf.attempts()).hasSize(3);
        client.getWatcher().close();
    }

    @Test
    void retriedJobReportsEveryAttemptToAdfInOneCallback() {
        ContainerJobClient client = fake.builder().callbackClient(callbacks).buildClient();
        fake.aci.scenarioFor("webhook-spot", AciScenario.spotEvicted(1, Duration.ofMinutes(4)));
        WebhookRequest request = webhook("run-spot");

        client.startForWebhook(request, specFrom(request, "webhook-spot").setPriority(ContainerPriority.SPOT)
            .setRetryPolicy(ContainerJobRetryPolicy.onTransientFailures(3, Backoff.fixed(Duration.ofMinutes(1)))));
        fake.advanceUntil(client.getWatcher(), () -> !adf.callbacks().isEmpty(), Duration.ofHours(1));
        fake.advanceFor(List.of(client.getWatcher()), Duration.ofMinutes(10));

        assertThat(adf.attempts()).hasSize(1);
        JsonNode output = adf.callbacksFor("run-spot").get(0).body().path("Output");
        assertThat(output.path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(output.path("attempts")).hasSize(2);
        assertThat(output.at("/attempts/0/failureReason").asText())
            .isEqualTo(ContainerJobFailureReason.SPOT_EVICTED.getCode());
        assertThat(output.at("/attempts/0/events").toString()).contains("SpotContainerGroupEvicted");
        assertThat(output.at("/attempts/1/state").asText()).isEqualTo("SUCCEEDED");
        client.getWatcher().close();
    }

    @Test
    void hostKilledMidWatchIsResumedByANewHostThatCallsBackOnce(AzuriteTableService azurite, TableClient table) {
        ContainerJobClientBuilder builder = storedJobsBuilder(azurite, table);
        ContainerJobClient first = builder.hostId("host-a").buildClient();
        fake.aci.scenarioFor("resumable", AciScenario.runsFor(Duration.ofMinutes(30)).withLogs("survived"));
        WebhookRequest request = webhook("run-3");
        first.startForWebhook(request, specFrom(request, "resumable"));
        fake.advanceUntil(first.getWatcher(), () -> "Running".equals(fake.aci.containerState("resumable")),
            Duration.ofMinutes(5));
        assertThat(table.listEntities()).singleElement().satisfies(row -> assertThat(row.getProperties().toString())
            .as("the stored row").doesNotContain(adf.callbackCode("run-3"), "callbackid", "code=", "/callback/")
            .contains("adfkit-sealed:v1:k1:"));

        first.getWatcher().close();
        ContainerJobClient second = builder.hostId("host-b")
            .sealingKeys(SealingKeys.generate("k2").withRetiredKey("k1", FakeAci.SEALING_KEY)).buildClient();
        second.getWatcher().resumeStoredJobs();
        fake.advanceUntil(second.getWatcher(), () -> !adf.callbacks().isEmpty(), Duration.ofHours(1));
        fake.advanceFor(List.of(second.getWatcher()), Duration.ofMinutes(20));

        List<ReceivedCallback> delivered = adf.callbacksFor("run-3");
        assertThat(delivered).singleElement().satisfies(callback ->
            assertThat(callback.body().at("/Output/logTail").asText()).contains("survived"));
        assertThat(table.listEntities()).isEmpty();
        assertThat(fake.aci.groupExists("resumable")).isFalse();
        second.getWatcher().close();
    }

    @Test
    void aWebhookMayRunOnlyTheImagesThePolicyAllows() {
        ContainerJobClient client = fake.builder().callbackClient(callbacks).buildClient();
        ContainerJobClient noPolicy = fake.builder().webhookImagePolicy(ContainerImagePolicy.none())
            .callbackClient(callbacks).buildClient();
        WebhookRequest request = webhook("run-miner");

        for (String image : List.of("attacker/miner:latest", "docker.io/attacker/miner", "myacr.azurecr.io.evil/x",
            "evil.example/myacr.azurecr.io/job")) {
            ContainerJobSpec spec = new ContainerJobSpec(FakeAci.RESOURCE_GROUP, "westeurope", image)
                .setGroupName("miner");
            assertThatThrownBy(() -> client.startForWebhook(request, spec)).as(image)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not allowed");
        }
        assertThatThrownBy(() -> noPolicy.startForWebhook(request, specFrom(request, "default-policy")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not allowed");
        assertThat(fake.aci.createdGroupCount()).isZero();
        assertThat(ContainerImagePolicy.none().allowImage("mcr.microsoft.com/azure-cli")
            .isAllowed("mcr.microsoft.com/azure-cli:2.61.0")).isTrue();
        assertThat(ContainerImagePolicy.none().allowImage("myacr.azurecr.io/job:1.2")
            .isAllowed("myacr.azurecr.io/job:1.3")).isFalse();
        assertThat(ContainerImagePolicy.none().allowImage("ubuntu").isAllowed("docker.io/library/ubuntu:22.04"))
            .isTrue();
        client.getWatcher().close();
        noPolicy.getWatcher().close();
    }

    @Test
    void aJobStoreWithoutSealingKeysIsRefusedAtBuild(AzuriteTableService azurite, TableClient table) {
        ContainerJobClientBuilder unsealed = new ContainerJobClientBuilder().endpoint(fake.aci.baseUrl())
            .credential(new StaticTestTokenCredential()).subscriptionId("s")
            .tableClient(table);

        assertThatThrownBy(unsealed::buildClient).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("sealingKeys");
    }

    @Test
    void twoHostsResumingTheSameStoreCallBackOnlyOnce(AzuriteTableService azurite, TableClient table) {
        ContainerJobClientBuilder builder = storedJobsBuilder(azurite, table);
        ContainerJobClient first = builder.hostId("host-a").buildClient();
        fake.aci.defaultScenario(AciScenario.runsFor(Duration.ofMinutes(20)));
        for (int i = 0; i < 5; i++) {
            WebhookRequest request = webhook("shared-" + i);
            first.startForWebhook(request, specFrom(request, "shared-" + i));
        }
        fake.advanceUntil(first.getWatcher(), () -> fake.aci.createdGroupCount() == 5, Duration.ofMinutes(5));
        first.getWatcher().close();

        ContainerJobClient second = builder.hostId("host-b").buildClient();
        ContainerJobClient third = builder.hostId("host-c").buildClient();
        second.getWatcher().resumeStoredJobs();
        third.getWatcher().resumeStoredJobs();
        List<ContainerJobWatcher> hosts = List.of(second.getWatcher(), third.getWatcher());
        fake.advanceUntil(hosts, () -> adf.callbacks().size() >= 5 && table.listEntities().stream().findAny().isEmpty(),
            Duration.ofHours(1));
        fake.advanceFor(hosts, Duration.ofMinutes(10));

        for (int i = 0; i < 5; i++) {
            assertThat(adf.callbacksFor("shared-" + i)).as("callbacks of job %d", i).hasSize(1);
        }
        second.getWatcher().close();
        third.getWatcher().close();
    }

    @Test
    void storedOutcomeWhoseHostDiedBeforeCallingBackIsDeliveredByTheNextHost(AzuriteTableService azurite,
        TableClient table) {
        ContainerJobResult outcome = new ContainerJobResult(new ContainerJobStatus(FakeAci.RESOURCE_GROUP, "orphan",
            ContainerJobState.FAILED, ContainerJobFailureReason.NON_ZERO_EXIT, 2, "Error", null, null),
            "The container exited with code 2 (Error); see the log tail.", List.of(), "last words",
            CleanupOutcome.NOTHING_TO_CLEAN, null);
        new OrphanedJobRow("orphan", adf.callbackUri("run-4"), fake.clock)
            .done(JobRecord.OUTCOME, OutcomeJson.toText(outcome)).writeTo(table);

        ContainerJobClient next = fake.builder().callbackClient(callbacks).tableClient(table).hostId("next").buildClient();
        next.getWatcher().resumeStoredJobs();
        fake.advanceUntil(next.getWatcher(), () -> !adf.callbacks().isEmpty()
            && table.listEntities().stream().findAny().isEmpty(), Duration.ofMinutes(10));

        JsonNode body = adf.callbacksFor("run-4").get(0).body();
        assertThat(body.at("/Error/ErrorCode").asText()).isEqualTo("ContainerExitedWithError");
        assertThat(body.at("/Output/logTail").asText()).isEqualTo("last words");
        assertThat(body.at("/Output/cleanup").asText()).isEqualTo("DELETED");
        assertThat(fake.requestLines()).containsExactly("DELETE orphan", "GET orphan");
        next.getWatcher().close();
    }

    /** Hosts that share one job store, with a one-minute lease. */
    private ContainerJobClientBuilder storedJobsBuilder(AzuriteTableService azurite, TableClient table) {
        return fake.builder().callbackClient(callbacks).tableClient(table).leaseDuration(Duration.ofMinutes(1));
    }
}
