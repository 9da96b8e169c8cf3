package io.github.adfkit.core.host;

import io.github.adfkit.core.implementation.Arguments;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link HostServer}: the hardened way to serve adfkit's {@link HostHandler}s on a plain JDK.
 *
 * <pre>{@code
 * HostServer server = new HostServerBuilder()
 *     .address(new InetSocketAddress(8080))
 *     .route("/api/", asyncApi, 64 * 1024)
 *     .start();
 * }</pre>
 *
 * <p>Defaults: the loopback address on a free port, 16 worker threads, 64 requests in flight, 1024 open connections,
 * 10 s to send the request line and headers, 30 s to send the body, 16 KiB of headers.</p>
 */
public final class HostServerBuilder {
    private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private final List<HostRoute> routes = new ArrayList<>();
    private int workerThreads = 16;
    private int maxRequestsInFlight = 64;
    private int maxConnections = 1024;
    private int maxHeaderBytes = 16 * 1024;
    private Duration headerTimeout = Duration.ofSeconds(10);
    private Duration bodyTimeout = Duration.ofSeconds(30);

    /**
     * Creates a builder with the defaults.
     */
    public HostServerBuilder() {
    }

    /**
     * @param address the address and port to listen on; port 0 for a free one
     * @return this
     */
    public HostServerBuilder address(InetSocketAddress address) {
        this.address = Objects.requireNonNull(address, "'address' cannot be null.");
        return this;
    }

    /**
     * Serves every path equal to {@code pathPrefix} or below it ({@code /jobs} serves {@code /jobs} and
     * {@code /jobs/1}; {@code /api/} serves {@code /api/x}); the longest matching prefix wins. A body larger than
     * {@code maxBodyBytes} is answered with 413 before it is read.
     *
     * @param pathPrefix the path, starting with {@code /}
     * @param handler the endpoint
     * @param maxBodyBytes the largest request body accepted; 0 for none
     * @return this
     */
    public HostServerBuilder route(String pathPrefix, HostHandler handler, int maxBodyBytes) {
        Objects.requireNonNull(pathPrefix, "'pathPrefix' cannot be null.");
        if (!pathPrefix.startsWith("/")) {
            throw new IllegalArgumentException("'pathPrefix' must start with '/'.");
        }
        Arguments.requireNonNegative(maxBodyBytes, "maxBodyBytes");
        routes.add(new HostRoute(pathPrefix, Objects.requireNonNull(handler, "'handler' cannot be null."),
            maxBodyBytes));
        return this;
    }

    /**
     * @param workerThreads how many handlers run at once; positive
     * @return this
     */
    public HostServerBuilder workerThreads(int workerThreads) {
        this.workerThreads = Arguments.requirePositive(workerThreads, "workerThreads");
        return this;
    }

    /**
     * @param maxRequestsInFlight how many requests may be running or waiting for a worker; beyond it a request is
     *     answered 503 with {@code Retry-After}; positive
     * @return this
     */
    public HostServerBuilder maxRequestsInFlight(int maxRequestsInFlight) {
        this.maxRequestsInFlight = Arguments.requirePositive(maxRequestsInFlight, "maxRequestsInFlight");
        return this;
    }

    /**
     * @param maxConnections how many connections may be open; a connection beyond it is answered 503 and closed;
     *     positive
     * @return this
     */
    public HostServerBuilder maxConnections(int maxConnections) {
        this.maxConnections = Arguments.requirePositive(maxConnections, "maxConnections");
        return this;
    }

    /**
     * @param maxHeaderBytes the longest request line and headers together; longer is answered 431; positive
     * @return this
     */
    public HostServerBuilder maxHeaderBytes(int maxHeaderBytes) {
        this.maxHeaderBytes = Arguments.requirePositive(maxHeaderBytes, "maxHeaderBytes");
        return this;
    }

    /**
     * @param headerTimeout how long a client has to send the request line and headers, from the moment the
     *     connection opens or the previous response was sent; then 408 and the connection is closed
     * @return this
     */
    public HostServerBuilder headerTimeout(Duration headerTimeout) {
        this.headerTimeout = Arguments.requirePositive(headerTimeout, "headerTimeout");
        return this;
    }

    /**
     * @param bodyTimeout how long a client has to send the body once the headers are in, and to take the
     *     response; then 408 (or nothing, while responding) and the connection is closed
     * @return this
     */
    public HostServerBuilder bodyTimeout(Duration bodyTimeout) {
        this.bodyTimeout = Arguments.requirePositive(bodyTimeout, "bodyTimeout");
        return this;
    }

    /**
     * Opens the port and starts serving.
     *
     * @return the running server
     * @throws java.io.UncheckedIOException if the address cannot be bound
     * @throws IllegalStateException if no route was added
     */
    public HostServer start() {
        if (routes.isEmpty()) {
            throw new IllegalStateException("Add at least one route before starting the server.");
        }
        return HostServer.start(address, new HostServerLimits(workerThreads, maxRequestsInFlight, maxConnections,
            maxHeaderBytes, headerTimeout, bodyTimeout), routes);
    }
}
