package io.github.adfkit.aci.implementation;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import io.github.adfkit.aci.ContainerJobException;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.PollSource;
import io.github.adfkit.core.implementation.SourcePollerFlux;
import io.github.adfkit.core.implementation.SourceSyncPoller;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * A running container job as azure-core's pollers see it, through core's {@link SourceSyncPoller} and
 * {@link SourcePollerFlux}. The job is watched by its watcher in the background; a poller only reads its latest
 * status, and waits for the next status that differs from the one it has seen (so it never misses a change it has
 * not seen). A caller's timeout is measured on the wall clock; cancelling stops the job and cleans up.
 */
public final class JobPollSource implements PollSource<ContainerJobStatus, ContainerJobResult> {
    private final JobRun run;

    /**
     * @param run the job
     */
    public JobPollSource(JobRun run) {
        this.run = Objects.requireNonNull(run, "'run' cannot be null.");
    }

    @Override
    public PollResponse<ContainerJobStatus> first() {
        return response(run.status());
    }

    @Override
    public PollResponse<ContainerJobStatus> poll(PollResponse<ContainerJobStatus> seen) {
        return response(run.status());
    }

    @Override
    public Mono<PollResponse<ContainerJobStatus>> next(PollResponse<ContainerJobStatus> seen) {
        return run.nextStatus(seen.getValue()).map(JobPollSource::response);
    }

    @Override
    public PollResponse<ContainerJobStatus> awaitNext(PollResponse<ContainerJobStatus> seen, Duration maxWait) {
        try {
            return PollSource.super.awaitNext(seen, maxWait);
        } catch (RuntimeException failed) {
            if (Exceptions.unwrap(failed) instanceof InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new ContainerJobException("Interrupted while waiting for container job " + name() + ".",
                    interrupted);
            }
            throw failed;
        }
    }

    @Override
    public Mono<ContainerJobResult> finalResult(PollResponse<ContainerJobStatus> last) {
        return Mono.fromFuture(run.result(), true);
    }

    /**
     * Asks the job to stop: it reads the logs, stops or deletes the group per the cleanup policy, and ends as
     * cancelled.
     */
    @Override
    public void cancel() {
        run.cancel();
    }

    @Override
    public Mono<Void> cancelAsync() {
        return Mono.fromRunnable(run::cancel);
    }

    @Override
    public RuntimeException timedOut(PollResponse<ContainerJobStatus> last, Duration timeout) {
        return new ContainerJobException("Container job " + name() + " did not end within " + timeout
            + "; it is still being watched.", new TimeoutException());
    }

    /**
     * @return the wall clock: the job is watched in the background, and a caller waits for it in real time
     */
    @Override
    public SchedulingClock clock() {
        return SchedulingClock.system();
    }

    private String name() {
        return run.identity().ref().displayName();
    }

    /**
     * @param status a job status
     * @return the poll response: in progress while pending or running, then completed, failed or cancelled
     */
    private static PollResponse<ContainerJobStatus> response(ContainerJobStatus status) {
        LongRunningOperationStatus operation = switch (status.getState()) {
            case PENDING, RUNNING -> LongRunningOperationStatus.IN_PROGRESS;
            case SUCCEEDED -> LongRunningOperationStatus.SUCCESSFULLY_COMPLETED;
            case FAILED -> LongRunningOperationStatus.FAILED;
            case CANCELLED -> LongRunningOperationStatus.USER_CANCELLED;
        };
        return new PollResponse<>(operation, status);
    }
}
