package io.github.adfkit.pauserestart;

import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.resourcemanager.datafactory.DataFactoryManager;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.core.implementation.ConditionalTable;
import io.github.adfkit.core.implementation.LeaseTerms;
import io.github.adfkit.core.implementation.LeasedRow;
import io.github.adfkit.core.implementation.StoredRow;
import io.github.adfkit.pauserestart.implementation.PauseTokens;
import io.github.adfkit.pauserestart.models.PauseTicket;
import io.github.adfkit.pauserestart.models.RestartResult;
import io.github.adfkit.pauserestart.models.RestartStatus;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One token, one run: under concurrent clicks, Data Factory errors, timeouts after acceptance, and a host that died
 * between {@code createRun} and recording it.
 */
@ExtendWith(AzuriteExtension.class)
class RestartUnderFaultsTest {
    @Test
    void fiftyConcurrentPostsWithOneTokenStartOneRunAndTheRestGet409(TableClient table) throws Exception {
        try (PauseRestartFixture fixture = new PauseRestartFixture(table)) {
            PauseTicket ticket = fixture.pause();
            ExecutorService threads = Executors.newFixedThreadPool(50);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HostResponse>> responses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String clientAddress = "10.0.1." + i;
                responses.add(threads.submit(() -> {
                    start.await();
                    return fixture.post(ticket.getToken(), clientAddress);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<HostResponse> response : responses) {
                statuses.add(response.get(60, TimeUnit.SECONDS).getStatus());
            }
            threads.shutdown();

            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 409).hasSize(49);
            assertThat(fixture.createRunCalls()).isEqualTo(1);
            assertThat(fixture.adf.runs()).hasSize(1);
        }
    }

    @Test
    void dataFactory503ThenSuccessStartsOneRun(TableClient table) {
        try (PauseRestartFixture fixture = new PauseRestartFixture(table)) {
            RestartResult result = restartAfterFailures(fixture, fixture.pause(), 1, 503);

            assertStartedTheOnlyRun(fixture, result);
            assertThat(fixture.createRunCalls()).isEqualTo(2);
        }
    }

    @Test
    void timeoutAfterDataFactoryAcceptedAdoptsTheRunInsteadOfStartingASecond(TableClient table) {
        try (PauseRestartFixture fixture = new PauseRestartFixture(table, Duration.ofMillis(500))) {
            PauseTicket ticket = fixture.pause();
            fixture.adf.acceptNextCreateRunsLate(1, Duration.ofSeconds(3));

            RestartResult result = fixture.client.restart(ticket.getToken());

            assertStartedTheOnlyRun(fixture, result);
            assertThat(fixture.createRunCalls()).isEqualTo(1);
            assertThat(fixture.client.restart(ticket.getToken()).getStatus()).isEqualTo(RestartStatus.ALREADY_USED);
        }
    }

    @Test
    void throttlingIsRetriedWithoutAnyRun(TableClient table) {
        try (PauseRestartFixture fixture = new PauseRestartFixture(table)) {
            RestartResult result = restartAfterFailures(fixture, fixture.pause(), 2, 429);

            assertThat(result.isStarted()).isTrue();
            assertThat(fixture.createRunCalls()).isEqualTo(3);
            assertThat(fixture.adf.runs()).hasSize(1);
        }
    }

    @Test
    void dataFactoryRefusalShowsWhyAndTheLinkWorksAgainLater(TableClient table) {
        try (PauseRestartFixture fixture = new PauseRestartFixture(table)) {
            PauseTicket ticket = fixture.pause();
            fixture.adf.failNextCreateRuns(1, 404);

            HostResponse refused = fixture.post(ticket.getToken());

            assertThat(refused.getStatus()).isEqualTo(502);
            assertThat(refused.getBodyAsString()).contains("could not be resumed", "answered 404", "still works");
            assertThat(fixture.adf.runs()).isEmpty();

            HostResponse retried = fixture.post(ticket.getToken());

            assertThat(retried.getStatus()).isEqualTo(200);
            assertThat(fixture.adf.runs()).hasSize(1);
        }
    }

    @Test
    void dataFactoryDownForEveryAttemptLeavesTheLinkUsableAndNoRun(TableClient table) {
        try (PauseRestartFixture fixture = new PauseRestartFixture(table)) {
            PauseTicket ticket = fixture.pause();
            RestartResult failed = restartAfterFailures(fixture, ticket, 3, 500);

            assertThat(failed.getStatus()).isEqualTo(RestartStatus.NOT_STARTED);
            assertThat(failed.getFailureReason()).contains("500", "3 times");
            assertThat(fixture.adf.runs()).isEmpty();
            assertThat(fixture.client.restart(ticket.getToken()).isStarted()).isTrue();
            assertThat(fixture.adf.runs()).hasSize(1);
        }
    }

    @Test
    void hostKilledAfterCreateRunLosesNothingAndNeverStartsASecondRun(TableClient table) {
        try (PauseRestartFixture fixture = new PauseRestartFixture(table)) {
            PauseTicket ticket = fixture.pause();
            String orphanRunId = simulateHostDiedAfterCreateRun(fixture, ticket);

            RestartResult whileClaimed = fixture.client.restart(ticket.getToken());
            assertThat(whileClaimed.getStatus()).isEqualTo(RestartStatus.ALREADY_USED);

            fixture.clock.advance(PauseRestartClientBuilder.DEFAULT_CLAIM_TIMEOUT.plusSeconds(1));
            RestartResult afterClaimTimeout = fixture.client.restart(ticket.getToken());

            assertThat(afterClaimTimeout.getStatus()).isEqualTo(RestartStatus.STARTED);
            assertThat(afterClaimTimeout.getRunId()).isEqualTo(orphanRunId);
            assertThat(fixture.adf.runs()).hasSize(1);
            assertThat(fixture.client.restart(ticket.getToken()).getRunId()).isEqualTo(orphanRunId);
        }
    }

    /** Data Factory fails the next {@code times} createRun calls with {@code status}; then the token is used. */
    private static RestartResult restartAfterFailures(PauseRestartFixture fixture, PauseTicket ticket, int times,
        int status) {
        fixture.adf.failNextCreateRuns(times, status);
        return fixture.client.restart(ticket.getToken());
    }

    private static void assertStartedTheOnlyRun(PauseRestartFixture fixture, RestartResult result) {
        assertThat(result.getStatus()).isEqualTo(RestartStatus.STARTED);
        assertThat(fixture.adf.runs()).singleElement()
            .satisfies(run -> assertThat(result.getRunId()).isEqualTo(run.getRunId()));
    }

    /** What a host leaves behind when it dies after its createRun and before recording the run id. */
    private static String simulateHostDiedAfterCreateRun(PauseRestartFixture fixture, PauseTicket ticket) {
        ConditionalTable table = new ConditionalTable(fixture.table);
        StoredRow pending = table.read(PauseTokens.hash(ticket.getToken()), "ticket").orElseThrow();
        LeasedRow.claim(table, pending, Map.of("state", "CLAIMED", "claims", 1,
                "claimedAt", fixture.clock.now().atOffset(ZoneOffset.UTC)),
            new LeaseTerms("dead-host", PauseRestartClientBuilder.DEFAULT_CLAIM_TIMEOUT, fixture.clock))
            .orElseThrow().close();
        DataFactoryManager manager = DataFactoryManager.authenticate(
            fixture.adf.httpPipeline(new StaticTestTokenCredential()), fixture.adf.azureProfile("tenant-1", "sub-1"));
        return manager.pipelines().createRunWithResponse("rg-data", "adf-sales", "ResumeAfterApproval", null, null,
            null, null, Map.of("pauseId", ticket.getPauseId()), Context.NONE).getValue().runId();
    }
}
