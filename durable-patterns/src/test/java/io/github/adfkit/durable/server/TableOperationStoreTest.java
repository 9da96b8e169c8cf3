package io.github.adfkit.durable.server;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.core.implementation.Json;
import io.github.adfkit.durable.server.models.SingleFlightMode;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import io.github.adfkit.testing.azurite.AzuriteTableService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Azure Table store against Azurite: several hosts (servers) share one table. Each host has its own
 * {@link ManualClock}, so lease renewals and expiry sweeps run only when a test moves that host's time.
 */
@ExtendWith(AzuriteExtension.class)
class TableOperationStoreTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration TICK = LEASE.dividedBy(3);
    private static final String SEED_QUERY = "/api/submit/query?s=10/10/2021&e=10/12/2021";

    private final SeedQuery seed = new SeedQuery();
    private final ManualClock clockA = new ManualClock();
    private final ManualClock clockB = new ManualClock();
    private final List<AsyncOperationServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers() {
        seed.release.countDown();
        servers.forEach(AsyncOperationServer::close);
    }

    private AsyncOperationServer host(TableClient table, ManualClock clock, OperationKind<?> kind,
        Function<AsyncOperationServerBuilder, AsyncOperationServerBuilder> settings) {
        AsyncOperationServer server = settings.apply(new AsyncOperationServerBuilder().addOperationKind(kind)
            .tableClient(table).clock(clock).leaseDuration(LEASE)).buildServer();
        servers.add(server);
        return server;
    }

    private AsyncOperationServer host(TableClient table, ManualClock clock, OperationKind<?> kind) {
        return host(table, clock, kind, Function.identity());
    }

    @Test
    void twoHostsSharingATableSeeTheSameOperationsAndCancelAcrossHosts(TableClient table) {
        AsyncOperationServer hostA = host(table, clockA, seed.kind());
        AsyncOperationServer hostB = host(table, clockB, seed.kind());

        HostResponse accepted = hostA.handle(request("POST", SEED_QUERY));
        String id = body(accepted).get("id").asText();
        HostResponse running = hostB.handle(request("GET", "/api/status/" + id));
        awaitStatus(hostB, id, "Running");
        HostResponse canceled = hostB.handle(request("DELETE", "/api/status/" + id));
        for (HostResponse response : List.of(accepted, running, canceled)) {
            assertThat(response.getHeaders() + response.getBodyAsString())
                .doesNotContain(table.getTableName(), "devstoreaccount1", "127.0.0.1", "AccountKey");
        }

        assertThat(canceled.getStatus()).isEqualTo(200);
        assertThat(status(hostA, id).get("status").asText()).isEqualTo("Canceled");
        assertThat(seed.interrupted).hasValue(0);
        clockA.advance(TICK);
        Await.until("host A to interrupt the canceled work", seed.interrupted::get, count -> count == 1);
    }

    @Test
    void singleFlightAcrossTwoHostsRunsOneOperationAndAnswersConflictToTheOthers(TableClient table) throws Exception {
        OperationKind<?> guarded = seed.kind().withSingleFlight(range -> "audit", SingleFlightMode.CONFLICT);
        AsyncOperationServer hostA = host(table, clockA, guarded);
        AsyncOperationServer hostB = host(table, clockB, guarded);

        List<String> ids = concurrently(50, i -> submit(i % 2 == 0 ? hostA : hostB, SEED_QUERY));

        Map<String, List<JsonNode>> byStatus = Await.until("one Running and 49 Conflict",
            () -> ids.stream().map(id -> status(hostA, id)).collect(Collectors.groupingBy(s -> s.get("status")
                .asText())),
            groups -> groups.getOrDefault("Running", List.of()).size() == 1
                && groups.getOrDefault("Conflict", List.of()).size() == 49);
        assertThat(byStatus.get("Conflict")).allSatisfy(conflict -> assertThat(conflict.get("error").asText())
            .isEqualTo("Another 'query' operation with the same key is running; submit again when it has finished."));
        assertThat(seed.started).hasValue(1);

        seed.release.countDown();
        awaitStatus(hostB, byStatus.get("Running").get(0).get("id").asText(), "Completed");
        awaitStatus(hostB, submit(hostB, SEED_QUERY), "Completed");
    }

    @Test
    void aHostThatClosesWhileItsSingleFlightWorkRunsFreesTheKeyForTheOtherHostsAtOnce(TableClient table) {
        OperationKind<?> guarded = seed.kind().withSingleFlight(range -> "audit", SingleFlightMode.CONFLICT);
        AsyncOperationServer closing = host(table, clockA, guarded);
        AsyncOperationServer other = host(table, clockB, guarded);
        String first = submit(closing, SEED_QUERY);
        awaitStatus(closing, first, "Running");

        closing.close();
        Await.until("the closing host to interrupt its work", seed.interrupted::get, count -> count == 1);

        JsonNode accepted = Await.until("a submit on the other host accepted, no clock moved past the lease",
            () -> status(other, submit(other, SEED_QUERY)),
            status -> !"Conflict".equals(status.get("status").asText()));
        String nextId = accepted.get("id").asText();
        JsonNode next = Await.until("the accepted operation to start", () -> status(other, nextId),
            status -> !"Pending".equals(status.get("status").asText()));
        assertThat(next.get("status").asText()).isIn("Running", "Completed");
        assertThat(status(other, first).get("status").asText()).isEqualTo("Terminated");
    }

    @Test
    void queuedSingleFlightOperationStartsOnItsHostWhenTheRunningOneHasFinished(TableClient table) {
        OperationKind<?> queued = seed.kind().withSingleFlight(range -> "audit", SingleFlightMode.QUEUE);
        AsyncOperationServer hostA = host(table, clockA, queued);
        AsyncOperationServer hostB = host(table, clockB, queued);
        String first = submit(hostA, SEED_QUERY);
        awaitStatus(hostA, first, "Running");

        String second = submit(hostB, SEED_QUERY);
        assertThat(status(hostB, second).get("status").asText()).isEqualTo("Pending");
        seed.release.countDown();
        awaitStatus(hostA, first, "Completed");
        assertThat(status(hostB, second).get("status").asText()).isEqualTo("Pending");

        // The first operation reads Completed as soon as its outcome is written; its single-flight lease is released
        // just after, so the tick that finds the key free may be the next one: keep ticking until it runs.
        Await.until("status Completed of " + second + " after hostB's ticks", () -> {
            clockB.advance(TICK);
            return status(hostA, second);
        }, status -> "Completed".equals(status.get("status").asText()));
        assertThat(seed.started).hasValue(2);
    }

    @Test
    void anExpiredLeaseTurnsADeadHostsOperationIntoFailed(TableClient table) {
        AsyncOperationServer deadHost = host(table, clockA, seed.kind());
        AsyncOperationServer liveHost = host(table, clockB, seed.kind());
        String id = submit(deadHost, SEED_QUERY);
        awaitStatus(liveHost, id, "Running");

        clockB.advance(TICK);
        assertThat(status(liveHost, id).get("status").asText()).isEqualTo("Running");
        clockB.advance(LEASE);

        JsonNode failed = status(liveHost, id);
        assertThat(failed.get("status").asText()).isEqualTo("Failed");
        assertThat(failed.get("error").asText()).startsWith("The host running this operation stopped before it "
            + "finished (its lease expired at ");
    }

    @Test
    void anOperationSafeToRepeatIsRunAgainByAnotherHostWhenItsHostDied(TableClient table) {
        OperationKind<?> repeatable = seed.kind().withRerunAfterHostFailure(true);
        AsyncOperationServer deadHost = host(table, clockA, repeatable);
        AsyncOperationServer liveHost = host(table, clockB, repeatable);
        String id = submit(deadHost, SEED_QUERY);
        awaitStatus(liveHost, id, "Running");

        clockB.advance(LEASE.plus(TICK));
        Await.until("the live host to start the work again", seed.started::get, started -> started == 2);
        seed.release.countDown();

        assertThat(awaitStatus(liveHost, id, "Completed").get("result").asInt()).isEqualTo(SeedQuery.SEED_RESULT);
    }

    @Test
    void resultsLargerThanOnePropertyAreSplitAndResultsTooLargeAreRefusedWithAClearError(TableClient table) {
        AsyncOperationServer server = host(table, clockA, OperationKind.of("large", request -> request
            .getQueryParameter("chars"), chars -> "x".repeat(Integer.parseInt(chars))), Function.identity());

        JsonNode large = awaitStatus(server, submit(server, "/api/submit/large?chars=100000"), "Completed");
        JsonNode huge = awaitStatus(server, submit(server, "/api/submit/large?chars=500000"), "Failed");

        assertThat(large.get("result").asText()).hasSize(100_000).matches("x+");
        assertThat(huge.get("result").isNull()).isTrue();
        assertThat(huge.get("error").asText()).isEqualTo("The result is 500002 characters of JSON; the operation "
            + "store keeps at most 448000. Return a smaller result, such as a reference to where the data is.");
    }

    @Test
    void finishedOperationsAreDeletedAfterTheRetention(TableClient table) {
        AsyncOperationServer server = host(table, clockA, OperationKind.of("quick", request -> "in", in -> 42),
            builder -> builder.retention(Duration.ofMinutes(1)));
        String id = submit(server, "/api/submit/quick");
        awaitStatus(server, id, "Completed");

        clockA.advance(Duration.ofSeconds(50));
        assertThat(server.handle(request("GET", "/api/status/" + id)).getStatus()).isEqualTo(200);
        clockA.advance(Duration.ofMinutes(5));

        assertThat(server.handle(request("GET", "/api/status/" + id)).getStatus()).isEqualTo(404);
        assertThat(table.listEntities()).isEmpty();
    }

    @Test
    void aSubmitAndAStatusReadCostThreeTableRequestsTheWorkIncluded(TableClient table) {
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        TableClient counted = counting(table, request -> (request.getHttpMethod() == HttpMethod.GET ? reads : writes)
            .incrementAndGet());
        AsyncOperationServer server = host(counted, clockA, seed.kind());

        String id = submit(server, SEED_QUERY);
        Await.until("the work to start", seed.started::get, started -> started == 1);
        JsonNode running = status(server, id);
        int readsOfTheRoundTrip = reads.get();
        seed.release.countDown();
        // The outcome's write is counted when it is sent; the status reads Completed once it has been answered.
        awaitStatus(server, id, "Completed");

        assertThat(running.get("status").asText()).isEqualTo("Running");
        assertThat(readsOfTheRoundTrip).as("Table reads of the submit and the status read").isEqualTo(1);
        assertThat(writes).as("Table writes: the record, created Running, and the outcome").hasValue(2);
    }

    @Test
    void theHostThatFinishedAnOperationAnswersItsStatusWithoutATableRead(TableClient table) {
        AtomicInteger tableRequests = new AtomicInteger();
        TableClient counted = counting(table, request -> tableRequests.incrementAndGet());
        OperationKind<?> quick = OperationKind.of("quick", request -> "in", in -> 42);
        AsyncOperationServer runningHost = host(counted, clockA, quick);
        AsyncOperationServer otherHost = host(counted, clockB, quick);
        String id = submit(runningHost, "/api/submit/quick");
        awaitStatus(runningHost, id, "Completed");

        tableRequests.set(0);
        JsonNode here = status(runningHost, id);
        HostResponse result = runningHost.handle(request("GET", "/api/status/" + id + "/result"));
        assertThat(tableRequests).as("reads of a finished operation on the host that finished it").hasValue(0);
        JsonNode elsewhere = status(otherHost, id);

        assertThat(tableRequests).as("one read on a host that did not run it").hasValue(1);
        assertThat(here).isEqualTo(elsewhere);
        assertThat(result.getStatus()).isEqualTo(200);
        assertThat(body(result).asInt()).isEqualTo(42);
    }

    @Test
    void hundredConcurrentSubmitsWithOneIdempotencyKeyOnTwoHostsStoreOneOperation(TableClient table)
        throws Exception {
        AsyncOperationServer hostA = host(table, clockA, seed.kind());
        AsyncOperationServer hostB = host(table, clockB, seed.kind());

        List<String> ids = concurrently(100, i -> {
            HostRequest submit = HostRequest.of("POST", URI.create("http://host.test" + SEED_QUERY),
                Map.of("Idempotency-Key", "nightly-2021-10"), null, null);
            return body((i % 2 == 0 ? hostA : hostB).handle(submit)).get("id").asText();
        });

        assertThat(new HashSet<>(ids)).hasSize(1);
        assertThat(table.listEntities(new ListEntitiesOptions().setFilter("RowKey eq 'operation'"), null,
            Context.NONE).stream().map(TableEntity::getPartitionKey)).containsExactly(ids.get(0));
        seed.release.countDown();
        awaitStatus(hostA, ids.get(0), "Completed");
        assertThat(seed.started).hasValue(1);
    }

    private static <T> List<T> concurrently(int count, Function<Integer, T> call) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Callable<T>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                calls.add(() -> call.apply(index));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> result : callers.invokeAll(calls)) {
                results.add(result.get());
            }
            return results;
        } finally {
            callers.shutdownNow();
        }
    }

    /** The same table through a client that reports each request it sends (retries too). */
    private static TableClient counting(TableClient table, Consumer<HttpRequest> counter) {
        return new TableClientBuilder().connectionString(AzuriteTableService.shared().connectionString())
            .tableName(table.getTableName()).addPolicy((context, next) -> {
                counter.accept(context.getHttpRequest());
                return next.process();
            }).buildClient();
    }

    static HostRequest request(String method, String pathAndQuery) {
        return HostRequest.of(method, URI.create("http://host.test" + pathAndQuery), Map.of(), null, null);
    }

    static String submit(AsyncOperationServer server, String pathAndQuery) {
        HostResponse accepted = server.handle(request("POST", pathAndQuery));
        assertThat(accepted.getStatus()).as(accepted.getBodyAsString()).isEqualTo(202);
        return body(accepted).get("id").asText();
    }

    static JsonNode status(AsyncOperationServer server, String id) {
        HostResponse response = server.handle(request("GET", "/api/status/" + id));
        assertThat(response.getStatus()).as(response.getBodyAsString()).isIn(200, 202, 409);
        return body(response);
    }

    static JsonNode awaitStatus(AsyncOperationServer server, String id, String expected) {
        return Await.until("status " + expected + " of " + id, () -> status(server, id),
            status -> expected.equals(status.get("status").asText()));
    }

    static JsonNode body(HostResponse response) {
        try {
            return Json.mapper().readTree(response.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
