package io.github.adfkit.aci;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.core.util.polling.SyncPoller;
import io.github.adfkit.aci.implementation.ContainerGroupDefinition;
import io.github.adfkit.aci.models.CleanupOutcome;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobRetryPolicy;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.aci.models.ContainerPriority;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.testing.aci.AciScenario;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Jobs against the shapes of the published {@code Microsoft.ContainerInstance} examples: failure events of any type,
 * regions in every form ARM accepts, the api-version, a 404 right after the create, and job-level retries.
 */
class ContainerJobArmContractTest {
    private final FakeAci fake = new FakeAci();
    private final ContainerJobClient client = fake.builder().buildClient();

    @AfterEach
    void close() {
        client.getWatcher().close();
        fake.close();
    }

    private ContainerJobResult run(ContainerJobSpec spec) {
        SyncPoller<ContainerJobStatus, ContainerJobResult> poller = client.beginRun(spec);
        fake.advanceUntil(client.getWatcher(), () -> poller.poll().getStatus().isComplete(), Duration.ofHours(3));
        return poller.getFinalResult();
    }

    @Test
    void provisioningFailureQuotesTheEventEvenWhenItsTypeIsNormal() {
        fake.aci.scenarioFor("mount", AciScenario.provisioningFailure());

        ContainerJobResult result = run(FakeAci.spec("mount"));

        assertThat(result.getFailureReason()).isEqualTo(ContainerJobFailureReason.PROVISIONING_FAILED);
        assertThat(result.getMessage()).contains("FailedMount").contains("mount error(2): Permission denied")
            .doesNotContain("no event");
    }

    @Test
    void regionDisplayNamesAreAcceptedAndSentAsTheRegionName() {
        fake.aci.scenarioFor("west", AciScenario.runsFor(Duration.ofMinutes(1)));

        ContainerJobResult result = run(new ContainerJobSpec(FakeAci.RESOURCE_GROUP, "West Europe",
            "myacr.azurecr.io/job:1.2").setGroupName("west"));

        assertThat(result.isSucceeded()).isTrue();
        assertThat(fake.aci.createRequestBodies()).singleElement()
            .satisfies(body -> assertThat(body.path("location").asText()).isEqualTo("westeurope"));
        assertThat(ContainerGroupDefinition.normalizeLocation("WestUs")).isEqualTo("westus");
        assertThat(ContainerGroupDefinition.normalizeLocation("west us")).isEqualTo("westus");
    }

    @Test
    void requestsNameTheNewestStableApiVersionUnlessAnotherIsChosen() {
        fake.aci.scenarioFor("versioned", AciScenario.runsFor(Duration.ofMinutes(1)));
        run(FakeAci.spec("versioned"));
        assertThat(fake.aci.requests()).allSatisfy(request -> assertThat(request.getUrl())
            .contains("api-version=" + ContainerInstanceServiceVersion.getLatest().getVersion()));

        fake.aci.resetRequests();
        ContainerJobClient older = fake.builder().serviceVersion(ContainerInstanceServiceVersion.V2023_05_01)
            .buildClient();
        fake.aci.scenarioFor("older", AciScenario.runsFor(Duration.ofMinutes(1)));
        SyncPoller<ContainerJobStatus, ContainerJobResult> poller = older.beginRun(FakeAci.spec("older"));
        fake.advanceUntil(older.getWatcher(), () -> poller.poll().getStatus().isComplete(), Duration.ofHours(1));
        assertThat(fake.aci.requests()).allSatisfy(request -> assertThat(request.getUrl())
            .contains("api-version=2023-05-01"));
        older.getWatcher().close();
    }

    @Test
    void notFoundRightAfterTheCreateIsReplicationLagNotADeletion() {
        fake.aci.scenarioFor("lagging", AciScenario.runsFor(Duration.ofMinutes(2))
            .withNotFoundAfterCreate(Duration.ofSeconds(40)));

        ContainerJobResult result = run(FakeAci.spec("lagging"));

        assertThat(result.isSucceeded()).isTrue();
        assertThat(fake.count("PUT", "lagging")).isEqualTo(1);
    }

