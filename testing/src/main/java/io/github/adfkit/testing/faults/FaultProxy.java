package io.github.adfkit.testing.faults;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.testing.implementation.FakeArguments;
import io.github.adfkit.testing.implementation.FaultInjector;
import io.github.adfkit.testing.implementation.LoopbackPorts;
import io.github.adfkit.testing.implementation.ProxyServer;
import io.github.adfkit.testing.implementation.ScriptedFaults;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An HTTP/1.1 proxy on a free loopback port that sits in front of any plain-http upstream (Azurite's Table
 * endpoint, a WireMock fake, the callback receiver) and injects faults that a status code cannot express: a
 * connection reset before the upstream saw the request, a reset after the upstream acted (the write is applied, its
 * answer lost), a slow answer, a request that never gets an answer, or an error status.
 *
 * <p>Each request (method, path and query, headers, a body sent with {@code Content-Length} or {@code chunked}) is
 * forwarded on a fresh upstream connection with {@code Connection: close}, the upstream's {@code Host}, and the
 * answer is relayed byte for byte (headers such as {@code Location} are not rewritten). Faults come from a script
 * ({@link #injectNext(int, Predicate, FaultAction)}) first, then from a seeded random {@link FaultMix}
 * ({@link #injectFaults(long, FaultMix)}).</p>
 *
 * <pre>{@code
 * try (FaultProxy proxy = new FaultProxy(azurite.tableEndpoint()).start()) {
 *     TableClient table = new TableClientBuilder()
 *         .connectionString(azurite.connectionString().replace(azurite.tableEndpoint(), proxy.baseUrl()))
 *         .tableName(name).buildClient();
 *     proxy.injectNext(1, ProxiedRequest.method("POST"), FaultAction.resetAfter()); // insert applied, answer lost
 *     ...
 *     assertThat(proxy.faultCount(FaultKind.RESET_AFTER)).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Threads are daemons, one per client connection; {@link #close()} closes every socket, which also ends stalled
 * requests and slow answers still waiting.</p>
 */
public final class FaultProxy implements AutoCloseable {
    private static final ClientLogger LOGGER = new ClientLogger(FaultProxy.class);

    private final URI upstream;
    private final String basePath;
    private final ScriptedFaults script = new ScriptedFaults();
    private final FaultInjector random = new FaultInjector();
    private final Map<FaultKind, Integer> faultCounts = new EnumMap<>(FaultKind.class);
    private Predicate<ProxiedRequest> randomScope = ProxiedRequest.any();
    private int requestCount;
    private ProxyServer server;

    /**
     * Creates a proxy for an upstream. Call {@link #start()} before use.
     *
     * @param upstreamBaseUrl the upstream's base URL, {@code http} with a host and port, and optionally a path such
     *     as Azurite's {@code /devstoreaccount1}
     * @throws IllegalArgumentException if the URL is not an absolute {@code http} URL with a host
     */
    public FaultProxy(String upstreamBaseUrl) {
        Objects.requireNonNull(upstreamBaseUrl, "'upstreamBaseUrl' cannot be null.");
        URI uri;
        try {
            uri = URI.create(upstreamBaseUrl);
        } catch (IllegalArgumentException e) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("Not a URL: " + upstreamBaseUrl, e));
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException(
                "The upstream must be an absolute http URL with a host, was " + upstreamBaseUrl));
        }
        this.upstream = uri;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * Starts listening on a free loopback port. Does nothing if it is running.
     *
     * @return this proxy
     * @throws IllegalStateException if the proxy was closed
     */
    public synchronized FaultProxy start() {
        if (server == null) {
            server = ProxyServer.start(upstream, this::decide);
        } else if (server.isClosed()) {
            throw LOGGER.logExceptionAsError(new IllegalStateException("The fault proxy was closed."));
        }
        return this;
    }

    /**
     * The port the proxy listens on, on {@code 127.0.0.1}.
     *
     * @return the port
     * @throws IllegalStateException if the proxy has not been started
     */
    public int port() {
        return running().port();
    }

    /**
     * The proxy's base URL, to use wherever the upstream's base URL was used: the upstream's path is kept.
     *
     * @return for example {@code http://127.0.0.1:51234/devstoreaccount1}, without a trailing slash
     * @throws IllegalStateException if the proxy has not been started
     */
    public String baseUrl() {
        return "http://" + LoopbackPorts.LOOPBACK_HOST + ":" + port() + basePath;
    }

    /**
     * Injects a fault into the next {@code times} requests that match, before any random fault. Calls queue up:
     * each request takes the first queued entry it matches.
     *
     * @param times how many matching requests get the fault
     * @param match which requests, for example {@code ProxiedRequest.method("POST")} or {@link ProxiedRequest#any()}
     * @param fault the fault
     * @throws IllegalArgumentException if {@code times} is negative
     */
    public void injectNext(int times, Predicate<ProxiedRequest> match, FaultAction fault) {
        script.add(FakeArguments.times(times, LOGGER), Objects.requireNonNull(match, "'match' cannot be null."),
            Objects.requireNonNull(fault, "'fault' cannot be null."));
    }

    /**
     * Injects random faults into every request, chosen with {@link FaultMix#DEFAULT_SEED}.
     *
     * @param mix the rate and kinds of fault
     * @throws IllegalArgumentException if the mix names no kind of fault
     */
    public void injectFaults(FaultMix mix) {
        injectFaults(FaultMix.DEFAULT_SEED, mix);
    }

    /**
     * Injects random faults into every request: the same seed and the same order of requests give the same faults.
     *
     * @param seed the random seed
     * @param mix the rate and kinds of fault
     * @throws IllegalArgumentException if the mix names no kind of fault
     */
    public void injectFaults(long seed, FaultMix mix) {
        injectFaults(seed, mix, ProxiedRequest.any());
    }

    /**
     * Injects random faults into the requests that match, for example only writes; others pass untouched and draw
     * no random number.
     *
     * @param seed the random seed
     * @param mix the rate and kinds of fault
     * @param match which requests may fail
     * @throws IllegalArgumentException if the mix names no kind of fault
     */
    public void injectFaults(long seed, FaultMix mix, Predicate<ProxiedRequest> match) {
        Objects.requireNonNull(mix, "'mix' cannot be null.");
        if (mix.kinds().isEmpty()) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException(
                "The fault mix names no kind of fault: " + mix));
        }
        synchronized (this) {
            randomScope = Objects.requireNonNull(match, "'match' cannot be null.");
            random.configure(seed, mix);
        }
    }

    /**
     * Stops injecting faults, scripted and random. Requests already stalled or slowed are not released.
     */
    public synchronized void clearFaults() {
        script.clear();
        random.clear();
    }

    /**
     * How many requests reached the proxy, faulted or not.
     *
     * @return the count since start
     */
    public synchronized int requestCount() {
        return requestCount;
    }

    /**
     * Waits until at least {@code count} requests have reached the proxy, for example to kill a host while its
     * request is stalled.
     *
     * @param count how many requests to wait for
     * @param timeout the longest wait
     * @throws AssertionError if fewer requests arrived in time
     */
    public synchronized void awaitRequestCount(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requestCount < count) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new AssertionError("Expected " + count + " request(s) at the fault proxy within " + timeout
                    + " but received " + requestCount + ".");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for requests at the fault proxy.", e);
            }
        }
    }

    /**
     * How many faults of a kind were injected.
     *
     * @param kind the kind
     * @return the count since start
     */
    public synchronized int faultCount(FaultKind kind) {
        return faultCounts.getOrDefault(kind, 0);
    }

    /**
     * How many faults were injected, of every kind.
     *
     * @return the count since start
     */
    public synchronized int faultCount() {
        return faultCounts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Stops the proxy and closes every client and upstream connection. Does nothing if it is not running.
     */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
    }

    private synchronized Optional<FaultAction> decide(ProxiedRequest request) {
        requestCount++;
        notifyAll();
        Optional<FaultAction> fault = script.next(request);
        if (fault.isEmpty() && randomScope.test(request)) {
            fault = random.next();
        }
        fault.ifPresent(chosen -> {
            faultCounts.merge(chosen.kind(), 1, Integer::sum);
            LOGGER.verbose("Fault proxy injects {} into a {} request", chosen, request.method());
        });
        return fault;
    }

    private synchronized ProxyServer running() {
        if (server == null || server.isClosed()) {
            throw LOGGER.logExceptionAsError(new IllegalStateException(
                "The fault proxy is not running; call start() first."));
        }
        return server;
    }
}
