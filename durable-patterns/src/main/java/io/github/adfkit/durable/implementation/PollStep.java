package io.github.adfkit.durable.implementation;

import io.github.adfkit.durable.AsyncOperationException;
import io.github.adfkit.durable.models.OperationStatus;

import java.time.Duration;

/**
 * What to do after a response of an asynchronous operation.
 *
 * @param kind the decision
 * @param status the status just read; {@code null} after a transient error or a refused start
 * @param failure the failure, for {@link Kind#FAIL}
 * @param delay the wait before the next request, for {@link Kind#POLL} and {@link Kind#RESTART}
 */
public record PollStep(Kind kind, OperationStatus status, AsyncOperationException failure, Duration delay) {
    /** The decisions. */
    public enum Kind {
        /** The operation reached a terminal state; {@code status} says which. */
        DONE,
        /** Give up with {@code failure}. */
        FAIL,
        /** Poll the status URL after {@code delay}. */
        POLL,
        /** Send the start request again after {@code delay} (it was throttled). */
        RESTART
    }

    static PollStep done(OperationStatus status) {
        return new PollStep(Kind.DONE, status, null, Duration.ZERO);
    }

    static PollStep fail(AsyncOperationException failure) {
        return new PollStep(Kind.FAIL, null, failure, Duration.ZERO);
    }

    static PollStep poll(OperationStatus status, Duration delay) {
        return new PollStep(Kind.POLL, status, null, delay);
    }

    static PollStep restart(Duration delay) {
        return new PollStep(Kind.RESTART, null, null, delay);
    }
}
