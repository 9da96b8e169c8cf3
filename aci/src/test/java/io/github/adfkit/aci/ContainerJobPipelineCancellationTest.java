package io.github.adfkit.aci;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.adfkit.aci.implementation.JobRecord;
import io.github.adfkit.aci.implementation.OutcomeJson;
import io.github.adfkit.aci.models.CleanupOutcome;
import io.github.adfkit.aci.models.CleanupPolicy;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.core.CallbackAsyncClient;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.core.WebhookRequest;
import io.github.adfkit.core.WebhookRequestOptions;
import io.github.adfkit.testing.aci.AciScenario;
import io.github.adfkit.testing.adf.AdfFakeServer;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebHook job whose pipeline no longer waits for it: once the pipeline run it follows is cancelled or failed in
 * ADF, the group is stopped and cleaned up at the job's next poll, the job ends cancelled, and ADF is not called
 * back; once ADF refuses its callback for good (the WebHook activity timed out), the job ends cancelled and the
 * callback is never sent again, by this host or another.
 */
@ExtendWith(AzuriteExtension.class)
class ContainerJobPipelineCancellationTest {
    private static final CallbackUriPolicy LOOPBACK = CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting();
    private static final String FACTORY = "/subscriptions/" + FakeAci.SUBSCRIPTION
        + "/resourceGroups/rg-adf/providers/Microsoft.DataFactory/factories/df-1";
    private static final Duration SETTLE = Duration.ofMillis(300);

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

    private String post(String path) {
        try (HttpResponse response = factoryPipeline.sendSync(new HttpRequest(HttpMethod.POST, factory.baseUrl()
            + FACTORY + path + "?api-version=2018-06-01").setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
            .setBody(BinaryData.fromString("{}")), Context.NONE)) {
            assertThat(response.getStatusCode()).isEqualTo(200);
            return response.getBodyAsBinaryData().toString();
        }
    }

    private CallbackAsyncClient callbackClient() {
        return new CallbackClientBuilder().callbackUriPolicy(LOOPBACK).clock(fake.clock)
            .deadline(Duration.ofHours(1)).buildAsyncClient();
    }

    private static CompletableFuture<ContainerJobResult> resultOf(ContainerJobClient client) {
        CompletableFuture<ContainerJobResult> result = new CompletableFuture<>();
        client.getWatcher().addCompletionListener(result::complete);
        return result;
    }

    private WebhookRequest webhook(String callbackId, String extraJson) {
        String body = "{\"callBackUri\": \"" + callbacks.callbackUri(callbackId) + "\"" + extraJson + "}";
        return WebhookRequest.parse(body.getBytes(StandardCharsets.UTF_8),
            new WebhookRequestOptions().setCallbackUriPolicy(LOOPBACK));
    }

    @Test
    void pipelineCancelledMidRunStopsTheGroupWithinOnePollAndIsNeverCalledBack() throws IOException {
        ContainerJobResult result = followedRunEndsMidRun("cancelled-run",
            runId -> post("/pipelineruns/" + runId + "/cancel"));

        assertThat(result.getMessage()).contains("is Cancelled");
    }

    @Test
    void pipelineFailedMidRunStopsTheGroupWithinOnePollAndIsNeverCalledBack() throws IOException {
        ContainerJobResult result = followedRunEndsMidRun("failed-run", runId -> factory.failRun(runId,
            "Operation on target CopyOrders failed: the source table does not exist."));

        assertThat(result.getMessage()).contains("is Failed").contains("Operation on target CopyOrders failed");
    }

    /**
     * Starts a WebHook job that follows a new pipeline run, lets it run 20 minutes, ends the run with
     * {@code endRun}, and checks what every end of the run must do.
     *
     * @return the job's result
     */
    private ContainerJobResult followedRunEndsMidRun(String group, Consumer<String> endRun) throws IOException {
        String runId = new ObjectMapper().readTree(post("/pipelines/nightly/createRun")).path("runId").asText();
        ContainerJobClient client = fake.builder().dataFactoryEndpoint(factory.baseUrl())
            .callbackClient(callbackClient()).buildClient();
        CompletableFuture<ContainerJobResult> result = resultOf(client);
        fake.aci.scenarioFor(group, AciScenario.runsFor(Duration.ofHours(3)));
        client.startForWebhook(webhook(group, ", \"pipelineRun\": {\"resourceGroup\": \"rg-adf\", "
            + "\"factoryName\": \"df-1\", \"runId\": \"" + runId + "\"}"), FakeAci.spec(group));
        fake.advanceFor(List.of(client.getWatcher()), Duration.ofMinutes(20));
        assertThat(client.getJobStatus(FakeAci.RESOURCE_GROUP, group).getState())
            .isEqualTo(ContainerJobState.RUNNING);

        endRun.accept(runId);
        Instant ended = fake.clock.now();
        int requestsBefore = fake.requestLines().size();
        fake.advanceUntil(client.getWatcher(), result::isDone, Duration.ofMinutes(5));

        assertThat(fake.aci.groupExists(group)).isFalse();
        assertThat(Duration.between(ended, fake.clock.now())).as("from the run's end to the group's cleanup")
            .isLessThanOrEqualTo(ContainerJobClientBuilder.DEFAULT_POLL_BACKOFF.getMax().plusSeconds(15));
        List<String> afterEnd = fake.requestLines().subList(requestsBefore, fake.requestLines().size());
        assertThat(afterEnd.subList(0, afterEnd.indexOf("DELETE " + group))).as("status reads before cleanup")
            .doesNotContain("GET " + group);
        assertThat(result.join().getState()).isEqualTo(ContainerJobState.CANCELLED);
        assertThat(result.join().getFailureReason()).isEqualTo(ContainerJobFailureReason.PIPELINE_ENDED);
        assertThat(result.join().getMessage()).contains(runId);
        fake.advanceFor(List.of(client.getWatcher()), Duration.ofMinutes(5));
        assertThat(callbacks.attempts()).as("callbacks to ADF").isEmpty();
        client.getWatcher().close();
        return result.join();
    }

