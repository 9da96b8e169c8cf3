package io.github.adfkit.durable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.durable.models.OperationRuntimeStatus;
import io.github.adfkit.durable.models.OperationStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many operations watched at once against a loopback Durable-like host: instance {@code i} answers 202 with
 * {@code retry-after-ms: 10} for {@code i % 4} polls, then 200 Completed (Failed for every tenth instance).
 */
class OperationWatcherTest {
    private static final int OPERATIONS = 1_000;

    static {
        // The JDK server closes idle keep-alive connections beyond 200, which the client then sees as resets.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "5000");
    }

    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private ExecutorService serverThreads;
    private HttpServer server;
    private OperationWatcher watcher;

    @BeforeEach
    void startHost() throws IOException {
        serverThreads = Executors.newFixedThreadPool(4);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
        server.createContext("/instances/", this::answer);
        server.setExecutor(serverThreads);
        server.start();
        watcher = new AsyncOperationClientBuilder().pollBackoff(Backoff.fixed(Duration.ofMillis(50)))
            .buildAsyncClient().getWatcher();
    }

    @AfterEach
    void stopHost() {
        watcher.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void watchesAThousandOperationsOnAFewThreadsWithNoWastedPoll() throws InterruptedException {
        RecordingListener listener = new RecordingListener(OPERATIONS);
        int threadsBefore = Thread.activeCount();

        for (int i = 0; i < OPERATIONS; i++) {
            watcher.watch(url("i" + i + "?code=k" + i), listener);
        }
        int threadsWhileWatching = Thread.activeCount();

        assertThat(listener.done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(threadsWhileWatching - threadsBefore).isLessThan(40);
        assertThat(listener.finished).hasSize(OPERATIONS);
        assertThat(listener.errors).isEmpty();
        assertThat(listener.finished.stream().filter(s -> s.getStatus() == OperationRuntimeStatus.FAILED))
            .hasSize(OPERATIONS / 10);
        // Each instance is polled exactly until it finishes: (i % 4) running answers plus the final one.
        int expected = 0;
        for (int i = 0; i < OPERATIONS; i++) {
            expected += i % 4 + 1;
        }
        assertThat(requests.get()).isEqualTo(expected);
        assertThat(watcher.getActiveCount()).isZero();
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfPollsInFlight() throws InterruptedException {
        OperationWatcher narrow = new AsyncOperationClientBuilder().maxConcurrentPolls(2).buildAsyncClient().getWatcher();
        RecordingListener listener = new RecordingListener(40);

        for (int i = 0; i < 40; i++) {
            narrow.watch(url("i" + i + "?code=k"), listener);
        }

        assertThat(listener.done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(listener.finished).hasSize(40);
        assertThat(mostInFlight.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void anUnknownOperationIsReportedAsNotFound() throws InterruptedException {
        RecordingListener listener = new RecordingListener(1);

        watcher.watch(url("missing?code=secret-key"), listener);

        assertThat(listener.done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(listener.errors).singleElement().satisfies(error -> {
            assertThat(error.getReason()).isEqualTo(AsyncOperationException.Reason.NOT_FOUND);
            assertThat(error.getMessage()).doesNotContain("secret-key");
        });
    }

    @Test
    void aCancelledWatchStopsPollingAndNeverCallsItsListener() throws InterruptedException {
        RecordingListener cancelled = new RecordingListener(1);
        RecordingListener other = new RecordingListener(1);

        SchedulingClock.Cancellable watch = watcher.watch(url("i3?code=k"), cancelled);
        assertThat(watch.cancel()).isTrue();
        watcher.watch(url("i7?code=k"), other);

        assertThat(other.done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cancelled.finished).isEmpty();
        assertThat(cancelled.errors).isEmpty();
        assertThat(polls.getOrDefault("i3", new AtomicInteger())).hasValueLessThanOrEqualTo(1);
        assertThat(watcher.getActiveCount()).isZero();
    }

    private String url(String instance) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/instances/" + instance;
    }

    private void answer(HttpExchange exchange) throws IOException {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        respond(exchange);
    }

    private void respond(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String id = exchange.getRequestURI().getPath().substring("/instances/".length());
        if (!id.startsWith("i")) {
            send(exchange, 404, "");
            return;
        }
        int n = Integer.parseInt(id.substring(1));
        int poll = polls.computeIfAbsent(id, ignored -> new AtomicInteger()).incrementAndGet();
        if (poll <= n % 4) {
            exchange.getResponseHeaders().set("retry-after-ms", "10");
            send(exchange, 202, DurableHost.status("Running", "null"));
        } else {
            send(exchange, 200, DurableHost.status(n % 10 == 0 ? "Failed" : "Completed", "{\"n\":" + n + "}"));
        }
    }

    private void send(HttpExchange exchange, int code, String body) throws IOException {
        // The poll is over for the client as soon as the answer can reach it, so count it out before writing.
        inFlight.decrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final class RecordingListener implements OperationListener {
        private final Queue<OperationStatus> finished = new ConcurrentLinkedQueue<>();
        private final Queue<AsyncOperationException> errors = new ConcurrentLinkedQueue<>();
        private final CountDownLatch done;

        RecordingListener(int expected) {
            this.done = new CountDownLatch(expected);
        }

        @Override
        public void onFinished(OperationStatus status) {
            finished.add(status);
            done.countDown();
        }

        @Override
        public void onError(AsyncOperationException error) {
            errors.add(error);
            done.countDown();
        }
    }
}
