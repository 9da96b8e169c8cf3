package io.github.adfkit.aci;

import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.util.polling.SyncPoller;
import com.azure.data.tables.TableClient;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.WebhookRequest;
import io.github.adfkit.core.WebhookRequestOptions;
import io.github.adfkit.testing.aci.AciScenario;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Jobs found by their group's name: status, re-attach and cancel, for jobs started by {@code beginRun}, for a
 * WebHook, and resumed from the store, from any host that shares the job table.
 */
@ExtendWith(AzuriteExtension.class)
class ContainerJobsByNameTest extends SharedJobTableHosts {
    private ContainerJobClientBuilder host(TableClient table, String id) {
        return fake.builder().tableClient(table).leaseDuration(LEASE).hostId(id).callbackClient(
            new CallbackClientBuilder().callbackUriPolicy(LOOPBACK).clock(fake.clock).deadline(Duration.ofHours(1))
                .buildAsyncClient());
    }

    /**
     * @return live hosts of these ids on the shared job table; the clock waits for their lease renewals
     */
    private List<ContainerJobClient> liveHosts(TableClient table, String... ids) {
        fake.beforeEachStep = new LeaseGate(table, fake.clock, LEASE, Set.of(ids));
        return Stream.of(ids).map(id -> host(table, id).buildClient()).toList();
    }

    private static List<ContainerJobWatcher> watchers(List<ContainerJobClient> hosts) {
        return hosts.stream().map(ContainerJobClient::getWatcher).toList();
    }

    private static CompletableFuture<ContainerJobResult> resultOf(ContainerJobClient host) {
        CompletableFuture<ContainerJobResult> result = new CompletableFuture<>();
        host.getWatcher().addCompletionListener(result::complete);
        return result;
    }

    private WebhookRequest webhook(String id) {
        String body = "{\"callBackUri\": \"" + adf.callbackUri(id) + "\"}";
        return WebhookRequest.parse(body.getBytes(StandardCharsets.UTF_8),
            new WebhookRequestOptions().setCallbackUriPolicy(LOOPBACK));
    }

