package io.github.adfkit.aci.implementation;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import io.github.adfkit.aci.ContainerJobException;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobStatus;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The synchronous view of a running job. The job is watched by the engine on its scheduler; this poller only reads
 * the latest status and blocks the caller's thread when it asks to wait.
 */
public final class JobSyncPoller implements SyncPoller<ContainerJobStatus, ContainerJobResult> {
    private final JobRun run;

    /**
     * @param run the job
     */
    public JobSyncPoller(JobRun run) {
        this.run = Objects.requireNonNull(run, "'run' cannot be null.");
    }

    @Override
    public PollResponse<ContainerJobStatus> poll() {
        return PollResponses.of(run.status());
    }

    @Override
    public PollResponse<ContainerJobStatus> waitForCompletion() {
        return PollResponses.of(join().getStatus());
    }

    @Override
    public PollResponse<ContainerJobStatus> waitForCompletion(Duration timeout) {
        return PollResponses.of(getFinalResult(timeout).getStatus());
    }

    @Override
    public PollResponse<ContainerJobStatus> waitUntil(LongRunningOperationStatus statusToWaitFor) {
        PollResponse<ContainerJobStatus> current = poll();
        while (!matches(current, statusToWaitFor)) {
            current = PollResponses.of(run.nextStatus(current.getValue()).block());
        }
        return current;
    }

    @Override
    public PollResponse<ContainerJobStatus> waitUntil(Duration timeout, LongRunningOperationStatus statusToWaitFor) {
        long deadline = System.nanoTime() + timeout.toNanos();
        PollResponse<ContainerJobStatus> current = poll();
        while (!matches(current, statusToWaitFor)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return current;
            }
            ContainerJobStatus next = run.nextStatus(current.getValue()).timeout(Duration.ofNanos(left))
                .onErrorResume(TimeoutException.class, late -> Mono.empty()).block();
            if (next == null) {
                return current;
            }
            current = PollResponses.of(next);
        }
        return current;
    }

    @Override
    public ContainerJobResult getFinalResult() {
        return join();
    }

    @Override
    public ContainerJobResult getFinalResult(Duration timeout) {
        try {
            return run.result().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            throw new ContainerJobException("Container job " + run.settings().ref().displayName()
                + " did not end within " + timeout + "; it is still being watched.", late);
        } catch (ExecutionException failed) {
            throw unwrap(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ContainerJobException("Interrupted while waiting for container job "
                + run.settings().ref().displayName() + ".", interrupted);
        }
    }

    /**
     * Asks the job to stop: it reads the logs, stops or deletes the group per the cleanup policy, and ends as
     * cancelled.
     */
    @Override
    public void cancelOperation() {
        run.cancel();
    }

    private ContainerJobResult join() {
        try {
            return run.result().join();
        } catch (CompletionException | CancellationException failed) {
            throw unwrap(failed.getCause() == null ? failed : failed.getCause());
        }
    }

    private static boolean matches(PollResponse<ContainerJobStatus> response, LongRunningOperationStatus wanted) {
        return response.getStatus().equals(wanted) || response.getStatus().isComplete();
    }

    private static RuntimeException unwrap(Throwable cause) {
        return cause instanceof RuntimeException runtime ? runtime
            : new ContainerJobException("Watching the container job failed.", cause);
    }
}