    @Test
    void notFoundLongAfterTheCreateIsADeletionThatEndsTheJobWithoutRecreatingTheGroup() {
        fake.aci.scenarioFor("removed", AciScenario.runsFor(Duration.ofHours(1)));
        SyncPoller<ContainerJobStatus, ContainerJobResult> poller = client.beginRun(FakeAci.spec("removed"));
        fake.advanceFor(List.of(client.getWatcher()), Duration.ofMinutes(10));
        assertThat(poller.poll().getValue().getState()).isEqualTo(ContainerJobState.RUNNING);

        deleteAsSomeoneElse("removed");
        fake.advanceUntil(client.getWatcher(), () -> poller.poll().getStatus().isComplete(), Duration.ofMinutes(5));

        ContainerJobResult result = poller.getFinalResult();
        assertThat(result.getFailureReason()).isEqualTo(ContainerJobFailureReason.GROUP_DELETED);
        assertThat(result.getCleanupOutcome()).isEqualTo(CleanupOutcome.NOTHING_TO_CLEAN);
        assertThat(fake.count("PUT", "removed")).isEqualTo(1);
        assertThat(fake.count("DELETE", "removed")).as("adfkit's deletes, besides the one above").isEqualTo(1);
    }

    private void deleteAsSomeoneElse(String groupName) {
        String url = fake.aci.baseUrl() + "/subscriptions/" + FakeAci.SUBSCRIPTION + "/resourceGroups/"
            + FakeAci.RESOURCE_GROUP + "/providers/Microsoft.ContainerInstance/containerGroups/" + groupName
            + "?api-version=" + ContainerInstanceServiceVersion.getLatest().getVersion();
        try (HttpResponse response = fake.aci.httpPipeline(new StaticTestTokenCredential())
            .sendSync(new HttpRequest(HttpMethod.DELETE, url), Context.NONE)) {
            assertThat(response.getStatusCode()).isBetween(200, 204);
        }
    }

