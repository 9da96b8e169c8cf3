package io.github.adfkit.benchmarks.asyncclient;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A loopback status endpoint that behaves like a Durable Functions host: {@code GET /ops/{i}} answers 202 with
 * {@code Location} and {@code Retry-After} until operation {@code i} is done, then 200 with a Completed status. An
 * operation's clock starts at its first request and it finishes after its own random delay.
 */
final class StubStatusServer implements AutoCloseable {
    private static final int SERVER_THREADS = 4;
    private static final byte[] RUNNING = "{\"runtimeStatus\":\"Running\",\"output\":null}"
        .getBytes(StandardCharsets.UTF_8);
    private static final byte[] COMPLETED = "{\"runtimeStatus\":\"Completed\",\"output\":{\"rows\":1}}"
        .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService threads;
    private final long retryAfterNanos;
    private final int retryAfterSeconds;
    private long[] delayNanos = new long[0];
    private AtomicLongArray finishAt = new AtomicLongArray(0);
    private final AtomicInteger requests = new AtomicInteger();

    StubStatusServer(int retryAfterSeconds) throws IOException {
        // The JDK server closes keep-alive connections beyond 200 idle ones; the clients would see resets.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "20000");
        this.retryAfterSeconds = retryAfterSeconds;
        this.retryAfterNanos = TimeUnit.SECONDS.toNanos(retryAfterSeconds);
        this.threads = Executors.newFixedThreadPool(SERVER_THREADS);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16_384);
        server.createContext("/ops/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    /**
     * Forgets earlier operations and prepares {@code count} new ones with delays drawn from {@code random}.
     */
    void reset(int count, Random random, long minDelayMillis, long maxDelayMillis) {
        long[] delays = new long[count];
        for (int i = 0; i < count; i++) {
            long millis = minDelayMillis + (long) (random.nextDouble() * (maxDelayMillis - minDelayMillis));
            delays[i] = TimeUnit.MILLISECONDS.toNanos(millis);
        }
        delayNanos = delays;
        finishAt = new AtomicLongArray(count);
        requests.set(0);
    }

    String url(int operation) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ops/" + operation + "?code=bench-key";
    }

    int requests() {
        return requests.get();
    }

    /** @return when operation {@code i} finished, in {@link System#nanoTime()} */
    long finishedAt(int operation) {
        return finishAt.get(operation);
    }

    /**
     * @return when a client that polls exactly as {@code Retry-After} asks, from the operation's first request, sees
     *     operation {@code i} done, in {@link System#nanoTime()}
     */
    long dueAt(int operation) {
        long delay = delayNanos[operation];
        long start = finishAt.get(operation) - delay;
        return start + (delay + retryAfterNanos - 1) / retryAfterNanos * retryAfterNanos;
    }

    /** @return the fewest requests a client that waits exactly as Retry-After asks needs to see every operation done */
    long minimumRequests() {
        long total = 0;
        for (long delay : delayNanos) {
            total += (delay + retryAfterNanos - 1) / retryAfterNanos + 1;
        }
        return total;
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        int operation = Integer.parseInt(path.substring("/ops/".length()));
        long now = System.nanoTime();
        finishAt.compareAndSet(operation, 0, now + delayNanos[operation]);
        boolean done = now >= finishAt.get(operation);
        if (!done) {
            exchange.getResponseHeaders().set("Location", url(operation));
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
        }
        byte[] body = done ? COMPLETED : RUNNING;
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(done ? 200 : 202, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
