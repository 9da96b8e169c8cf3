package io.github.adfkit.core.host;

import java.time.Duration;

/**
 * The limits a {@link HostServer} enforces on its clients.
 *
 * @param workerThreads how many handlers run at once
 * @param maxRequestsInFlight how many requests may run or wait for a worker
 * @param maxConnections how many connections may be open
 * @param maxHeaderBytes the longest request line and headers together
 * @param headerTimeout the time to send the request line and headers
 * @param bodyTimeout the time to send the body, and to take the response
 */
record HostServerLimits(int workerThreads, int maxRequestsInFlight, int maxConnections, int maxHeaderBytes,
    Duration headerTimeout, Duration bodyTimeout) {
}
