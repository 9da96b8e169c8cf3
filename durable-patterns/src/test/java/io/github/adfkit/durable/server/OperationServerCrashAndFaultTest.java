package io.github.adfkit.durable.server;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import io.github.adfkit.testing.azurite.AzuriteTableService;
import io.github.adfkit.testing.faults.FaultAction;
import io.github.adfkit.testing.faults.FaultKind;
import io.github.adfkit.testing.faults.FaultMix;
import io.github.adfkit.testing.faults.FaultProxy;
import io.github.adfkit.testing.faults.ProxiedRequest;
import io.github.adfkit.testing.process.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.adfkit.durable.server.TableOperationStoreTest.body;
import static io.github.adfkit.durable.server.TableOperationStoreTest.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crashes and Table storage faults under the operation server: a host killed with SIGKILL while its operation runs,
 * writes whose answers are lost, and 30 % faults. Azurite holds the table; a {@link FaultProxy} sits in front of it.
 */
@ExtendWith(AzuriteExtension.class)
class OperationServerCrashAndFaultTest {
    private static final String SEED_QUERY = "/api/submit/query?s=10/10/2021&e=10/12/2021";

    private final AzuriteTableService azurite = AzuriteTableService.shared();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void anOperationWhoseHostWasKilledEndsFailedOnTheNextHostNeverRunningForever(TableClient table) {
        String id = runAndKillHost(table);
        AsyncOperationServer nextHost = server(table, OperationKind.of("query", SeedQuery::validate, range -> 0),
            OperationHostMain.LEASE, null);

        JsonNode failed = Await.until("the killed host's operation to end", () -> status(nextHost, id),
            status -> !Set.of("Pending", "Running").contains(status.get("status").asText()));

        assertThat(failed.get("status").asText()).isEqualTo("Failed");
        assertThat(failed.get("error").asText()).startsWith("The host running this operation stopped before it "
            + "finished");
    }

    @Test
    void anOperationSafeToRepeatWhoseHostWasKilledIsFinishedByTheNextHost(TableClient table) {
        String id = runAndKillHost(table);
        AtomicInteger reruns = new AtomicInteger();
        AsyncOperationServer nextHost = server(table, OperationKind.of("query", SeedQuery::validate, range -> {
            reruns.incrementAndGet();
            return SeedQuery.SEED_RESULT;
        }).withRerunAfterHostFailure(true), OperationHostMain.LEASE, null);

        JsonNode completed = Await.until("the killed host's operation to end", () -> status(nextHost, id),
            status -> !Set.of("Pending", "Running").contains(status.get("status").asText()));

        assertThat(completed.get("status").asText()).isEqualTo("Completed");
        assertThat(completed.get("result").asInt()).isEqualTo(SeedQuery.SEED_RESULT);
        assertThat(reruns).hasValue(1);
    }

    @Test
    void writesAppliedWithTheirAnswersLostAreNeitherA500NorAnOperationRunTwice(TableClient table) {
        FaultProxy proxy = proxy();
        SeedQuery seed = new SeedQuery();
        seed.release.countDown();
        AsyncOperationServer server = server(proxied(proxy, table), seed.kind(), Duration.ofSeconds(30),
            new ManualClock());
        // Both writes of a plain operation: its record, created Running, and its outcome.
        proxy.injectNext(1, ProxiedRequest.method("POST"), FaultAction.resetAfter());
        proxy.injectNext(1, ProxiedRequest.method("PUT"), FaultAction.resetAfter());

        HostResponse accepted = server.handle(request("POST", SEED_QUERY));

        assertThat(accepted.getStatus()).as(accepted.getBodyAsString()).isEqualTo(202);
        String id = body(accepted).get("id").asText();
        JsonNode completed = Await.until("the operation to complete", () -> status(server, id),
            status -> "Completed".equals(status.get("status").asText()));
        assertThat(completed.get("result").asInt()).isEqualTo(SeedQuery.SEED_RESULT);
        assertThat(proxy.faultCount(FaultKind.RESET_AFTER)).isEqualTo(2);
        assertThat(seed.started).hasValue(1);
        assertThat(operationIds(table)).containsExactly(id);
    }

    @Test
    void writesAppliedWithTheirAnswersLostUnderAnIdempotencyKeyAreNeitherA500NorAnOperationRunTwice(TableClient table) {
        FaultProxy proxy = proxy();
        SeedQuery seed = new SeedQuery();
        seed.release.countDown();
        AsyncOperationServer server = server(proxied(proxy, table), seed.kind(), Duration.ofSeconds(30),
            new ManualClock());
        // The record (Pending), the key's claim, the mark that the work started, and the outcome.
        proxy.injectNext(2, ProxiedRequest.method("POST"), FaultAction.resetAfter());
        proxy.injectNext(2, ProxiedRequest.method("PUT"), FaultAction.resetAfter());

        HostResponse accepted = server.handle(HostRequest.of("POST", URI.create("http://host.test" + SEED_QUERY),
            Map.of("Idempotency-Key", "nightly-2021-10"), null, null));

        assertThat(accepted.getStatus()).as(accepted.getBodyAsString()).isEqualTo(202);
        String id = body(accepted).get("id").asText();
        JsonNode completed = Await.until("the operation to complete", () -> status(server, id),
            status -> "Completed".equals(status.get("status").asText()));
        assertThat(completed.get("result").asInt()).isEqualTo(SeedQuery.SEED_RESULT);
        assertThat(proxy.faultCount(FaultKind.RESET_AFTER)).isEqualTo(4);
        assertThat(seed.started).hasValue(1);
        assertThat(operationIds(table)).containsExactly(id);
    }

