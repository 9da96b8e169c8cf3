package io.github.adfkit.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next attempt: exponential growth from an initial delay, capped, with random jitter so
 * that many waiters that started together do not poll together. A delay that the server asked for
 * ({@code Retry-After}) always wins over the computed one.
 *
 * <p>Instances are immutable; the {@code with*} methods return a new instance.</p>
 *
 * <pre>{@code
 * Backoff backoff = Backoff.exponential(Duration.ofSeconds(5), Duration.ofMinutes(2)).withJitter(0.2);
 * Duration next = backoff.delay(attempt, retryAfterFromServer);
 * }</pre>
 */
public final class Backoff {
    private static final double DEFAULT_MULTIPLIER = 2.0;
    private static final double DEFAULT_JITTER = 0.2;

    private final Duration initial;
    private final Duration max;
    private final double multiplier;
    private final double jitter;

    private Backoff(Duration initial, Duration max, double multiplier, double jitter) {
        this.initial = initial;
        this.max = max;
        this.multiplier = multiplier;
        this.jitter = jitter;
    }

    /**
     * Exponential backoff that doubles from {@code initial} up to {@code max}, with 20% jitter.
     *
     * @param initial the delay before the second attempt; positive
     * @param max the largest delay; not less than {@code initial}
     * @return the backoff
     * @throws IllegalArgumentException if a delay is not positive or {@code max < initial}
     */
    public static Backoff exponential(Duration initial, Duration max) {
        Objects.requireNonNull(initial, "'initial' cannot be null.");
        Objects.requireNonNull(max, "'max' cannot be null.");
        if (initial.isZero() || initial.isNegative()) {
            throw new IllegalArgumentException("'initial' must be positive, was " + initial + ".");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("'max' (" + max + ") must not be less than 'initial' (" + initial + ").");
        }
        return new Backoff(initial, max, DEFAULT_MULTIPLIER, DEFAULT_JITTER);
    }

    /**
     * A fixed delay, with no growth and no jitter.
     *
     * @param delay the delay between attempts; positive
     * @return the backoff
     */
    public static Backoff fixed(Duration delay) {
        return exponential(delay, delay).withMultiplier(1.0).withJitter(0.0);
    }

    /**
     * Returns a copy with another growth factor.
     *
     * @param multiplier how much each delay grows over the previous one; at least 1
     * @return the new backoff
     */
    public Backoff withMultiplier(double multiplier) {
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("'multiplier' must be at least 1, was " + multiplier + ".");
        }
        return new Backoff(initial, max, multiplier, jitter);
    }

    /**
     * Returns a copy with another jitter: each delay is spread at random over {@code ±fraction} of itself (and still
     * capped at the maximum).
     *
     * @param fraction between 0 (no jitter) and 1
     * @return the new backoff
     */
    public Backoff withJitter(double fraction) {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("'fraction' must be between 0 and 1, was " + fraction + ".");
        }
        return new Backoff(initial, max, multiplier, fraction);
    }

    /**
     * The delay after the given attempt failed or did not finish.
     *
     * @param attempt the number of attempts made so far, from 1
     * @return the delay, between zero and the maximum
     */
    public Duration delay(int attempt) {
        return delay(attempt, ThreadLocalRandom.current()::nextDouble);
    }

    /**
     * The delay after the given attempt, or the server's hint when there is one.
     *
     * @param attempt the number of attempts made so far, from 1
     * @param serverHint the delay the server asked for ({@code Retry-After}); {@code null} when none
     * @return the server's hint if present and not negative, otherwise the computed delay
     */
    public Duration delay(int attempt, Duration serverHint) {
        if (serverHint != null && !serverHint.isNegative()) {
            return serverHint;
        }
        return delay(attempt);
    }

    /**
     * The delay after the given attempt, drawing jitter from {@code random}.
     *
     * @param attempt the number of attempts made so far, from 1
     * @param random a source of numbers in {@code [0, 1)}
     * @return the delay, between zero and the maximum
     */
    public Duration delay(int attempt, DoubleSupplier random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("'attempt' counts from 1, was " + attempt + ".");
        }
        double base = initial.toNanos() * Math.pow(multiplier, attempt - 1);
        double capped = Math.min(base, max.toNanos());
        double spread = capped * jitter * (2 * random.getAsDouble() - 1);
        double nanos = Math.max(0, Math.min(capped + spread, max.toNanos()));
        return Duration.ofNanos((long) nanos);
    }

    /**
     * @return the delay before the second attempt
     */
    public Duration getInitial() {
        return initial;
    }

    /**
     * @return the largest delay this backoff computes
     */
    public Duration getMax() {
        return max;
    }

    @Override
    public String toString() {
        return "Backoff{initial=" + initial + ", max=" + max + ", multiplier=" + multiplier + ", jitter=" + jitter + '}';
    }
}
