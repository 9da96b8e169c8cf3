package io.github.adfkit.durable.implementation;

import com.azure.core.util.Context;
import com.azure.core.util.logging.ClientLogger;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.ClockDelays;
import io.github.adfkit.core.implementation.PollSource;
import io.github.adfkit.core.implementation.SourcePollerFlux;
import io.github.adfkit.core.implementation.SourceSyncPoller;
import io.github.adfkit.core.implementation.WaitStep;
import io.github.adfkit.durable.AsyncOperationException;
import io.github.adfkit.durable.AsyncOperationException.Reason;
import io.github.adfkit.durable.models.OperationRuntimeStatus;
import io.github.adfkit.durable.models.OperationStatus;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * One asynchronous operation as azure-core's pollers see it, for core's {@link SourceSyncPoller} and
 * {@link SourcePollerFlux}: each poll is one request whose answer {@link OperationPolling} decides, and the wait
 * before it is the delay of the last decision (the server's {@code Retry-After} or the backoff), slept or scheduled
 * on the clock, so that with a manual clock hours of polling take no time.
 *
 * @param <T> the result type
 */
public final class OperationPollSource<T> implements PollSource<OperationStatus, T> {
    private static final ClientLogger LOGGER = new ClientLogger(OperationPollSource.class);
    private static final OperationRuntimeStatus UNKNOWN = OperationRuntimeStatus.fromString("Unknown");

    private final OperationRequests requests;
    private final OperationPolling polling;
    private final Class<T> resultType;
    private final Context context;
    private final PollResponse<OperationStatus> first;

    /**
     * @param requests sends the polls and the cancel
     * @param polling the operation
     * @param firstStep the decision after the start request or the first poll
     * @param resultType the result type
     * @param context the pipeline context of the blocking requests
     * @throws AsyncOperationException if {@code firstStep} is a failure
     */
    public OperationPollSource(OperationRequests requests, OperationPolling polling,
        WaitStep<OperationStatus> firstStep, Class<T> resultType, Context context) {
        this.requests = requests;
        this.polling = polling;
        this.resultType = resultType;
        this.context = context;
        this.first = response(firstStep, new PollResponse<>(LongRunningOperationStatus.IN_PROGRESS,
            new OperationStatus(UNKNOWN, 0, polling.statusUrl(), null)));
    }

    @Override
    public PollResponse<OperationStatus> first() {
        return first;
    }

    @Override
    public PollResponse<OperationStatus> poll(PollResponse<OperationStatus> seen) {
        return response(requests.pollSync(polling, context), seen);
    }

    @Override
    public Mono<PollResponse<OperationStatus>> next(PollResponse<OperationStatus> seen) {
        return ClockDelays.delay(requests.clock(), polling.nextDelay()).then(requests.pollAsync(polling))
            .map(step -> response(step, seen));
    }

    /**
     * Sleeps on the clock until the next poll is due and polls; or, when {@code maxWait} ends first, sleeps that long
     * and polls not.
     */
    @Override
    public PollResponse<OperationStatus> awaitNext(PollResponse<OperationStatus> seen, Duration maxWait) {
        Duration delay = polling.nextDelay();
        if (maxWait != null && maxWait.compareTo(delay) < 0) {
            requests.sleep(maxWait);
            return null;
        }
        requests.sleep(delay);
        return poll(seen);
    }

    @Override
    public Mono<T> finalResult(PollResponse<OperationStatus> last) {
        return Mono.fromCallable(() -> OperationOutcome.result(last.getValue(), resultType));
    }

    @Override
    public void cancel() {
        requests.cancelSync(polling, context);
    }

    @Override
    public Mono<Void> cancelAsync() {
        return requests.cancelAsync(polling);
    }

    @Override
    public RuntimeException timedOut(PollResponse<OperationStatus> last, Duration timeout) {
        OperationStatus status = last.getValue();
        return new AsyncOperationException(Reason.TIMED_OUT, status.getHttpStatusCode(), status, "Stopped waiting "
            + "after " + timeout + "; the operation is still " + status.getStatus() + ". It was not cancelled: wait "
            + "again with this poller, or cancel it.", null);
    }

    @Override
    public SchedulingClock clock() {
        return requests.clock();
    }

    /**
     * @param step a decision
     * @param previous the response before it
     * @return the response for the status the step read, or {@code previous} when it read none (a transient error)
     * @throws AsyncOperationException if the step is a failure
     */
    private static PollResponse<OperationStatus> response(WaitStep<OperationStatus> step,
        PollResponse<OperationStatus> previous) {
        if (step.kind() == WaitStep.Kind.FAILED) {
            throw LOGGER.logExceptionAsError(step.failure());
        }
        OperationStatus status = step.value();
        if (status == null) {
            return previous;
        }
        return new PollResponse<>(status.getStatus().toLongRunningOperationStatus(), status, step.delay());
    }
}
