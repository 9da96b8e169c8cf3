package io.github.adfkit.core.implementation;

import com.azure.core.util.logging.ClientLogger;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * adfkit's one {@link SyncPoller}: it reads a {@link PollSource} on the caller's thread, measuring timeouts on the
 * source's clock. A wait that ends in failure throws the source's exception; a caller's timeout that passes throws
 * {@link PollSource#timedOut} from {@code waitForCompletion} and {@code getFinalResult}, and returns the latest
 * response from {@code waitUntil}, as azure-core's pollers do. Thread-safe: one caller waits at a time.
 *
 * @param <S> the type of the poll responses' values
 * @param <R> the type of the final result
 */
public final class SourceSyncPoller<S, R> implements SyncPoller<S, R> {
    private static final ClientLogger LOGGER = new ClientLogger(SourceSyncPoller.class);

    private final PollSource<S, R> source;
    private PollResponse<S> latest;

    /**
     * @param source the wait
     */
    public SourceSyncPoller(PollSource<S, R> source) {
        this.source = Objects.requireNonNull(source, "'source' cannot be null.");
        this.latest = source.first();
    }

    @Override
    public synchronized PollResponse<S> poll() {
        if (!latest.getStatus().isComplete()) {
            latest = source.poll(latest);
        }
        return latest;
    }

    @Override
    public PollResponse<S> waitForCompletion() {
        return waitUntilComplete(null);
    }

    @Override
    public PollResponse<S> waitForCompletion(Duration timeout) {
        return waitUntilComplete(checkTimeout(timeout));
    }

    @Override
    public PollResponse<S> waitUntil(LongRunningOperationStatus statusToWaitFor) {
        return waitUntil(null, statusToWaitFor);
    }

    @Override
    public synchronized PollResponse<S> waitUntil(Duration timeout, LongRunningOperationStatus statusToWaitFor) {
        Objects.requireNonNull(statusToWaitFor, "'statusToWaitFor' cannot be null.");
        Instant until = timeout == null ? null : source.clock().now().plus(checkTimeout(timeout));
        while (!latest.getStatus().equals(statusToWaitFor) && !latest.getStatus().isComplete()) {
            if (!advance(until)) {
                return latest;
            }
        }
        return latest;
    }

    @Override
    public R getFinalResult() {
        return source.finalResult(waitForCompletion()).block();
    }

    @Override
    public R getFinalResult(Duration timeout) {
        return source.finalResult(waitForCompletion(timeout)).block();
    }

    @Override
    public void cancelOperation() {
        source.cancel();
    }

    private synchronized PollResponse<S> waitUntilComplete(Duration timeout) {
        Instant until = timeout == null ? null : source.clock().now().plus(timeout);
        while (!latest.getStatus().isComplete()) {
            if (!advance(until)) {
                throw LOGGER.logExceptionAsError(source.timedOut(latest, timeout));
            }
        }
        return latest;
    }

    /**
     * Waits for the next response, but not past {@code until}.
     *
     * @return {@code false} if {@code until} came first
     */
    private boolean advance(Instant until) {
        Duration left = until == null ? null : Duration.between(source.clock().now(), until);
        if (left != null && (left.isNegative() || left.isZero())) {
            return false;
        }
        PollResponse<S> next = source.awaitNext(latest, left);
        if (next == null) {
            return false;
        }
        latest = next;
        return true;
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
