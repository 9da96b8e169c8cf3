package io.github.adfkit.aci;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.CallbackAsyncClient;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.WebhookRequest;
import io.github.adfkit.core.WebhookRequestOptions;
import io.github.adfkit.testing.aci.AciScenario;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import io.github.adfkit.testing.azurite.AzuriteTableService;
import io.github.adfkit.testing.faults.FaultAction;
import io.github.adfkit.testing.faults.FaultKind;
import io.github.adfkit.testing.faults.FaultProxy;
import io.github.adfkit.testing.faults.ProxiedRequest;
import io.github.adfkit.testing.logging.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once across hosts that share one job table (Azurite): the lease is held for a job's whole life, so a
 * callback outage longer than the lease hands nothing over, a callback given up after its deadline is never sent
 * by another host, a group name is claimed before the PUT, and a table write whose answer was lost is not taken for
 * another host's move.
 */
@ExtendWith(AzuriteExtension.class)
class ContainerJobExactlyOnceTest extends SharedJobTableHosts {
    @Test
    void callbackOutageLongerThanTheLeaseIsDeliveredOnceByTheHostThatHoldsTheJob(TableClient table) {
        ContainerJobClientBuilder builder = fake.builder().callbackClient(callbacks(Duration.ofHours(1)))
            .tableClient(table).leaseDuration(LEASE);
        ContainerJobClient first = builder.hostId("host-a").buildClient();
        ContainerJobClient second = builder.hostId("host-b").buildClient();
        fake.beforeEachStep = new LeaseGate(table, fake.clock, LEASE, Set.of("host-a", "host-b"));
        second.getWatcher().resumeStoredJobs();
        fake.aci.scenarioFor("outage", AciScenario.runsFor(Duration.ofMinutes(2)).withLogs("rows: 42"));
        adf.respondWith(503);
        WebhookRequest request = webhook("outage-run");
        first.startForWebhook(request, FakeAci.spec("outage").setParameters(request.getBody()));
        List<ContainerJobWatcher> hosts = List.of(first.getWatcher(), second.getWatcher());

        Instant outageEnds = fake.clock.now().plus(Duration.ofMinutes(8));
        fake.advanceInSteps(hosts, () -> {
            if (!fake.clock.now().isBefore(outageEnds)) {
                adf.respondNormally();
            }
            return !adf.callbacks().isEmpty() && table.listEntities().stream().findAny().isEmpty();
        }, Duration.ofSeconds(5), SETTLE, Duration.ofMinutes(30));
        letTimePass(hosts, LEASE.multipliedBy(3));

        assertThat(adf.attempts().size()).as("attempts during the outage").isGreaterThan(3);
        assertThat(adf.callbacksFor("outage-run")).singleElement()
            .satisfies(callback -> assertThat(callback.body().at("/Output/logTail").asText()).contains("rows: 42"));
        assertThat(fake.count("DELETE", "outage")).isEqualTo(1);
        assertThat(fake.aci.groupExists("outage")).isFalse();
        first.getWatcher().close();
        second.getWatcher().close();
    }

    @Test
    void callbackOutageLongerThanTheDeadlineIsReportedNotDeliveredAndNeverSentByAnotherHost(TableClient table) {
        ContainerJobClientBuilder builder = fake.builder().callbackClient(callbacks(Duration.ofMinutes(4)))
            .tableClient(table).leaseDuration(LEASE);
        ContainerJobClient first = builder.hostId("host-a").buildClient();
        ContainerJobClient second = builder.hostId("host-b").buildClient();
        fake.beforeEachStep = new LeaseGate(table, fake.clock, LEASE, Set.of("host-a", "host-b"));
        second.getWatcher().resumeStoredJobs();
        fake.aci.scenarioFor("too-long", AciScenario.runsFor(Duration.ofMinutes(2)));
        adf.respondWith(503);
        WebhookRequest request = webhook("too-long-run");
        CompletableFuture<ContainerJobResult> result = new CompletableFuture<>();
        first.getWatcher().addCompletionListener(result::complete);
        List<ContainerJobWatcher> hosts = List.of(first.getWatcher(), second.getWatcher());

        try (LogCapture logs = LogCapture.start()) {
            first.startForWebhook(request, FakeAci.spec("too-long").setParameters(request.getBody()));
            fake.advanceInSteps(hosts, () -> result.isDone() && table.listEntities().stream().findAny().isEmpty(),
                Duration.ofSeconds(5), SETTLE, Duration.ofMinutes(30));
            adf.respondNormally();
            letTimePass(hosts, LEASE.multipliedBy(5));

            assertThat(logs.text("io.github.adfkit.aci")).contains("recorded as not delivered");
        }
        assertThat(adf.attempts()).isNotEmpty();
        assertThat(adf.callbacks()).as("callbacks accepted after the deadline").isEmpty();
        assertThat(result.join().getState()).isEqualTo(ContainerJobState.SUCCEEDED);
        assertThat(fake.count("DELETE", "too-long")).isEqualTo(1);
        first.getWatcher().close();
        second.getWatcher().close();
    }