    @Test
    void callbackRefusedOnceTheActivityTimedOutEndsTheJobCancelledAndIsNeverSentAgain() {
        ContainerJobClient client = fake.builder().callbackClient(callbackClient()).buildClient();
        CompletableFuture<ContainerJobResult> result = resultOf(client);
        fake.aci.scenarioFor("outlived", AciScenario.runsFor(Duration.ofHours(3)).withLogs("half the rows"));
        // The WebHook activity's own timeout has passed: ADF refuses the callBackUri from now on.
        callbacks.respondWith(400);

        client.startForWebhook(webhook("outlived", ""), FakeAci.spec("outlived").setTimeout(Duration.ofHours(1))
            .setCleanupPolicy(CleanupPolicy.DELETE_ON_SUCCESS));
        fake.advanceInSteps(List.of(client.getWatcher()), result::isDone, Duration.ofSeconds(5), SETTLE,
            Duration.ofHours(2));
        fake.advanceFor(List.of(client.getWatcher()), Duration.ofMinutes(30));

        ContainerJobResult ended = result.join();
        assertThat(ended.getState()).isEqualTo(ContainerJobState.CANCELLED);
        assertThat(ended.getFailureReason()).isEqualTo(ContainerJobFailureReason.PIPELINE_ENDED);
        assertThat(ended.getMessage()).contains("HTTP 400").contains(ContainerJobFailureReason.TIMED_OUT.getCode());
        assertThat(ended.getLogTail()).contains("half the rows");
        assertThat(ended.getCleanupOutcome()).as("a failed job kept for a post-mortem, stopped")
            .isEqualTo(CleanupOutcome.STOPPED);
        assertThat(fake.requestLines()).contains("POST outlived/stop").noneMatch(line -> line.startsWith("DELETE"));
        assertThat(fake.aci.containerState("outlived")).isEqualTo("Terminated");
        assertThat(callbacks.attempts()).as("callback attempts").singleElement()
            .satisfies(refused -> assertThat(refused.status()).isEqualTo(400));
        assertThat(client.getWatcher().getWatchedJobCount()).isZero();
        client.getWatcher().close();
    }

    @Test
    void aCallbackJudgedGoneIsNotSentAgainByTheHostThatAdoptsTheJob(TableClient table) {
        ContainerJobResult succeeded = new ContainerJobResult(new ContainerJobStatus(FakeAci.RESOURCE_GROUP, "judged",
            ContainerJobState.SUCCEEDED, null, 0, "Completed", null, null), "The container exited with code 0.",
            List.of(), "all rows", CleanupOutcome.NOTHING_TO_CLEAN, null);
        // Its host died after recording ADF's refusal (ACTIVITY_GONE in the journal) and before removing the row.
        new OrphanedJobRow("judged", callbacks.callbackUri("judged"), fake.clock)
            .done(JobRecord.OUTCOME, OutcomeJson.toText(succeeded))
            .done(JobRecord.CLEANUP, CleanupOutcome.DELETED.name())
            .done(JobRecord.CALLBACK, "ACTIVITY_GONE: HTTP 400")
            .writeTo(table);

        ContainerJobClient next = fake.builder().callbackClient(callbackClient()).tableClient(table).hostId("next")
            .buildClient();
        CompletableFuture<ContainerJobResult> result = resultOf(next);
        next.getWatcher().resumeStoredJobs();
        fake.advanceUntil(next.getWatcher(), () -> result.isDone()
            && table.listEntities().stream().findAny().isEmpty(), Duration.ofMinutes(10));

        assertThat(result.join().getState()).isEqualTo(ContainerJobState.CANCELLED);
        assertThat(result.join().getFailureReason()).isEqualTo(ContainerJobFailureReason.PIPELINE_ENDED);
        assertThat(result.join().getMessage()).contains("HTTP 400").contains("SUCCEEDED");
        assertThat(result.join().getExitCode()).isZero();
        assertThat(callbacks.attempts()).as("callback attempts").isEmpty();
        assertThat(fake.requestLines()).as("ARM requests").isEmpty();
        next.getWatcher().close();
    }
}
