package io.github.adfkit.aci;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import io.github.adfkit.aci.models.CleanupOutcome;
import io.github.adfkit.aci.models.CleanupPolicy;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.testing.aci.AciScenario;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerJobLifecycleTest extends OnFakeAci {
    private ContainerJobResult run(ContainerJobSpec spec) {
        SyncPoller<ContainerJobStatus, ContainerJobResult> poller = client.beginRun(spec);
        fake.advanceUntil(client.getWatcher(), () -> poller.poll().getStatus().isComplete(), Duration.ofHours(30));
        return poller.getFinalResult();
    }

    @Test
    void successfulJobReportsExitCodeLogsAndIsDeletedAfterItsLogsWereRead() {
        fake.aci.scenarioFor("ok", AciScenario.runsFor(Duration.ofHours(1)).withLogs("loading", "42 rows written"));

        ContainerJobResult result = run(FakeAci.spec("ok"));

        assertThat(result.isSucceeded()).isTrue();
        assertThat(result.getExitCode()).isZero();
        assertThat(result.getStatus().getDetailStatus()).isEqualTo("Completed");
        assertThat(result.getDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(result.getLogTail()).contains("42 rows written");
        assertThat(result.getEvents()).extracting(event -> event.getName()).contains("Pulling", "Started");
        assertThat(result.getCleanupOutcome()).isEqualTo(CleanupOutcome.DELETED);
        assertThat(fake.aci.groupExists("ok")).isFalse();
        List<String> requests = fake.requestLines();
        assertThat(requests.indexOf("GET ok/containers/job/logs")).isLessThan(requests.indexOf("DELETE ok"));
        assertThat(requests.get(requests.size() - 1)).isEqualTo("GET ok");
    }

    @Test
    void hourLongJobIsPolledEveryFifteenSecondsNotEverySecond() {
        fake.aci.scenarioFor("slow", AciScenario.runsFor(Duration.ofHours(1)));

        run(FakeAci.spec("slow"));

        long reads = fake.requestLines().stream().filter("GET slow"::equals).count();
        assertThat(reads).as("240 polls, the launch's lookup and the check after the delete").isBetween(230L, 243L);
    }

    @Test
    void nonZeroExitFailsWithTheCodeAndStillReadsLogsAndCleansUp() {
        fake.aci.scenarioFor("bad", AciScenario.runsFor(Duration.ofMinutes(3)).withExitCode(3)
            .withLogs("input file missing"));

        ContainerJobResult result = run(FakeAci.spec("bad"));

        assertThat(result.getState()).isEqualTo(ContainerJobState.FAILED);
        assertThat(result.getFailureReason()).isEqualTo(ContainerJobFailureReason.NON_ZERO_EXIT);
        assertThat(result.getExitCode()).isEqualTo(3);
        assertThat(result.getMessage()).contains("exited with code 3");
        assertThat(result.getLogTail()).contains("input file missing");
        assertThat(result.getCleanupOutcome()).isEqualTo(CleanupOutcome.DELETED);
        assertThat(fake.aci.groupExists("bad")).isFalse();
    }

    @Test
    void outOfMemoryKillIsReportedAsKilled() {
        fake.aci.scenarioFor("oom", AciScenario.oomKilledAfter(Duration.ofMinutes(2)));

        ContainerJobResult result = run(FakeAci.spec("oom"));

        assertThat(result.getFailureReason()).isEqualTo(ContainerJobFailureReason.KILLED);
        assertThat(result.getExitCode()).isEqualTo(137);
        assertThat(result.getMessage()).contains("OOMKilled").contains("memory");
        assertThat(result.getEvents()).extracting(event -> event.getName()).contains("Killing");
    }

    @Test
    void imagePullFailureIsExplainedWithTheEventAndCleanedUp() {
        fake.aci.scenarioFor("nopull", AciScenario.imagePullFailure());

        ContainerJobResult result = run(FakeAci.spec("nopull"));

        assertThat(result.getFailureReason()).isEqualTo(ContainerJobFailureReason.IMAGE_NOT_ACCESSIBLE);
        assertThat(result.getMessage()).contains("myacr.azurecr.io/job:1.2").contains("Failed to pull image");
        assertThat(result.getEvents()).anySatisfy(event -> assertThat(event.getType()).isEqualTo("Warning"));
        assertThat(result.getLogTail()).isEmpty();
        assertThat(result.getCleanupOutcome()).isEqualTo(CleanupOutcome.DELETED);
        assertThat(fake.aci.groupExists("nopull")).isFalse();
    }

    @Test
    void inaccessibleImageRefusedAtCreateSendsNoDelete() {
        fake.aci.scenarioFor("noimage", AciScenario.inaccessibleImage());

        ContainerJobResult result = run(FakeAci.spec("noimage"));

        assertThat(result.getFailureReason()).isEqualTo(ContainerJobFailureReason.IMAGE_NOT_ACCESSIBLE);
        assertThat(result.getMessage()).contains("InaccessibleImage");
        assertThat(result.getCleanupOutcome()).isEqualTo(CleanupOutcome.NOTHING_TO_CLEAN);
        assertThat(fake.requestLines()).noneMatch(line -> line.startsWith("DELETE"));
    }

    @Test
    void quotaErrorIsReportedAsQuotaOrCapacity() {
        fake.aci.scenarioFor("noquota", AciScenario.quotaExceeded());

        ContainerJobResult result = run(FakeAci.spec("noquota"));

        assertThat(result.getFailureReason()).isEqualTo(ContainerJobFailureReason.QUOTA_OR_CAPACITY);
        assertThat(result.getMessage()).contains("westeurope").contains("quota");
        assertThat(result.getCleanupOutcome()).isEqualTo(CleanupOutcome.NOTHING_TO_CLEAN);
    }

    @Test
    void timeoutStopsTheJobReadsItsLogsAndDeletesIt() {
        fake.aci.scenarioFor("long", AciScenario.runsFor(Duration.ofHours(5)).withLogs("still working"));

        Instant started = fake.clock.now();

        ContainerJobResult result = run(FakeAci.spec("long").setTimeout(Duration.ofHours(1)));

        assertThat(result.getFailureReason()).isEqualTo(ContainerJobFailureReason.TIMED_OUT);
        assertThat(result.getLogTail()).contains("still working");
        assertThat(result.getCleanupOutcome()).isEqualTo(CleanupOutcome.DELETED);
        assertThat(fake.aci.groupExists("long")).isFalse();
        assertThat(fake.clock.now()).isBetween(started.plus(Duration.ofHours(1)),
            started.plus(Duration.ofHours(1)).plusSeconds(10));
    }

    @Test
    void timeoutWithKeepPolicyStillStopsTheContainer() {
        fake.aci.scenarioFor("kept", AciScenario.runsFor(Duration.ofHours(5)));

        ContainerJobResult result = run(FakeAci.spec("kept").setTimeout(Duration.ofMinutes(30))
            .setCleanupPolicy(CleanupPolicy.KEEP));

        assertThat(result.getCleanupOutcome()).isEqualTo(CleanupOutcome.STOPPED);
        assertThat(fake.aci.groupExists("kept")).isTrue();
        assertThat(fake.aci.containerState("kept")).isEqualTo("Terminated");
    }

    @Test
    void cancelStopsReadsLogsAndCleansUp() {
        fake.aci.scenarioFor("cancelme", AciScenario.runsFor(Duration.ofHours(5)).withLogs("half way"));
        SyncPoller<ContainerJobStatus, ContainerJobResult> poller = client.beginRun(FakeAci.spec("cancelme"));
        fake.advanceUntil(client.getWatcher(),
            () -> poller.poll().getValue().getState() == ContainerJobState.RUNNING, Duration.ofMinutes(5));

        poller.cancelOperation();
        fake.advanceUntil(client.getWatcher(), () -> poller.poll().getStatus().isComplete(), Duration.ofMinutes(30));

        ContainerJobResult result = poller.getFinalResult();
        assertThat(poller.poll().getStatus()).isEqualTo(LongRunningOperationStatus.USER_CANCELLED);
        assertThat(result.getState()).isEqualTo(ContainerJobState.CANCELLED);
        assertThat(result.getLogTail()).contains("half way");
        assertThat(result.getCleanupOutcome()).isEqualTo(CleanupOutcome.DELETED);
        assertThat(fake.aci.groupExists("cancelme")).isFalse();
    }

    @Test
    void deleteOnSuccessKeepsAFailedGroupForAPostMortem() {
        fake.aci.scenarioFor("postmortem", AciScenario.runsFor(Duration.ofMinutes(1)).withExitCode(2));

        ContainerJobResult result = run(FakeAci.spec("postmortem").setCleanupPolicy(CleanupPolicy.DELETE_ON_SUCCESS));

        assertThat(result.getCleanupOutcome()).isEqualTo(CleanupOutcome.KEPT);
        assertThat(fake.aci.groupExists("postmortem")).isTrue();
    }

    @Test
    void stopPolicyStopsInsteadOfDeleting() {
        ContainerJobResult result = run(FakeAci.spec("stopped").setCleanupPolicy(CleanupPolicy.STOP));

        assertThat(result.getCleanupOutcome()).isEqualTo(CleanupOutcome.STOPPED);
        assertThat(fake.aci.groupExists("stopped")).isTrue();
        assertThat(fake.requestLines()).contains("POST stopped/stop").noneMatch(line -> line.startsWith("DELETE"));
    }

    @Test
    void groupThatDoesNotGoAwayIsReportedAsLeaked() {
        fake.aci.scenarioFor("leaky", AciScenario.runsFor(Duration.ofMinutes(1)).withDeleteIgnored());

        ContainerJobResult result = run(FakeAci.spec("leaky"));

        assertThat(result.isSucceeded()).isTrue();
        assertThat(result.getCleanupOutcome()).isEqualTo(CleanupOutcome.LEAKED);
        assertThat(result.getCleanupMessage()).contains("rg-jobs/leaky").contains("az container delete");
        assertThat(fake.aci.groupExists("leaky")).isTrue();
    }
}
