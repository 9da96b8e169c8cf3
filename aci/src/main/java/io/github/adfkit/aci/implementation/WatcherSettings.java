package io.github.adfkit.aci.implementation;

import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.SealingKeys;

import java.time.Duration;
import java.util.Objects;

/**
 * How a watcher watches its jobs ({@link WatchedJobs}): the subscription their groups are in, its clock, how it
 * spaces retries, and, for the store, how long a lease lasts (the store's lease terms say who this host is).
 *
 * @param subscriptionId the subscription id
 * @param clock the clock every wait goes through
 * @param retryBackoff the delays between retries of a transient ARM answer (a {@code Retry-After} wins)
 * @param leaseDuration how long a host's claim on a stored job lasts without renewal
 * @param sealingKeys the keys that seal each job's {@code callBackUri} before it is recorded, and open it to call back
 */
public record WatcherSettings(String subscriptionId, SchedulingClock clock, Backoff retryBackoff,
    Duration leaseDuration, SealingKeys sealingKeys) {
    /**
     * Checks that nothing is null.
     */
    public WatcherSettings {
        Objects.requireNonNull(subscriptionId, "'subscriptionId' cannot be null.");
        Objects.requireNonNull(clock, "'clock' cannot be null.");
        Objects.requireNonNull(retryBackoff, "'retryBackoff' cannot be null.");
        Objects.requireNonNull(leaseDuration, "'leaseDuration' cannot be null.");
        Objects.requireNonNull(sealingKeys, "'sealingKeys' cannot be null.");
    }
}
