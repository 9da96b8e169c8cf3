package io.github.adfkit.durable.implementation;

import com.azure.core.util.Context;
import com.azure.core.util.logging.ClientLogger;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import io.github.adfkit.durable.AsyncOperationException;
import io.github.adfkit.durable.AsyncOperationException.Reason;
import io.github.adfkit.durable.models.OperationStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link SyncPoller} that drives an {@link OperationPolling} on the calling thread and waits with the clock's
 * {@code sleep}, so that with a manual clock hours of polling take no time. Its delays come from the server's
 * {@code Retry-After} or the backoff; {@link #setPollInterval(Duration)} is not used.
 *
 * @param <T> the result type
 */
public final class ClockSyncPoller<T> implements SyncPoller<OperationStatus, T> {
    private static final ClientLogger LOGGER = new ClientLogger(ClockSyncPoller.class);

    private final OperationEngine engine;
    private final OperationPolling polling;
    private final Class<T> resultType;
    private final Context context;
    private PollResponse<OperationStatus> latest;

    /**
     * @param engine sends and waits
     * @param polling the operation
     * @param first the step after the start request or the first poll
     * @param resultType the result type
     * @param context the pipeline context
     * @throws AsyncOperationException if {@code first} is a failure
     */
    public ClockSyncPoller(OperationEngine engine, OperationPolling polling, PollStep first, Class<T> resultType,
        Context context) {
        this.engine = engine;
        this.polling = polling;
        this.resultType = resultType;
        this.context = context;
        this.latest = PollResponses.placeholder(polling);
        apply(first);
    }

    @Override
    public synchronized PollResponse<OperationStatus> poll() {
        if (!latest.getStatus().isComplete()) {
            apply(engine.pollSync(polling, context));
        }
        return latest;
    }

    @Override
    public PollResponse<OperationStatus> waitForCompletion() {
        return waitUntilComplete(null);
    }

    @Override
    public PollResponse<OperationStatus> waitForCompletion(Duration timeout) {
        return waitUntilComplete(checkTimeout(timeout));
    }

    @Override
    public PollResponse<OperationStatus> waitUntil(LongRunningOperationStatus status) {
        return waitUntil(null, status);
    }

    @Override
    public synchronized PollResponse<OperationStatus> waitUntil(Duration timeout, LongRunningOperationStatus status) {
        Objects.requireNonNull(status, "'status' cannot be null.");
        Instant until = timeout == null ? null : engine.clock().now().plus(checkTimeout(timeout));
        while (!latest.getStatus().equals(status) && !latest.getStatus().isComplete()) {
            if (!waitAndPoll(until)) {
                return latest;
            }
        }
        return latest;
    }

    @Override
    public T getFinalResult() {
        return OperationOutcome.result(waitForCompletion().getValue(), resultType);
    }

    @Override
    public T getFinalResult(Duration timeout) {
        return OperationOutcome.result(waitForCompletion(timeout).getValue(), resultType);
    }

    @Override
    public void cancelOperation() {
        engine.cancelSync(polling, context);
    }

    private synchronized PollResponse<OperationStatus> waitUntilComplete(Duration timeout) {
        Instant until = timeout == null ? null : engine.clock().now().plus(timeout);
        while (!latest.getStatus().isComplete()) {
            if (!waitAndPoll(until)) {
                throw LOGGER.logExceptionAsError(new AsyncOperationException(Reason.TIMED_OUT,
                    latest.getValue().getHttpStatusCode(), latest.getValue(), "Stopped waiting after " + timeout
                        + "; the operation is still " + latest.getValue().getStatus() + ". It was not cancelled: wait "
                        + "again with this poller, or cancel it.", null));
            }
        }
        return latest;
    }

    /**
     * Sleeps until the next poll (or until {@code until}, if earlier) and polls.
     *
     * @return {@code false} if {@code until} passed before the next poll was due
     */
    private boolean waitAndPoll(Instant until) {
        Duration delay = polling.nextDelay();
        if (until != null) {
            Duration left = Duration.between(engine.clock().now(), until);
            if (left.compareTo(delay) < 0) {
                engine.sleep(left.isNegative() ? Duration.ZERO : left);
                return false;
            }
        }
        engine.sleep(delay);
        apply(engine.pollSync(polling, context));
        return true;
    }

    private void apply(PollStep step) {
        if (step.kind() == PollStep.Kind.FAIL) {
            throw LOGGER.logExceptionAsError(step.failure());
        }
        latest = PollResponses.from(step, latest);
    }

    private static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "'timeout' cannot be null.");
        if (timeout.isNegative() || timeout.isZero()) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("'timeout' must be positive, was "
                + timeout + "."));
        }
        return timeout;
    }
}
