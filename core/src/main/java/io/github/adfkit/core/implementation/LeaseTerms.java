package io.github.adfkit.core.implementation;

import io.github.adfkit.core.SchedulingClock;

import java.time.Duration;
import java.util.Objects;

/**
 * Who holds leases in this process, for how long each is taken, and the clock that renews them.
 *
 * @param owner this host's id, written into every lease it holds
 * @param duration how long a lease lasts without renewal; a host that dies is replaced after at most this long
 * @param clock the clock that tells the time and schedules renewals
 */
public record LeaseTerms(String owner, Duration duration, SchedulingClock clock) {
    /**
     * Checks the values.
     */
    public LeaseTerms {
        Objects.requireNonNull(owner, "'owner' cannot be null.");
        Objects.requireNonNull(clock, "'clock' cannot be null.");
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("A lease duration must be positive.");
        }
    }

    /**
     * @return how often a held lease is renewed: a third of its duration, so two renewals may fail before it ends
     */
    public Duration renewalInterval() {
        return duration.dividedBy(3);
    }
}
