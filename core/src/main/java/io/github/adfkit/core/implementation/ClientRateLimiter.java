package io.github.adfkit.core.implementation;

import io.github.adfkit.core.SchedulingClock;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address: up to {@code attempts} requests at once, refilled at {@code attempts} per
 * {@code period}. Memory stays bounded: when many addresses are tracked, the ones whose bucket is full again (idle
 * clients) are forgotten.
 */
public final class ClientRateLimiter {
    private static final int MAX_TRACKED_CLIENTS = 10_000;

    private final int attempts;
    private final Duration period;
    private final SchedulingClock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param attempts how many attempts a client may make in a burst and per period; positive
     * @param period the refill period; positive
     * @param clock the time source
     */
    public ClientRateLimiter(int attempts, Duration period, SchedulingClock clock) {
        this.attempts = attempts;
        this.period = period;
        this.clock = clock;
    }

    /**
     * Takes one attempt from the client's bucket.
     *
     * @param client the client's address
     * @return zero if the attempt is allowed, otherwise how long until the next one is
     */
    public Duration tryAcquire(String client) {
        Instant now = clock.now();
        if (buckets.size() > MAX_TRACKED_CLIENTS) {
            buckets.values().removeIf(bucket -> bucket.isFullAt(now));
        }
        return buckets.computeIfAbsent(client, key -> new Bucket(now)).take(now);
    }

    /**
     * How long the client must wait before its next attempt, without taking one.
     *
     * @param client the client's address
     * @return zero if an attempt would be allowed now
     */
    public Duration waitBefore(String client) {
        Bucket bucket = buckets.get(client);
        return bucket == null ? Duration.ZERO : bucket.waitAt(clock.now());
    }

    private final class Bucket {
        private double available = attempts;
        private Instant refilledAt;

        private Bucket(Instant now) {
            this.refilledAt = now;
        }

        synchronized Duration take(Instant now) {
            refill(now);
            Duration wait = waitAt(now);
            if (wait.isZero()) {
                available -= 1.0;
            }
            return wait;
        }

        synchronized Duration waitAt(Instant now) {
            refill(now);
            return available >= 1.0 ? Duration.ZERO
                : Duration.ofNanos((long) Math.ceil((1.0 - available) * period.toNanos() / attempts));
        }

        synchronized boolean isFullAt(Instant now) {
            refill(now);
            return available >= attempts;
        }

        private void refill(Instant now) {
            if (now.isAfter(refilledAt)) {
                double earned = (double) Duration.between(refilledAt, now).toNanos() * attempts / period.toNanos();
                available = Math.min(attempts, available + earned);
                refilledAt = now;
            }
        }
    }
}