    @Test
    void capacityRefusalIsRetriedAfterTheBackoffOnceTheRegionHasRoom() {
        fake.aci.scenarioFor("crowded", AciScenario.quotaExceeded());
        Duration backoff = Duration.ofMinutes(5);
        SyncPoller<ContainerJobStatus, ContainerJobResult> poller = client.beginRun(FakeAci.spec("crowded")
            .setRetryPolicy(ContainerJobRetryPolicy.onTransientFailures(3, Backoff.fixed(backoff))));
        fake.advanceUntil(client.getWatcher(), () -> fake.count("PUT", "crowded") == 1, Duration.ofMinutes(1));
        Instant refused = fake.clock.now();

        fake.aci.scenarioFor("crowded", AciScenario.runsFor(Duration.ofMinutes(10)));
        fake.advanceUntil(client.getWatcher(), () -> fake.count("PUT", "crowded") == 2, Duration.ofMinutes(10));
        assertThat(Duration.between(refused, fake.clock.now())).as("wait before the second attempt")
            .isGreaterThanOrEqualTo(backoff);
        fake.advanceUntil(client.getWatcher(), () -> poller.poll().getStatus().isComplete(), Duration.ofHours(1));

        ContainerJobResult result = poller.getFinalResult();
        assertThat(result.isSucceeded()).isTrue();
        assertThat(result.getEarlierAttempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.getFailureReason()).isEqualTo(ContainerJobFailureReason.QUOTA_OR_CAPACITY);
            assertThat(attempt.getMessage()).isNotBlank();
        });
    }

    @Test
    void provisioningFailureIsRetriedByStartingTheGroupAgainUntilTheAttemptsRunOut() {
        fake.aci.scenarioFor("mounting", AciScenario.provisioningFailure());

        ContainerJobResult result = run(FakeAci.spec("mounting").setRetryPolicy(
            ContainerJobRetryPolicy.onTransientFailures(2, Backoff.fixed(Duration.ofSeconds(30)))));

        assertThat(result.getAttempts()).extracting(attempt -> attempt.getFailureReason())
            .containsExactly(ContainerJobFailureReason.PROVISIONING_FAILED,
                ContainerJobFailureReason.PROVISIONING_FAILED);
        assertThat(result.getEarlierAttempts()).singleElement()
            .satisfies(attempt -> assertThat(attempt.getMessage()).contains("FailedMount"));
        assertThat(fake.count("PUT", "mounting")).isEqualTo(1);
        assertThat(fake.count("POST", "mounting/start")).isEqualTo(1);
    }

    @Test
    void aRetryPolicyRefusesReasonsAnotherAttemptCannotChange() {
        Backoff backoff = Backoff.fixed(Duration.ofSeconds(10));
        for (ContainerJobFailureReason reason : Set.of(ContainerJobFailureReason.CANCELLED,
            ContainerJobFailureReason.TIMED_OUT, ContainerJobFailureReason.PIPELINE_ENDED,
            ContainerJobFailureReason.GROUP_EXISTS)) {
            assertThatThrownBy(() -> ContainerJobRetryPolicy.of(2, backoff, Set.of(reason))).as(reason.name())
                .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ContainerJobRetryPolicy.onTransientFailures(0, backoff))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContainerJobRetryPolicy.onTransientFailures(21, backoff))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spotEvictionIsItsOwnReasonAndIsRetriedToSuccessWithEachAttemptReported() {
        fake.aci.scenarioFor("spot", AciScenario.spotEvicted(2, Duration.ofMinutes(3)));

        ContainerJobResult result = run(FakeAci.spec("spot").setPriority(ContainerPriority.SPOT)
            .setRetryPolicy(ContainerJobRetryPolicy.onTransientFailures(4, Backoff.fixed(Duration.ofSeconds(30)))));

        assertThat(result.isSucceeded()).isTrue();
        assertThat(result.getAttempts()).hasSize(3);
        assertThat(result.getEarlierAttempts()).allSatisfy(attempt -> {
            assertThat(attempt.getFailureReason()).isEqualTo(ContainerJobFailureReason.SPOT_EVICTED);
            assertThat(attempt.getMessage()).contains("SpotContainerGroupEvicted");
            assertThat(attempt.getEvents()).extracting(event -> event.getName())
                .contains("SpotContainerGroupEvicted");
        });
        assertThat(fake.count("PUT", "spot")).isEqualTo(1);
        assertThat(fake.count("POST", "spot/start")).isEqualTo(2);
    }

    @Test
    void withoutARetryPolicyAnEvictionEndsTheJob() {
        fake.aci.scenarioFor("evicted", AciScenario.spotEvicted(1, Duration.ofMinutes(3)));

        ContainerJobResult result = run(FakeAci.spec("evicted").setPriority(ContainerPriority.SPOT));

        assertThat(result.getState()).isEqualTo(ContainerJobState.FAILED);
        assertThat(result.getFailureReason()).isEqualTo(ContainerJobFailureReason.SPOT_EVICTED);
        assertThat(result.getAttempts()).hasSize(1);
    }

    @Test
    void nonZeroExitIsRetriedOnlyWhenAskedAndTheLastAttemptIsTheResult() {
        fake.aci.scenarioFor("exit", AciScenario.runsFor(Duration.ofMinutes(1)).withExitCode(2));

        ContainerJobResult result = run(FakeAci.spec("exit").setRetryPolicy(ContainerJobRetryPolicy.of(2,
            Backoff.fixed(Duration.ofSeconds(10)), Set.of(ContainerJobFailureReason.NON_ZERO_EXIT))));

        assertThat(result.getFailureReason()).isEqualTo(ContainerJobFailureReason.NON_ZERO_EXIT);
        assertThat(result.getAttempts()).extracting(attempt -> attempt.getStatus().getExitCode())
            .containsExactly(2, 2);
    }
}
