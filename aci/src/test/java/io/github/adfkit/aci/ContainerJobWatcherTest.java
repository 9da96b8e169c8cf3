package io.github.adfkit.aci;

import com.azure.core.util.polling.AsyncPollResponse;
import com.azure.core.util.polling.SyncPoller;
import io.github.adfkit.aci.models.CleanupOutcome;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.testing.aci.AciScenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerJobWatcherTest {
    private final FakeAci fake = new FakeAci();

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void twoHundredJobsAreWatchedOnTheSharedSchedulerAndEachListenerCallFires() {
        ContainerJobClient client = fake.builder().buildClient();
        Map<String, ContainerJobResult> finished = new ConcurrentHashMap<>();
        client.getWatcher().addCompletionListener(result -> finished.put(result.getStatus().getGroupName(), result));
        int threadsBefore = Thread.activeCount();
        int peakThreads = threadsBefore;
        for (int i = 0; i < 200; i++) {
            fake.aci.scenarioFor("job-" + i, AciScenario.runsFor(Duration.ofMinutes(10 + i % 50)).withExitCode(i % 2));
            client.beginRun(FakeAci.spec("job-" + i));
        }
        assertThat(client.getWatcher().getWatchedJobCount()).isEqualTo(200);

        fake.advanceUntil(client.getWatcher(), () -> finished.size() == 200, Duration.ofHours(2));
        peakThreads = Math.max(peakThreads, Thread.activeCount());

        assertThat(finished.values()).allSatisfy(result -> {
            int index = Integer.parseInt(result.getStatus().getGroupName().substring(4));
            assertThat(result.getExitCode()).isEqualTo(index % 2);
            assertThat(result.getCleanupOutcome()).isEqualTo(CleanupOutcome.DELETED);
        });
        assertThat(peakThreads - threadsBefore).as("threads added while watching 200 jobs").isLessThan(20);
        assertThat(client.getWatcher().getWatchedJobCount()).isZero();
        assertThat(fake.aci.groupIds()).isEmpty();
        client.getWatcher().close();
    }

    @Test
    void thirtyPercentArmFaultsChangeNoResultDeleteNothingEarlyAndLeakNothing() {
        ContainerJobClient client = fake.builder().buildClient();
        fake.aci.injectFaults(0.3, 429, 500, 503);
        List<SyncPoller<ContainerJobStatus, ContainerJobResult>> pollers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            fake.aci.scenarioFor("flaky-" + i, AciScenario.runsFor(Duration.ofMinutes(5 + i)).withExitCode(i % 3)
                .withLogs("line of job " + i));
            pollers.add(client.beginRun(FakeAci.spec("flaky-" + i)));
        }

        fake.advanceUntil(client.getWatcher(),
            () -> pollers.stream().allMatch(poller -> poller.poll().getStatus().isComplete()), Duration.ofHours(3));

        for (int i = 0; i < pollers.size(); i++) {
            ContainerJobResult result = pollers.get(i).getFinalResult();
            assertThat(result.getExitCode()).as("exit code of job %d", i).isEqualTo(i % 3);
            assertThat(result.getState()).isEqualTo(i % 3 == 0 ? ContainerJobState.SUCCEEDED : ContainerJobState.FAILED);
            assertThat(result.getLogTail()).contains("line of job " + i);
            assertThat(result.getCleanupOutcome()).isEqualTo(CleanupOutcome.DELETED);
        }
        assertThat(fake.aci.injectedFaultCount()).isGreaterThan(50);
        assertThat(fake.aci.deletedWhileActive()).isEmpty();
        assertThat(fake.aci.groupIds()).isEmpty();
        client.getWatcher().close();
    }

    @Test
    void asyncPollerEmitsStateChangesInOrderAndTheFinalResult() {
        ContainerJobAsyncClient client = fake.builder().buildAsyncClient();
        fake.aci.scenarioFor("async", AciScenario.runsFor(Duration.ofMinutes(20)).withExitCode(0));
        List<ContainerJobState> states = new CopyOnWriteArrayList<>();
        List<ContainerJobResult> results = new CopyOnWriteArrayList<>();

        client.beginRun(FakeAci.spec("async"))
            .doOnNext(response -> states.add(response.getValue().getState()))
            .last()
            .flatMap(AsyncPollResponse::getFinalResult)
            .subscribe(results::add);
        FakeAci.await(() -> client.getWatcher().getWatchedJobCount() == 1, Duration.ofSeconds(10));
        fake.advanceUntil(client.getWatcher(), () -> client.getWatcher().getWatchedJobCount() == 0,
            Duration.ofHours(1));
        FakeAci.await(() -> !results.isEmpty(), Duration.ofSeconds(10));

        assertThat(states).isSubsetOf(ContainerJobState.PENDING, ContainerJobState.RUNNING,
            ContainerJobState.SUCCEEDED).isSorted().doesNotHaveDuplicates().last()
            .isEqualTo(ContainerJobState.SUCCEEDED);
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.isSucceeded()).isTrue();
            assertThat(result.getDuration()).isEqualTo(Duration.ofMinutes(20));
        });
        client.getWatcher().close();
    }

    @Test
    void asyncCancelStopsTheJobAndCleansUp() {
        ContainerJobAsyncClient client = fake.builder().buildAsyncClient();
        fake.aci.scenarioFor("async-cancel", AciScenario.runsFor(Duration.ofHours(3)));
        List<AsyncPollResponse<ContainerJobStatus, ContainerJobResult>> responses = new CopyOnWriteArrayList<>();

        client.beginRun(FakeAci.spec("async-cancel")).subscribe(responses::add);
        FakeAci.await(() -> client.getWatcher().getWatchedJobCount() == 1, Duration.ofSeconds(10));
        fake.advanceUntil(client.getWatcher(), () -> !responses.isEmpty(), Duration.ofHours(2));
        responses.get(0).cancelOperation().block();
        fake.advanceUntil(client.getWatcher(), () -> client.getWatcher().getWatchedJobCount() == 0,
            Duration.ofMinutes(30));
        FakeAci.await(() -> responses.get(responses.size() - 1).getStatus().isComplete(), Duration.ofSeconds(10));

        AsyncPollResponse<ContainerJobStatus, ContainerJobResult> last = responses.get(responses.size() - 1);
        assertThat(last.getValue().getState()).isEqualTo(ContainerJobState.CANCELLED);
        assertThat(last.getFinalResult().block().getCleanupOutcome()).isEqualTo(CleanupOutcome.DELETED);
        assertThat(fake.aci.groupExists("async-cancel")).isFalse();
        client.getWatcher().close();
    }
}