    @Test
    void jobStartedByBeginRunIsReadAndCancelledByName() {
        ContainerJobClient client = fake.builder().buildClient();
        fake.aci.scenarioFor("local", AciScenario.runsFor(Duration.ofHours(1)));
        SyncPoller<ContainerJobStatus, ContainerJobResult> poller = client.beginRun(FakeAci.spec("local"));
        fake.advanceUntil(client.getWatcher(), () -> client.getJobStatus(FakeAci.RESOURCE_GROUP, "local")
            .getState() == ContainerJobState.RUNNING, Duration.ofMinutes(5));

        client.cancelJob(FakeAci.RESOURCE_GROUP, "local");
        fake.advanceUntil(client.getWatcher(), () -> poller.poll().getStatus().isComplete(), Duration.ofMinutes(5));

        assertThat(poller.getFinalResult().getState()).isEqualTo(ContainerJobState.CANCELLED);
        assertThat(fake.aci.groupExists("local")).isFalse();
        assertThatThrownBy(() -> client.getJobStatus(FakeAci.RESOURCE_GROUP, "local"))
            .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.cancelJob(FakeAci.RESOURCE_GROUP, "unknown"))
            .isInstanceOf(ResourceNotFoundException.class);
        client.getWatcher().close();
    }

    @Test
    void webhookJobIsReadAndCancelledByNameFromAnotherHostButNotAttachedWhileItsHostLives(TableClient table) {
        List<ContainerJobClient> clients = liveHosts(table, "host-a", "host-b");
        ContainerJobClient holder = clients.get(0);
        ContainerJobClient other = clients.get(1);
        List<ContainerJobWatcher> hosts = watchers(clients);
        fake.aci.scenarioFor("remote", AciScenario.runsFor(Duration.ofHours(2)));
        CompletableFuture<ContainerJobResult> result = resultOf(holder);
        WebhookRequest request = webhook("remote-run");
        holder.startForWebhook(request, FakeAci.spec("remote"));
        fake.advanceInSteps(hosts, () -> other.getJobStatus(FakeAci.RESOURCE_GROUP, "remote").getState()
            == ContainerJobState.RUNNING, Duration.ofSeconds(5), SETTLE, Duration.ofMinutes(5));

        assertThatThrownBy(() -> other.beginAttach(FakeAci.RESOURCE_GROUP, "remote"))
            .isInstanceOf(ContainerJobException.class).hasMessageContaining("host-a");
        assertThat(other.getWatcher().getWatchedJobCount()).isZero();
        cancelByNameAndAwaitTheHolder(other, "remote", hosts, table, result);

        holder.getWatcher().close();
        other.getWatcher().close();
    }

    /**
     * Cancels a WebHook job (callback id: the group's name + {@code -run}) by name from a host that does not hold it,
     * and checks that the holder stopped it, cleaned it up and reported the cancel to ADF once.
     */
    private void cancelByNameAndAwaitTheHolder(ContainerJobClient from, String group, List<ContainerJobWatcher> hosts,
        TableClient table, CompletableFuture<ContainerJobResult> result) {
        from.cancelJob(FakeAci.RESOURCE_GROUP, group);
        fake.advanceInSteps(hosts, () -> result.isDone() && table.listEntities().stream().findAny().isEmpty(),
            Duration.ofSeconds(5), SETTLE, Duration.ofMinutes(5));

        assertThat(result.join().getState()).isEqualTo(ContainerJobState.CANCELLED);
        assertThat(result.join().getMessage()).contains("cancelled by name");
        assertThat(fake.aci.groupExists(group)).isFalse();
        assertThat(adf.callbacksFor(group + "-run")).singleElement().satisfies(callback ->
            assertThat(callback.body().at("/Error/ErrorCode").asText())
                .isEqualTo(ContainerJobFailureReason.CANCELLED.getCode()));
    }

    @Test
    void jobResumedFromTheStoreIsReadAndCancelledByNameFromAnotherHostButNotAttached(TableClient table) {
        ContainerJobClient first = liveHosts(table, "host-a").get(0);
        fake.aci.scenarioFor("resumed", AciScenario.runsFor(Duration.ofHours(2)));
        first.startForWebhook(webhook("resumed-run"), FakeAci.spec("resumed"));
        fake.advanceInSteps(List.of(first.getWatcher()), () -> "Running".equals(fake.aci.containerState("resumed")),
            Duration.ofSeconds(5), SETTLE, Duration.ofMinutes(5));
        first.getWatcher().close();

        List<ContainerJobClient> clients = liveHosts(table, "host-b", "host-c");
        ContainerJobClient resumer = clients.get(0);
        ContainerJobClient operator = clients.get(1);
        List<ContainerJobWatcher> hosts = watchers(clients);
        CompletableFuture<ContainerJobResult> result = resultOf(resumer);
        resumer.getWatcher().resumeStoredJobs();
        fake.advanceInSteps(hosts, () -> resumer.getWatcher().getWatchedJobCount() == 1, Duration.ofSeconds(5),
            SETTLE, LEASE.multipliedBy(2));

        assertThat(operator.getJobStatus(FakeAci.RESOURCE_GROUP, "resumed").getState())
            .isEqualTo(ContainerJobState.RUNNING);
        assertThatThrownBy(() -> operator.beginAttach(FakeAci.RESOURCE_GROUP, "resumed"))
            .isInstanceOf(ContainerJobException.class).hasMessageContaining("host-b");
        cancelByNameAndAwaitTheHolder(operator, "resumed", hosts, table, result);

        assertThatThrownBy(() -> operator.getJobStatus(FakeAci.RESOURCE_GROUP, "resumed"))
            .isInstanceOf(ResourceNotFoundException.class);
        resumer.getWatcher().close();
        operator.getWatcher().close();
    }

    @Test
    void jobOfAHostThatStoppedIsReattachedByNameAndFinishedHere(TableClient table) {
        List<ContainerJobClient> clients = liveHosts(table, "host-a", "host-b");
        ContainerJobClient first = clients.get(0);
        ContainerJobClient second = clients.get(1);
        fake.aci.scenarioFor("orphaned", AciScenario.runsFor(Duration.ofMinutes(10)).withLogs("finished here"));
        WebhookRequest request = webhook("orphaned-run");
        first.startForWebhook(request, FakeAci.spec("orphaned"));
        fake.advanceFor(List.of(first.getWatcher(), second.getWatcher()), Duration.ofSeconds(30));

        first.getWatcher().close();
        fake.beforeEachStep = new LeaseGate(table, fake.clock, LEASE, Set.of("host-b"));
        fake.advanceFor(List.of(second.getWatcher()), LEASE.plusSeconds(5));
        SyncPoller<ContainerJobStatus, ContainerJobResult> attached = second.beginAttach(FakeAci.RESOURCE_GROUP,
            "orphaned");
        fake.advanceUntil(second.getWatcher(), () -> attached.poll().getStatus().isComplete(), Duration.ofMinutes(30));

        assertThat(attached.getFinalResult().isSucceeded()).isTrue();
        assertThat(attached.getFinalResult().getLogTail()).contains("finished here");
        assertThat(adf.callbacksFor("orphaned-run")).hasSize(1);
        second.getWatcher().close();
    }
}
