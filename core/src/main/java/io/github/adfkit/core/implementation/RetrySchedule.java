package io.github.adfkit.core.implementation;

import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.SchedulingClock;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * adfkit's one rule for when the next attempt goes, or whether there is one: the delay the server asked for
 * ({@code Retry-After}, when positive) or else the backoff's delay for the attempt; never more than a number of
 * attempts; and never past a deadline: either the last wait is shortened to end at the deadline
 * ({@link #cappedAt(Instant)}), or an attempt that would start after it is not made ({@link #within(Instant)}).
 *
 * <p>A {@code Retry-After} of zero is read as no hint, so that a server that answers "0" to every poll is not
 * polled in a busy loop. Immutable.</p>
 */
public final class RetrySchedule {
    private final Backoff backoff;
    private final SchedulingClock clock;
    private final int maxAttempts;
    private final Instant deadline;
    private final boolean capAtDeadline;

    private RetrySchedule(Backoff backoff, SchedulingClock clock, int maxAttempts, Instant deadline,
        boolean capAtDeadline) {
        this.backoff = Objects.requireNonNull(backoff, "'backoff' cannot be null.");
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
        this.maxAttempts = maxAttempts;
        this.deadline = deadline;
        this.capAtDeadline = capAtDeadline;
    }

    /**
     * @param backoff the delays when the server gives no hint
     * @param clock the clock deadlines are read on
     * @return a schedule without a limit of attempts or a deadline
     */
    public static RetrySchedule of(Backoff backoff, SchedulingClock clock) {
        return new RetrySchedule(backoff, clock, Integer.MAX_VALUE, null, false);
    }

    /**
     * @param attempts the most attempts, the first included; at least 1
     * @return a copy that allows no attempt after the given number
     */
    public RetrySchedule atMost(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("'attempts' must be at least 1, was " + attempts + ".");
        }
        return new RetrySchedule(backoff, clock, attempts, deadline, capAtDeadline);
    }

    /**
     * @param deadline the instant after which no attempt starts
     * @return a copy that gives up when the next attempt would start after {@code deadline}
     */
    public RetrySchedule within(Instant deadline) {
        return new RetrySchedule(backoff, clock, maxAttempts, Objects.requireNonNull(deadline, "'deadline'"), false);
    }

    /**
     * @param deadline the instant the last wait ends at
     * @return a copy that shortens a wait to end at {@code deadline}, and gives up once it has passed
     */
    public RetrySchedule cappedAt(Instant deadline) {
        return new RetrySchedule(backoff, clock, maxAttempts, Objects.requireNonNull(deadline, "'deadline'"), true);
    }

    /**
     * @param attemptsMade how many attempts were made so far, from 1
     * @param serverHint the delay the server asked for, or {@code null}
     * @return the wait before the next attempt, or empty when there is to be none (the attempts are used up, or
     *     the deadline is reached)
     */
    public Optional<Duration> next(int attemptsMade, Duration serverHint) {
        if (attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        boolean useful = serverHint != null && !serverHint.isZero() && !serverHint.isNegative();
        Duration delay = backoff.delay(Math.max(1, attemptsMade), useful ? serverHint : null);
        if (deadline == null) {
            return Optional.of(delay);
        }
        Instant now = clock.now();
        if (!now.isBefore(deadline)) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, deadline);
        if (delay.compareTo(left) <= 0) {
            return Optional.of(delay);
        }
        return capAtDeadline ? Optional.of(left) : Optional.empty();
    }

    /**
     * @param delay a wait
     * @return the wait, shortened to end at the deadline (zero once it has passed); unchanged without a deadline
     */
    public Duration capped(Duration delay) {
        if (deadline == null) {
            return delay;
        }
        Duration left = Duration.between(clock.now(), deadline);
        Duration capped = delay.compareTo(left) > 0 ? left : delay;
        return capped.isNegative() ? Duration.ZERO : capped;
    }

    /**
     * @return whether the deadline has been reached; {@code false} without one
     */
    public boolean isPastDeadline() {
        return deadline != null && !clock.now().isBefore(deadline);
    }

    /**
     * @return the deadline, or {@code null}
     */
    public Instant deadline() {
        return deadline;
    }
}
