package io.github.adfkit.durable.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.durable.server.models.SingleFlightMode;
import io.github.adfkit.core.host.PublicUrls;
import io.github.adfkit.core.host.TrustedProxies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 002's flows end to end over real HTTP on loopback, with the in-memory store.
 */
class AsyncOperationServerHttpTest {
    private final SeedQuery seed = new SeedQuery();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        seed.release.countDown();
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private LoopbackHost host(AsyncOperationServerBuilder builder) {
        AsyncOperationServer server = builder.buildServer();
        LoopbackHost host = new LoopbackHost(server);
        toClose.add(host);
        toClose.add(server);
        return host;
    }

    private LoopbackHost seedHost() {
        return host(new AsyncOperationServerBuilder().addOperationKind(seed.kind()));
    }

    @Test
    void badParametersAreAnswered400WithTheSeedsMessagesAndRunNothing() {
        LoopbackHost host = seedHost();

        assertError(host.send("POST", "/api/submit/query", null, Map.of()), 400, "Empty start date.");
        assertError(host.send("POST", "/api/submit/query?s=10/08/2021&e=abcd", null, Map.of()), 400,
            "Invalid end date format.");
        assertError(host.send("POST", "/api/submit/query?s=10/08/2021&e=05/08/2021", null, Map.of()), 400,
            "Invalid date range.");
        assertThat(seed.started).hasValue(0);
    }

    @Test
    void validSubmitIsAcceptedThenRunningThenCompletedWithTheResult() {
        LoopbackHost host = seedHost();

        LoopbackHost.Reply accepted = host.send("POST", "/api/submit/query?s=10/10/2021&e=10/12/2021", null,
            Map.of());

        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode body = json(accepted);
        assertThat(fieldNames(body)).containsExactly("id", "statusUri");
        String id = body.get("id").asText();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(body.get("statusUri").asText()).isEqualTo(host.base() + "/api/status/" + id);
        assertThat(accepted.header("Location")).hasValue(body.get("statusUri").asText());
        assertThat(accepted.header("Operation-Location")).hasValue(body.get("statusUri").asText() + "/monitor");
        assertThat(accepted.header("Retry-After")).hasValue("5");

        URI statusUri = host.resolve(body.get("statusUri").asText());
        LoopbackHost.Reply running = Await.until("status Running", () -> LoopbackHost.send("GET", statusUri, null,
            Map.of()), response -> "Running".equals(response.json().get("status").asText()));
        assertThat(running.statusCode()).isEqualTo(202);
        assertThat(running.header("Location")).hasValue(statusUri.toString());
        assertThat(running.header("Retry-After")).hasValue("5");
        assertThat(fieldNames(running.json())).containsExactly("id", "status", "result", "error");
        assertThat(running.json().get("result").isNull()).isTrue();

        seed.release.countDown();
        LoopbackHost.Reply completed = Await.until("status Completed", () -> LoopbackHost.send("GET", statusUri, null,
            Map.of()), response -> "Completed".equals(response.json().get("status").asText()));
        assertThat(completed.statusCode()).isEqualTo(200);
        assertThat(completed.header("Location")).hasValue(statusUri + "/result");
        assertThat(LoopbackHost.send("GET", URI.create(statusUri + "/result"), null, Map.of()).body())
            .isEqualTo(Integer.toString(SeedQuery.SEED_RESULT));
        assertThat(completed.json().get("id").asText()).isEqualTo(id);
        assertThat(completed.json().get("result").asInt()).isEqualTo(SeedQuery.SEED_RESULT);
        assertThat(completed.header("Retry-After")).isEmpty();
        assertThat(seed.started).hasValue(1);
    }