    @Test
    void aSubmitAnsweredWithAnErrorNeverRunsEvenIfItsRecordWasWritten(TableClient table) {
        FaultProxy proxy = proxy();
        AtomicInteger runs = new AtomicInteger();
        ManualClock clock = new ManualClock();
        AsyncOperationServer server = server(proxied(proxy, table), OperationKind.of("query", SeedQuery::validate,
            range -> runs.incrementAndGet()).withRerunAfterHostFailure(true), Duration.ofSeconds(30), clock);
        proxy.injectNext(1, ProxiedRequest.method("POST"), FaultAction.resetAfter());
        proxy.injectNext(20, ProxiedRequest.any(), FaultAction.resetBefore());

        HostResponse refused = server.handle(request("POST", SEED_QUERY));
        proxy.clearFaults();
        clock.advance(Duration.ofMinutes(2));

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(body(refused).get("error").asText()).isEqualTo("The operation store could not be reached; "
            + "nothing was changed. Try again later.");
        assertThat(refused.getHeaders()).containsEntry("Retry-After", "5");
        List<String> stored = operationIds(table);
        assertThat(stored).hasSize(1);
        JsonNode failed = status(server, stored.get(0));
        assertThat(failed.get("status").asText()).isEqualTo("Failed");
        assertThat(failed.get("error").asText()).startsWith("The host that accepted this operation stopped before it "
            + "started the work");
        assertThat(runs).hasValue(0);
    }

    @Test
    void thirtyPercentTableFaultsChangeNoResult(TableClient table) {
        FaultProxy proxy = proxy();
        SeedQuery seed = new SeedQuery();
        seed.release.countDown();
        AsyncOperationServer server = server(proxied(proxy, table), seed.kind(), Duration.ofSeconds(30),
            new ManualClock());
        proxy.injectFaults(11L, FaultMix.ofRate(0.3).withStatuses(503).withResets().withResetsAfterForwarding()
            .withSlowAnswers(Duration.ofMillis(50)));

        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            String key = "nightly-" + i;
            HostResponse accepted = Await.until("submit " + key + " accepted",
                () -> server.handle(HostRequest.of("POST", URI.create("http://host.test" + SEED_QUERY),
                    Map.of("Idempotency-Key", key), null, null)),
                response -> response.getStatus() != 503);
            assertThat(accepted.getStatus()).as(accepted.getBodyAsString()).isEqualTo(202);
            ids.add(body(accepted).get("id").asText());
        }
        for (String id : ids) {
            JsonNode completed = Await.until("operation " + id + " to complete", () -> status(server, id),
                status -> status != null && "Completed".equals(status.get("status").asText()));
            assertThat(completed.get("result").asInt()).isEqualTo(SeedQuery.SEED_RESULT);
        }

        assertThat(proxy.faultCount()).isGreaterThan(10);
        assertThat(ids).hasSize(12);
        assertThat(seed.started).hasValue(12);
    }

    private String runAndKillHost(TableClient table) {
        ChildJvm host = ChildJvm.builder(OperationHostMain.class)
            .args(azurite.connectionString(), table.getTableName()).start();
        toClose.add(host);
        String line = host.awaitLine(text -> text.startsWith("WORK STARTED "), Duration.ofSeconds(60));
        host.kill();
        return line.substring("WORK STARTED ".length()).trim();
    }

    private AsyncOperationServer server(TableClient table, OperationKind<?> kind, Duration lease, ManualClock clock) {
        AsyncOperationServerBuilder builder = new AsyncOperationServerBuilder().addOperationKind(kind)
            .tableClient(table).leaseDuration(lease);
        AsyncOperationServer server = (clock == null ? builder : builder.clock(clock)).buildServer();
        toClose.add(server);
        return server;
    }

    private FaultProxy proxy() {
        FaultProxy proxy = new FaultProxy(azurite.tableEndpoint()).start();
        toClose.add(proxy);
        return proxy;
    }

    private TableClient proxied(FaultProxy proxy, TableClient table) {
        return new TableClientBuilder()
            .connectionString(azurite.connectionString().replace(azurite.tableEndpoint(), proxy.baseUrl()))
            .retryOptions(new RetryOptions(new FixedDelayOptions(3, Duration.ofMillis(20))))
            .tableName(table.getTableName()).buildClient();
    }

    /** The status body, or {@code null} while the store answers 503 through the faults. */
    private static JsonNode status(AsyncOperationServer server, String id) {
        HostResponse response = server.handle(request("GET", "/api/status/" + id));
        if (response.getStatus() == 503) {
            return null;
        }
        assertThat(response.getStatus()).as(response.getBodyAsString()).isIn(200, 202, 409);
        return body(response);
    }

    private static List<String> operationIds(TableClient table) {
        List<String> ids = new ArrayList<>();
        table.listEntities(new ListEntitiesOptions().setFilter("RowKey eq 'operation'"), null, Context.NONE)
            .forEach(entity -> ids.add(entity.getPartitionKey()));
        return ids;
    }
}
