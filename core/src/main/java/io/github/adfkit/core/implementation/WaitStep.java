package io.github.adfkit.core.implementation;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * adfkit's one decision after an attempt of anything that waits or retries (a callback delivery, a poll of a
 * container group or of an operation's status URL, a start request, a {@code createRun}): done with a value, failed
 * for good, or again after a delay. {@link WaitLoop} carries the decisions out; the code that makes them never
 * sleeps.
 *
 * @param kind the decision
 * @param value the result when {@link Kind#DONE}; for {@link Kind#AGAIN}, what was learnt meanwhile (such as a
 *     status that is not final yet), or {@code null}
 * @param failure the exception when {@link Kind#FAILED}
 * @param delay the wait before the next attempt when {@link Kind#AGAIN}, otherwise zero
 * @param <T> the type of the result
 */
public record WaitStep<T>(Kind kind, T value, RuntimeException failure, Duration delay) {
    /** The decisions. */
    public enum Kind {
        /** The wait is over and {@code value} is its result. */
        DONE,
        /** The wait is over without a result; {@code failure} says why. */
        FAILED,
        /** Try again after {@code delay}. */
        AGAIN
    }

    /**
     * Checks that the fields fit the kind.
     */
    public WaitStep {
        Objects.requireNonNull(kind, "'kind' cannot be null.");
        Objects.requireNonNull(delay, "'delay' cannot be null.");
        if (kind == Kind.FAILED) {
            Objects.requireNonNull(failure, "'failure' cannot be null for a failed step.");
        }
    }

    /**
     * @param value the result
     * @param <T> the type of the result
     * @return a step that ends the wait with {@code value}
     */
    public static <T> WaitStep<T> done(T value) {
        return new WaitStep<>(Kind.DONE, value, null, Duration.ZERO);
    }

    /**
     * @param failure why the wait ends without a result
     * @param <T> the type of the result
     * @return a step that ends the wait with {@code failure}
     */
    public static <T> WaitStep<T> failed(RuntimeException failure) {
        return new WaitStep<>(Kind.FAILED, null, failure, Duration.ZERO);
    }

    /**
     * @param delay the wait before the next attempt
     * @param <T> the type of the result
     * @return a step that tries again after {@code delay}
     */
    public static <T> WaitStep<T> again(Duration delay) {
        return again(null, delay);
    }

    /**
     * @param progress what the attempt learnt that is not a result yet, or {@code null}
     * @param delay the wait before the next attempt
     * @param <T> the type of the result
     * @return a step that tries again after {@code delay}
     */
    public static <T> WaitStep<T> again(T progress, Duration delay) {
        return new WaitStep<>(Kind.AGAIN, progress, null, delay);
    }

    /**
     * @param mapper turns the value (a result, or progress) into another; not called when there is none
     * @param <U> the new value's type
     * @return the same decision with the value mapped
     */
    public <U> WaitStep<U> map(Function<? super T, ? extends U> mapper) {
        return new WaitStep<>(kind, value == null ? null : mapper.apply(value), failure, delay);
    }

    /**
     * @return whether this step ends the wait, with a result or a failure
     */
    public boolean isOver() {
        return kind != Kind.AGAIN;
    }
}