    @Test
    void theSeedsCompatibilityModeAnswers200WhateverTheStatus() {
        LoopbackHost host = host(new AsyncOperationServerBuilder().addOperationKind(seed.kind())
            .acceptedWhileRunning(false));
        URI statusUri = host.resolve(host.send("POST", "/api/submit/query?s=10/10/2021&e=10/12/2021", null, Map.of())
            .json().get("statusUri").asText());
        Await.until("the work to start", seed.started::get, started -> started == 1);

        LoopbackHost.Reply running = LoopbackHost.send("GET", statusUri, null, Map.of());
        seed.release.countDown();
        LoopbackHost.Reply completed = Await.until("status Completed", () -> LoopbackHost.send("GET", statusUri,
            null, Map.of()), reply -> "Completed".equals(reply.json().get("status").asText()));

        assertThat(running.statusCode()).isEqualTo(200);
        assertThat(running.header("Location")).isEmpty();
        assertThat(running.header("Retry-After")).hasValue("5");
        assertThat(running.json().get("status").asText()).isEqualTo("Running");
        assertThat(completed.statusCode()).isEqualTo(200);
        assertThat(completed.header("Location")).isEmpty();
        assertThat(completed.json().get("result").asInt()).isEqualTo(SeedQuery.SEED_RESULT);
    }

    @Test
    void queuedSingleFlightOperationStartsAsSoonAsTheRunningOneOnTheSameHostFinishes() {
        LoopbackHost host = host(new AsyncOperationServerBuilder().clock(new ManualClock())
            .addOperationKind(seed.kind().withSingleFlight(range -> "audit", SingleFlightMode.QUEUE)));
        URI first = host.resolve(host.send("POST", "/api/submit/query?s=10/10/2021&e=10/12/2021", null, Map.of())
            .json().get("statusUri").asText());
        Await.until("the first to run", seed.started::get, started -> started == 1);
        URI second = host.resolve(host.send("POST", "/api/submit/query?s=11/10/2021&e=10/12/2021", null, Map.of())
            .json().get("statusUri").asText());

        assertThat(LoopbackHost.send("GET", second, null, Map.of()).json().get("status").asText())
            .isEqualTo("Pending");
        seed.release.countDown();

        for (URI statusUri : List.of(first, second)) {
            Await.until("status Completed", () -> LoopbackHost.send("GET", statusUri, null, Map.of()).json(),
                status -> "Completed".equals(status.get("status").asText()));
        }
        assertThat(seed.started).hasValue(2);
    }

    @Test
    void statusUriIsNeverTakenFromTheHostOrForwardedHeadersOfAnUntrustedClient() {
        Map<String, String> hostile = Map.of("Host", "evil.example", "X-Forwarded-Proto", "https",
            "X-Forwarded-Host", "evil.example");
        LoopbackHost byDefault = seedHost();
        LoopbackHost relative = host(new AsyncOperationServerBuilder().addOperationKind(seed.kind())
            .publicUrls(PublicUrls.relative()));
        LoopbackHost configured = host(new AsyncOperationServerBuilder().addOperationKind(seed.kind())
            .publicUrls(PublicUrls.baseUrl("https://jobs.contoso.com/jobs")).routePrefix("/v1"));
        LoopbackHost proxiedButUntrusted = host(new AsyncOperationServerBuilder().addOperationKind(seed.kind())
            .publicUrls(PublicUrls.forwardedBy(TrustedProxies.of("10.0.0.0/8"))));

        LoopbackHost.Reply fromDefault = byDefault.send("POST", "/api/submit/query?s=10/10/2021&e=10/12/2021", null,
            hostile);
        LoopbackHost.Reply fromRelative = relative.send("POST", "/api/submit/query?s=10/10/2021&e=10/12/2021", null,
            hostile);
        LoopbackHost.Reply fromConfigured = configured.send("POST", "/v1/submit/query?s=10/10/2021&e=10/12/2021",
            null, hostile);
        LoopbackHost.Reply fromUntrusted = proxiedButUntrusted.send("POST",
            "/api/submit/query?s=10/10/2021&e=10/12/2021", null, hostile);

        assertThat(fromDefault.json().get("statusUri").asText()).startsWith(byDefault.base() + "/api/status/");
        assertThat(fromDefault.header("Location")).hasValue(fromDefault.json().get("statusUri").asText());
        assertThat(fromRelative.json().get("statusUri").asText()).startsWith("/api/status/");
        assertThat(fromRelative.header("Location")).hasValue(fromRelative.json().get("statusUri").asText());
        assertThat(fromConfigured.json().get("statusUri").asText())
            .isEqualTo("https://jobs.contoso.com/jobs/v1/status/" + fromConfigured.json().get("id").asText());
        assertThat(fromUntrusted.json().get("statusUri").asText()).startsWith("/api/status/");
    }

