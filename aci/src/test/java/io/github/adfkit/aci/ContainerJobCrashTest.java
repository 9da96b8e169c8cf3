package io.github.adfkit.aci;

import com.azure.data.tables.TableClient;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.testing.aci.AciScenario;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import io.github.adfkit.testing.azurite.AzuriteTableService;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;
import io.github.adfkit.testing.faults.FaultAction;
import io.github.adfkit.testing.faults.FaultKind;
import io.github.adfkit.testing.faults.FaultProxy;
import io.github.adfkit.testing.faults.ProxiedRequest;
import io.github.adfkit.testing.process.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host process killed with SIGKILL at each step of a job's end; a new host on the same tables finishes the job
 * from its journal: exactly one callback, the group deleted, no row left behind.
 */
@ExtendWith(AzuriteExtension.class)
class ContainerJobCrashTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Where the host is killed, and how the fakes hold it there. */
    enum Step {
        /** The container has terminated; the host's log read is held without an answer. */
        AFTER_CONTAINER_TERMINATED,
        /** ARM has served the log tail; its answer is on its way (slow). */
        DURING_LOG_READ,
        /** ARM has deleted the group; the answer to the DELETE is on its way (slow). */
        AFTER_DELETE,
        /** The callback endpoint answers 503 and the host keeps retrying. */
        DURING_CALLBACK_RETRIES
    }

    private final FakeAci fake = new FakeAci(new ManualClock(Instant.now()));
    private final AdfCallbackReceiver adf = new AdfCallbackReceiver().start();
    private final FaultProxy arm = new FaultProxy(fake.aci.baseUrl()).start();

    @AfterEach
    void close() {
        arm.close();
        adf.close();
        fake.close();
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aNewHostFinishesAKilledHostsJobOnce(Step step, AzuriteTableService azurite, TableClient table) {
        String group = "crash-" + step.name().toLowerCase().replace('_', '-');
        String run = "run-" + step.ordinal();
        fake.aci.requireBearerToken(false);
        fake.aci.scenarioFor(group, AciScenario.runsFor(Duration.ofMinutes(1)).withLogs("last line"));
        BooleanSupplier heldThere = holdAt(step);

        try (ChildJvm host = ChildJvm.builder(CrashableJobHost.class)
            .args(azurite.connectionString(), table.getTableName(), arm.baseUrl(), adf.callbackUri(run), group)
            .start()) {
            host.awaitLine(line -> line.contains(CrashableJobHost.STARTED), WAIT);
            FakeAci.await(() -> "Running".equals(fake.aci.containerState(group)) || fake.aci.groupExists(group),
                WAIT);
            fake.clock.advance(Duration.ofMinutes(2));
            FakeAci.await(heldThere, WAIT);
            host.kill();
        }
        arm.clearFaults();
        adf.respondNormally();

        ContainerJobClient next = fake.builder().tableClient(table).leaseDuration(LEASE).hostId("next-host")
            .callbackClient(new CallbackClientBuilder().clock(fake.clock).deadline(Duration.ofHours(1))
                .callbackUriPolicy(CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting())
                .buildAsyncClient())
            .buildClient();
        fake.beforeEachStep = new LeaseGate(table, fake.clock, LEASE, Set.of("next-host"));
        next.getWatcher().resumeStoredJobs();
        fake.advanceUntil(next.getWatcher(), () -> !adf.callbacks().isEmpty()
            && table.listEntities().stream().findAny().isEmpty(), Duration.ofMinutes(10));
        fake.advanceFor(java.util.List.of(next.getWatcher()), LEASE.multipliedBy(2));

        assertThat(adf.callbacksFor(run)).singleElement().satisfies(callback -> {
            assertThat(callback.body().at("/Output/state").asText()).isEqualTo("SUCCEEDED");
            assertThat(callback.body().at("/Output/cleanup").asText()).isEqualTo("DELETED");
        });
        assertThat(fake.aci.createdGroupCount()).isEqualTo(1);
        assertThat(fake.aci.groupExists(group)).isFalse();
        assertThat(table.listEntities()).isEmpty();
        if (step == Step.DURING_CALLBACK_RETRIES) {
            assertThat(fake.count("DELETE", group)).as("the journal shows the delete done").isEqualTo(1);
        }
        next.getWatcher().close();
    }

    private BooleanSupplier holdAt(Step step) {
        return switch (step) {
            case AFTER_CONTAINER_TERMINATED -> {
                arm.injectNext(1, ProxiedRequest.methodAndPath("GET", ".*/logs.*"), FaultAction.stall());
                yield () -> arm.faultCount(FaultKind.STALL) == 1;
            }
            case DURING_LOG_READ -> {
                arm.injectNext(1, ProxiedRequest.methodAndPath("GET", ".*/logs.*"),
                    FaultAction.slow(Duration.ofMinutes(5)));
                yield () -> arm.faultCount(FaultKind.SLOW) == 1;
            }
            case AFTER_DELETE -> {
                arm.injectNext(1, ProxiedRequest.method("DELETE"), FaultAction.slow(Duration.ofMinutes(5)));
                yield () -> arm.faultCount(FaultKind.SLOW) == 1 && !fake.aci.groupExists(groupOf(step));
            }
            case DURING_CALLBACK_RETRIES -> {
                adf.respondWith(503);
                yield () -> adf.attempts().size() >= 3;
            }
        };
    }

    private static String groupOf(Step step) {
        return "crash-" + step.name().toLowerCase().replace('_', '-');
    }
}