    @Test
    void twoHostsStartingTheSameGroupNameRunOneJobAndNeverReplaceTheGroup(TableClient table) {
        ContainerJobClientBuilder builder = fake.builder().tableClient(table).leaseDuration(LEASE);
        ContainerJobAsyncClient first = builder.hostId("host-a").buildAsyncClient();
        ContainerJobAsyncClient second = builder.hostId("host-b").buildAsyncClient();
        fake.beforeEachStep = new LeaseGate(table, fake.clock, LEASE, Set.of("host-a", "host-b"));
        fake.aci.scenarioFor("contested", AciScenario.runsFor(Duration.ofMinutes(3)));

        CompletableFuture<ContainerJobResult> one = finalResult(first, "contested");
        CompletableFuture<ContainerJobResult> other = finalResult(second, "contested");
        fake.advanceUntil(List.of(first.getWatcher(), second.getWatcher()), () -> one.isDone() && other.isDone(),
            Duration.ofMinutes(10));

        List<ContainerJobResult> results = List.of(one.join(), other.join());
        assertThat(results).filteredOn(result -> result.getState() == ContainerJobState.SUCCEEDED).hasSize(1);
        assertThat(results).filteredOn(result -> result.getFailureReason() == ContainerJobFailureReason.GROUP_EXISTS)
            .singleElement().satisfies(refused -> assertThat(refused.getMessage()).contains("already used"));
        assertThat(fake.count("PUT", "contested")).as("PUTs of the group").isEqualTo(1);
        assertThat(fake.count("DELETE", "contested")).isEqualTo(1);
        first.getWatcher().close();
        second.getWatcher().close();
    }

    @Test
    void tableWritesAppliedButUnansweredHandNothingOverAndDoNotWaitForAScan(AzuriteTableService azurite,
        TableClient table) {
        try (FaultProxy proxy = new FaultProxy(azurite.tableEndpoint()).start();
            LogCapture logs = LogCapture.start()) {
            TableClient proxied = new TableClientBuilder()
                .connectionString(azurite.connectionString().replace(azurite.tableEndpoint(), proxy.baseUrl()))
                .retryOptions(new RetryOptions(new FixedDelayOptions(3, Duration.ofMillis(20))))
                .tableName(table.getTableName()).buildClient();
            Predicate<ProxiedRequest> writes = request -> !"GET".equals(request.method());
            proxy.injectNext(12, writes, FaultAction.resetAfter());
            ContainerJobClient host = fake.builder().callbackClient(callbacks(Duration.ofHours(1))).tableClient(proxied)
                .leaseDuration(LEASE).hostId("only-host").pollBackoff(Backoff.fixed(Duration.ofSeconds(5)))
                .buildClient();
            fake.beforeEachStep = new LeaseGate(table, fake.clock, LEASE, Set.of("only-host"));
            fake.aci.scenarioFor("lost-answers", AciScenario.runsFor(Duration.ofMinutes(4)).withLogs("all rows"));
            WebhookRequest request = webhook("lost-answers-run");

            host.startForWebhook(request, FakeAci.spec("lost-answers").setParameters(request.getBody()));
            // The group is created once the job's row is, through lost answers: its run starts then, not earlier.
            FakeAci.await(() -> fake.count("PUT", "lost-answers") == 1, Duration.ofSeconds(20));
            Instant ended = fake.clock.now().plus(Duration.ofMinutes(4));
            fake.advanceUntil(host.getWatcher(), () -> !adf.callbacks().isEmpty()
                && table.listEntities().stream().findAny().isEmpty(), Duration.ofMinutes(30));

            assertThat(proxy.faultCount(FaultKind.RESET_AFTER)).isEqualTo(12);
            assertThat(Duration.between(ended, fake.clock.now())).as("from the container's end to the callback")
                .isLessThan(LEASE.dividedBy(2));
            assertThat(adf.callbacksFor("lost-answers-run")).singleElement().satisfies(callback ->
                assertThat(callback.body().at("/Output/logTail").asText()).contains("all rows"));
            assertThat(fake.count("DELETE", "lost-answers")).isEqualTo(1);
            assertThat(logs.text("io.github.adfkit")).doesNotContain("Another host has taken over")
                .doesNotContain("no longer holds");
            host.getWatcher().close();
        }
    }

    private CompletableFuture<ContainerJobResult> finalResult(ContainerJobAsyncClient client, String groupName) {
        return client.beginRun(FakeAci.spec(groupName)).last()
            .flatMap(response -> response.getFinalResult()).toFuture();
    }

    private void letTimePass(List<ContainerJobWatcher> hosts, Duration duration) {
        Instant end = fake.clock.now().plus(duration);
        fake.advanceInSteps(hosts, () -> !fake.clock.now().isBefore(end), Duration.ofSeconds(5), SETTLE,
            duration.plusMinutes(1));
    }

    private CallbackAsyncClient callbacks(Duration deadline) {
        return new CallbackClientBuilder().callbackUriPolicy(LOOPBACK).clock(fake.clock).deadline(deadline)
            .buildAsyncClient();
    }

    private WebhookRequest webhook(String id) {
        String body = "{\"callBackUri\": \"" + adf.callbackUri(id) + "\"}";
        return WebhookRequest.parse(body.getBytes(StandardCharsets.UTF_8),
            new WebhookRequestOptions().setCallbackUriPolicy(LOOPBACK));
    }
}
