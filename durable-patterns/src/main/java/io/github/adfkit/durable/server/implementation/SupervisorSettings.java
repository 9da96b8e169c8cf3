package io.github.adfkit.durable.server.implementation;

import java.time.Duration;

/**
 * How an {@link OperationSupervisor} holds and keeps operations.
 *
 * @param hostId this host's id, stored as the owner of the operations it runs
 * @param leaseDuration how long an operation's lease lasts without renewal (renewals happen every third of it); the
 * store is swept for expired leases once per lease duration, so a dead host's operations are noticed one to two lease
 * durations after its last renewal
 * @param retention how long finished operations and Idempotency-Key claims are kept
 */
public record SupervisorSettings(String hostId, Duration leaseDuration, Duration retention) {
    private static final Duration MAX_PURGE_INTERVAL = Duration.ofMinutes(5);

    /**
     * @return how often leases are renewed
     */
    public Duration tickInterval() {
        return leaseDuration.dividedBy(3);
    }

    /**
     * @return how often records past their retention are deleted
     */
    public Duration purgeInterval() {
        return retention.compareTo(MAX_PURGE_INTERVAL) < 0 ? retention : MAX_PURGE_INTERVAL;
    }
}