    @Test
    void deleteOnTheStatusUriCancelsRunningWork() {
        LoopbackHost host = seedHost();
        URI statusUri = host.resolve(json(host.send("POST", "/api/submit/query?s=10/10/2021&e=10/12/2021", null,
            Map.of())).get("statusUri").asText());
        Await.until("the work to start", seed.started::get, started -> started == 1);

        LoopbackHost.Reply canceled = LoopbackHost.send("DELETE", statusUri, null, Map.of());

        assertThat(canceled.statusCode()).isEqualTo(200);
        assertThat(canceled.json().get("status").asText()).isEqualTo("Canceled");
        Await.until("the work to be interrupted", seed.interrupted::get, count -> count == 1);
        assertThat(json(LoopbackHost.send("GET", statusUri, null, Map.of())).get("status").asText())
            .isEqualTo("Canceled");
        assertError(LoopbackHost.send("DELETE", statusUri, null, Map.of()), 409,
            "The operation has already finished with status Canceled.");
    }

    @Test
    void responsesNeverContainManagementUrlsKeysOrInputs() {
        LoopbackHost host = seedHost();
        LoopbackHost.Reply accepted = host.send("POST",
            "/api/submit/query?s=10/10/2021&e=10/12/2021&code=functionKeySecret", null, Map.of());
        URI statusUri = host.resolve(accepted.json().get("statusUri").asText());
        seed.release.countDown();
        LoopbackHost.Reply completed = Await.until("status Completed", () -> LoopbackHost.send("GET", statusUri, null,
            Map.of()), response -> "Completed".equals(response.json().get("status").asText()));

        for (LoopbackHost.Reply response : List.of(accepted, completed)) {
            String everything = response.headers() + response.body();
            assertThat(everything).doesNotContain("statusQueryGetUri", "code=", "functionKeySecret",
                "/runtime/webhooks", "10/10/2021", "taskHub");
        }
    }

    @Test
    void hundredConcurrentSubmitsWithOneIdempotencyKeyCreateOneOperation() throws Exception {
        LoopbackHost host = seedHost();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Callable<LoopbackHost.Reply>> submits = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                submits.add(() -> host.send("POST", "/api/submit/query?s=10/10/2021&e=10/12/2021", null,
                    Map.of("Idempotency-Key", "nightly-2021-10")));
            }
            Set<String> ids = new HashSet<>();
            for (Future<LoopbackHost.Reply> response : callers.invokeAll(submits)) {
                assertThat(response.get().statusCode()).isEqualTo(202);
                ids.add(response.get().json().get("id").asText());
            }
            assertThat(ids).hasSize(1);
            seed.release.countDown();
            URI statusUri = URI.create(host.base() + "/api/status/" + ids.iterator().next());
            Await.until("status Completed", () -> json(LoopbackHost.send("GET", statusUri, null, Map.of())),
                status -> "Completed".equals(status.get("status").asText()));
            assertThat(seed.started).hasValue(1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aFullExecutorAnswers503AndKeepsNothingSoTheSameIdempotencyKeyWorksLater() {
        ExecutorService oneAtATime = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>());
        toClose.add(oneAtATime::shutdownNow);
        LoopbackHost host = host(new AsyncOperationServerBuilder().addOperationKind(seed.kind()).executor(oneAtATime));
        String query = "/api/submit/query?s=10/10/2021&e=10/12/2021";
        host.send("POST", query, null, Map.of());
        Await.until("the work to start", seed.started::get, started -> started == 1);

        LoopbackHost.Reply busy = host.send("POST", query, null, Map.of("Idempotency-Key", "retry-me"));

        assertError(busy, 503, "The host is running as many operations as it can; submit again later.");
        assertThat(busy.header("Retry-After")).hasValue("5");
        seed.release.countDown();
        LoopbackHost.Reply accepted = Await.until("the executor to be free", () -> host.send("POST", query, null,
            Map.of("Idempotency-Key", "retry-me")), reply -> reply.statusCode() == 202);
        URI statusUri = host.resolve(accepted.json().get("statusUri").asText());
        Await.until("status Completed", () -> LoopbackHost.send("GET", statusUri, null, Map.of()).json(),
            status -> "Completed".equals(status.get("status").asText()));
        assertThat(seed.started).hasValue(2);
    }

