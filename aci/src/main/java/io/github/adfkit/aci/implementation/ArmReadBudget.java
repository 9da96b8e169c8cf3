package io.github.adfkit.aci.implementation;

import com.azure.core.http.HttpHeaderName;
import io.github.adfkit.core.SchedulingClock;

import java.time.Duration;
import java.time.Instant;

/**
 * How many status reads adfkit may send to ARM now, for one subscription: a token bucket of its own (its share of
 * ARM's refill), a mirror of ARM's bucket corrected by what ARM reports, and the pause a {@code 429} asks for.
 *
 * <p>ARM's model, from "Understand how Azure Resource Manager throttles requests" (Azure Resource Manager
 * documentation, section "Regional throttling and token bucket algorithm"): limits apply per region (no longer per
 * Resource Manager instance), per subscription, per security principal and per operation type, each with a token
 * bucket. Subscription reads have a bucket of {@value #ARM_BUCKET} tokens refilled at {@value #ARM_REFILL_PER_SECOND}
 * tokens per second; every request takes a token, refill tokens are added every second up to the bucket size, and a
 * request that finds the bucket empty gets {@code 429 Too many requests} with {@code Retry-After} (seconds); a
 * request sent before that time has passed is not processed. Read answers carry the tokens left in
 * {@code x-ms-ratelimit-remaining-subscription-reads}.</p>
 *
 * <p>adfkit's own bucket refills {@code readsPerSecond} tokens at each whole second (20 by default, so other tools of
 * the same principal keep a fifth of ARM's refill), and holds no more than one second's worth. A read is allowed
 * only while the mirror of ARM's bucket keeps {@value #RESERVE} tokens in reserve (another client of the same
 * principal spending reads shows as a lower remaining count), and never before a {@code Retry-After} has passed.
 * All methods are thread-safe.</p>
 */
public final class ArmReadBudget {
    /** ARM's bucket of subscription reads, per region, subscription and principal. */
    public static final int ARM_BUCKET = 250;
    /** ARM's refill of subscription reads per second. */
    public static final int ARM_REFILL_PER_SECOND = 25;
    /** ARM's header with the subscription reads left. */
    public static final HttpHeaderName REMAINING_READS =
        HttpHeaderName.fromString("x-ms-ratelimit-remaining-subscription-reads");

    static final int RESERVE = 25;
    private static final int TOO_MANY_REQUESTS = 429;
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final SchedulingClock clock;
    private final int readsPerSecond;
    private int tokens;
    private Instant refilledAt;
    private double armTokens = ARM_BUCKET;
    private Instant armTokensAt;
    private Instant pausedUntil;

    /**
     * @param clock the clock the buckets refill on
     * @param readsPerSecond the reads per second adfkit may spend, at most ARM's refill
     * @throws IllegalArgumentException if {@code readsPerSecond} is not in 1..{@value #ARM_REFILL_PER_SECOND}
     */
    public ArmReadBudget(SchedulingClock clock, int readsPerSecond) {
        if (readsPerSecond < 1 || readsPerSecond > ARM_REFILL_PER_SECOND) {
            throw new IllegalArgumentException("'readsPerSecond' must be between 1 and " + ARM_REFILL_PER_SECOND
                + " (ARM's refill of subscription reads); was " + readsPerSecond + ".");
        }
        this.clock = clock;
        this.readsPerSecond = readsPerSecond;
        this.tokens = readsPerSecond;
        this.refilledAt = clock.now();
        this.armTokensAt = refilledAt;
        this.pausedUntil = refilledAt;
    }

    /**
     * @return the clock the budget refills on
     */
    SchedulingClock clock() {
        return clock;
    }

    /**
     * @param now the current instant
     * @return {@code true} if a read may go now (its token is taken), {@code false} if it must wait until
     *     {@link #nextReadAt(Instant)}
     */
    synchronized boolean tryTake(Instant now) {
        refill(now);
        if (now.isBefore(pausedUntil) || tokens < 1 || armTokens < RESERVE + 1) {
            return false;
        }
        tokens--;
        armTokens--;
        return true;
    }

    /**
     * @param now the current instant
     * @return the earliest instant at which {@link #tryTake(Instant)} can succeed
     */
    synchronized Instant nextReadAt(Instant now) {
        refill(now);
        Instant next = pausedUntil.isAfter(now) ? pausedUntil : now;
        if (tokens < 1) {
            next = later(next, refilledAt.plus(SECOND));
        }
        if (armTokens < RESERVE + 1) {
            long seconds = (long) Math.ceil((RESERVE + 1 - armTokens) / ARM_REFILL_PER_SECOND);
            next = later(next, now.plusSeconds(Math.max(1, seconds)));
        }
        return next;
    }

    /**
     * Takes in what an ARM read answered: the remaining reads it reports, and for a {@code 429} the pause it asks
     * for (every status read of the subscription waits it out).
     *
     * @param response a read's answer
     */
    public void observe(ArmResponse response) {
        Instant now = clock.now();
        String remaining = response.headers().getValue(REMAINING_READS);
        synchronized (this) {
            refill(now);
            if (remaining != null) {
                try {
                    armTokens = Math.min(ARM_BUCKET, Math.max(0, Integer.parseInt(remaining.trim())));
                } catch (NumberFormatException ignored) {
                    // A value ARM does not send; the mirror keeps its own count.
                }
            }
            if (response.status() == TOO_MANY_REQUESTS) {
                Duration retryAfter = response.retryAfter(now);
                pausedUntil = later(pausedUntil, now.plus(retryAfter == null ? SECOND : retryAfter));
                armTokens = 0;
            }
        }
    }

    private void refill(Instant now) {
        long seconds = Duration.between(refilledAt, now).getSeconds();
        if (seconds > 0) {
            tokens = (int) Math.min(readsPerSecond, tokens + seconds * readsPerSecond);
            refilledAt = refilledAt.plusSeconds(seconds);
        }
        double elapsed = Duration.between(armTokensAt, now).toMillis() / 1000.0;
        if (elapsed > 0) {
            armTokens = Math.min(ARM_BUCKET, armTokens + elapsed * ARM_REFILL_PER_SECOND);
            armTokensAt = now;
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
