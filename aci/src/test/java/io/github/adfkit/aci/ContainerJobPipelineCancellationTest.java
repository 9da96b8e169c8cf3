package io.github.adfkit.aci;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.core.WebhookRequest;
import io.github.adfkit.core.WebhookRequestOptions;
import io.github.adfkit.testing.aci.AciScenario;
import io.github.adfkit.testing.adf.AdfFakeServer;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebHook job that follows its pipeline run: once the run is cancelled in ADF the group is stopped and cleaned up
 * at the job's next poll, the job ends cancelled, and ADF is not called back.
 */
class ContainerJobPipelineCancellationTest {
    private static final CallbackUriPolicy LOOPBACK = CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting();
    private static final String FACTORY = "/subscriptions/" + FakeAci.SUBSCRIPTION
        + "/resourceGroups/rg-adf/providers/Microsoft.DataFactory/factories/df-1";

    private final FakeAci fake = new FakeAci();
    private final AdfCallbackReceiver callbacks = new AdfCallbackReceiver().start();
    private final AdfFakeServer factory = new AdfFakeServer().start();
    private final HttpPipeline factoryPipeline = factory.httpPipeline(new StaticTestTokenCredential());

    @AfterEach
    void close() {
        factory.close();
        callbacks.close();
        fake.close();
    }

    private String post(String path) throws IOException {
        try (HttpResponse response = factoryPipeline.sendSync(new HttpRequest(HttpMethod.POST, factory.baseUrl()
            + FACTORY + path + "?api-version=2018-06-01").setHeader(com.azure.core.http.HttpHeaderName.CONTENT_TYPE,
            "application/json").setBody(BinaryData.fromString("{}")), com.azure.core.util.Context.NONE)) {
            assertThat(response.getStatusCode()).isEqualTo(200);
            return response.getBodyAsBinaryData().toString();
        }
    }

    @Test
    void pipelineCancelledMidRunStopsTheGroupWithinOnePollAndIsNeverCalledBack() throws IOException {
        String runId = new ObjectMapper().readTree(post("/pipelines/nightly/createRun")).path("runId").asText();
        ContainerJobClient client = fake.builder().dataFactoryEndpoint(factory.baseUrl())
            .callbackClient(new CallbackClientBuilder().callbackUriPolicy(LOOPBACK).clock(fake.clock)
                .deadline(Duration.ofHours(1)).buildAsyncClient()).buildClient();
        CompletableFuture<ContainerJobResult> result = new CompletableFuture<>();
        client.getWatcher().addCompletionListener(result::complete);
        fake.aci.scenarioFor("followed", AciScenario.runsFor(Duration.ofHours(3)));
        String body = "{\"callBackUri\": \"" + callbacks.callbackUri("followed-run") + "\", \"pipelineRun\": "
            + "{\"resourceGroup\": \"rg-adf\", \"factoryName\": \"df-1\", \"runId\": \"" + runId + "\"}}";
        WebhookRequest request = WebhookRequest.parse(body.getBytes(StandardCharsets.UTF_8),
            new WebhookRequestOptions().setCallbackUriPolicy(LOOPBACK));
        client.startForWebhook(request, FakeAci.spec("followed"));
        fake.advanceFor(List.of(client.getWatcher()), Duration.ofMinutes(20));
        assertThat(client.getJobStatus(FakeAci.RESOURCE_GROUP, "followed").getState())
            .isEqualTo(ContainerJobState.RUNNING);

        post("/pipelineruns/" + runId + "/cancel");
        Instant cancelled = fake.clock.now();
        int requestsBefore = fake.requestLines().size();
        fake.advanceUntil(client.getWatcher(), result::isDone, Duration.ofMinutes(5));

        assertThat(fake.aci.groupExists("followed")).isFalse();
        assertThat(Duration.between(cancelled, fake.clock.now())).as("from the cancel to the group's cleanup")
            .isLessThanOrEqualTo(ContainerJobClientBuilder.DEFAULT_POLL_BACKOFF.getMax().plusSeconds(15));
        List<String> afterCancel = fake.requestLines().subList(requestsBefore, fake.requestLines().size());
        assertThat(afterCancel.subList(0, afterCancel.indexOf("DELETE followed"))).as("status reads before cleanup")
            .doesNotContain("GET followed");
        assertThat(result.join().getState()).isEqualTo(ContainerJobState.CANCELLED);
        assertThat(result.join().getFailureReason()).isEqualTo(ContainerJobFailureReason.PIPELINE_ENDED);
        assertThat(result.join().getMessage()).contains(runId).contains("Cancelled");
        fake.advanceFor(List.of(client.getWatcher()), Duration.ofMinutes(5));
        assertThat(callbacks.attempts()).as("callbacks to ADF").isEmpty();
        client.getWatcher().close();
    }
}