    @Test
    void failuresShowTheWorksMessageOrOnlyAnIncidentId() {
        AtomicInteger calls = new AtomicInteger();
        LoopbackHost host = host(new AsyncOperationServerBuilder()
            .addOperationKind(OperationKind.of("explained", request -> "x", input -> {
                throw new OperationFailedException("The audit table is not reachable.");
            }))
            .addOperationKind(OperationKind.of("crashing", request -> "x", input -> {
                calls.incrementAndGet();
                throw new IllegalStateException("password=hunter2 in a message");
            })));

        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger supervisorLog = (Logger) LoggerFactory.getLogger(
            "io.github.adfkit.durable.server.implementation.OperationSupervisor");
        supervisorLog.addAppender(log);
        log.start();
        JsonNode explained;
        JsonNode crashed;
        try {
            explained = finished(host, "/api/submit/explained");
            crashed = finished(host, "/api/submit/crashing");
        } finally {
            supervisorLog.detachAppender(log);
        }

        assertThat(explained.get("status").asText()).isEqualTo("Failed");
        assertThat(explained.get("error").asText()).isEqualTo("The audit table is not reachable.");
        assertThat(crashed.get("status").asText()).isEqualTo("Failed");
        assertThat(crashed.get("error").asText()).startsWith("The operation failed; the host log has the details "
            + "under incident ").doesNotContain("hunter2", "IllegalStateException");
        assertThat(calls).hasValue(1);
        String incident = crashed.get("error").asText().replaceAll(".* incident ([0-9a-f-]+)\\.$", "$1");
        assertThat(log.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains(incident,
            "IllegalStateException"));
        assertThat(log.list).allSatisfy(event -> assertThat(event.getFormattedMessage()
            + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage()))
            .doesNotContain("hunter2"));
    }

    @Test
    void closingTheServerTerminatesRunningOperations() {
        AsyncOperationServer server = new AsyncOperationServerBuilder().addOperationKind(seed.kind()).buildServer();
        LoopbackHost host = new LoopbackHost(server);
        toClose.add(host);
        URI statusUri = host.resolve(json(host.send("POST", "/api/submit/query?s=10/10/2021&e=10/12/2021", null,
            Map.of())).get("statusUri").asText());
        Await.until("the work to start", seed.started::get, started -> started == 1);

        server.close();

        JsonNode status = json(LoopbackHost.send("GET", statusUri, null, Map.of()));
        assertThat(status.get("status").asText()).isEqualTo("Terminated");
        assertThat(status.get("error").asText()).isEqualTo("The host shut down before the operation finished.");
        Await.until("the work to be interrupted", seed.interrupted::get, count -> count == 1);
    }

    private static JsonNode finished(LoopbackHost host, String submitPath) {
        URI statusUri = host.resolve(json(host.send("POST", submitPath, null, Map.of())).get("statusUri").asText());
        return Await.<JsonNode>until("a terminal status",
            () -> json(LoopbackHost.send("GET", statusUri, null, Map.of())),
            status -> !Set.of("Pending", "Running").contains(status.get("status").asText()));
    }

    static void assertError(LoopbackHost.Reply response, int status, String message) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/json"));
        assertThat(response.json().get("error").asText()).isEqualTo(message);
        assertThat(fieldNames(response.json())).containsExactly("error");
    }

    static JsonNode json(LoopbackHost.Reply reply) {
        return reply.json();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.stream().collect(Collectors.toList());
    }
}
