package io.github.adfkit.pauserestart;

import com.azure.data.tables.TableClient;
import io.github.adfkit.core.implementation.LeasedRow;
import io.github.adfkit.pauserestart.RestartHostMain.Step;
import io.github.adfkit.pauserestart.implementation.PauseTokens;
import io.github.adfkit.pauserestart.models.PauseTicket;
import io.github.adfkit.pauserestart.models.RestartResult;
import io.github.adfkit.pauserestart.models.RestartStatus;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import io.github.adfkit.testing.azurite.AzuriteTableService;
import io.github.adfkit.testing.process.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart host killed with SIGKILL (a separate JVM) at each step of a restart; a new host on the same table then
 * completes the restart with exactly one run, and a claim that is being renewed is never adopted.
 */
@ExtendWith(AzuriteExtension.class)
class RestartHostCrashTest {
    private static final Duration CHILD_CLAIM = Duration.ofSeconds(3);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private final AzuriteTableService azurite;
    private final TableClient table;
    private final PauseRestartFixture fixture;

    RestartHostCrashTest(AzuriteTableService azurite, TableClient table) {
        this.azurite = azurite;
        this.table = table;
        this.fixture = new PauseRestartFixture(table);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void hostKilledAfterItsClaimIsReplacedAndTheNewHostStartsTheOnlyRun() {
        PauseTicket ticket = fixture.pause();

        killAt(Step.CLAIMED, ticket);
        assertThat(fixture.createRunCalls()).isZero();

        RestartResult adopted = restartOnNewHostAfterTheClaimLapsed(ticket);

        assertTheOnlyRun(adopted, ticket);
        assertThat(fixture.createRunCalls()).isEqualTo(1);
    }

    @Test
    void hostKilledDuringCreateRunRetriesKeptItsClaimWhileAliveAndIsReplacedWithOneRun() {
        PauseTicket ticket = fixture.pause();
        fixture.adf.failNextCreateRuns(1, 503);

        try (ChildJvm host = startHost(ticket, Step.CREATE_RUN_RETRY)) {
            host.awaitLine(line -> line.equals("STEP " + Step.CREATE_RUN_RETRY), STEP_TIMEOUT);
            long firstLeaseEnd = leaseUntil(ticket);
            awaitCondition("the stuck host renewed its claim past its first lease",
                () -> leaseUntil(ticket) > firstLeaseEnd + CHILD_CLAIM.toMillis()
                    && System.currentTimeMillis() > firstLeaseEnd);
            moveFixtureClockTo(Instant.now());

            assertThat(fixture.client.restart(ticket.getToken()).getStatus())
                .as("a claim renewed while its restart runs is not taken").isEqualTo(RestartStatus.ALREADY_USED);
            host.kill();
        }
        RestartResult adopted = restartOnNewHostAfterTheClaimLapsed(ticket);

        assertTheOnlyRun(adopted, ticket);
        assertThat(fixture.createRunCalls()).as("the failed attempt and the new host's").isEqualTo(2);
    }

    @Test
    void hostKilledAfterDataFactoryAcceptedTheRunIsReplacedWithoutASecondCreateRun() {
        PauseTicket ticket = fixture.pause();

        killAt(Step.CREATE_RUN_ANSWERED, ticket);
        assertThat(fixture.adf.runs()).hasSize(1);

        RestartResult adopted = restartOnNewHostAfterTheClaimLapsed(ticket);

        assertTheOnlyRun(adopted, ticket);
        assertThat(fixture.createRunCalls()).isEqualTo(1);
    }

    private void killAt(Step step, PauseTicket ticket) {
        try (ChildJvm host = startHost(ticket, step)) {
            host.awaitLine(line -> line.equals("STEP " + step), STEP_TIMEOUT);
            host.kill();
        }
    }

    private ChildJvm startHost(PauseTicket ticket, Step step) {
        return ChildJvm.builder(RestartHostMain.class)
            .args(azurite.connectionString(), table.getTableName(), fixture.adf.baseUrl(), ticket.getToken(),
                step.name(), CHILD_CLAIM.toString())
            .start();
    }

    /** A new host on the same table, once the dead host's claim has run out. */
    private RestartResult restartOnNewHostAfterTheClaimLapsed(PauseTicket ticket) {
        moveFixtureClockTo(Instant.ofEpochMilli(leaseUntil(ticket)).plusSeconds(1));
        RestartResult adopted = fixture.client.restart(ticket.getToken());
        RestartResult again = fixture.client.restart(ticket.getToken());
        assertThat(again.getStatus()).isEqualTo(RestartStatus.ALREADY_USED);
        assertThat(again.getRunId()).isEqualTo(adopted.getRunId());
        return adopted;
    }

    private void assertTheOnlyRun(RestartResult adopted, PauseTicket ticket) {
        assertThat(adopted.getStatus()).isEqualTo(RestartStatus.STARTED);
        assertThat(fixture.adf.runs()).singleElement().satisfies(run -> {
            assertThat(run.getRunId()).isEqualTo(adopted.getRunId());
            assertThat(run.getParameters()).containsEntry("pauseId", ticket.getPauseId());
        });
    }

    private long leaseUntil(PauseTicket ticket) {
        Object until = table.getEntity(PauseTokens.hash(ticket.getToken()), "ticket")
            .getProperty(LeasedRow.LEASE_UNTIL);
        return ((Number) until).longValue();
    }

    private void moveFixtureClockTo(Instant instant) {
        Duration ahead = Duration.between(fixture.clock.now(), instant);
        if (!ahead.isNegative()) {
            fixture.clock.advance(ahead);
        }
    }

    private static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
