package io.github.adfkit.aci.models;

import com.azure.core.annotation.Immutable;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * How a container job ended: its final status, a message a person understands, the events ACI reported (image
 * pull failures, OOM kills), the tail of its logs (read before the group was deleted), and what cleanup did.
 */
@Immutable
public final class ContainerJobResult {
    private final ContainerJobStatus status;
    private final String message;
    private final List<ContainerJobEvent> events;
    private final String logTail;
    private final CleanupOutcome cleanupOutcome;
    private final String cleanupMessage;
    private final List<ContainerJobAttempt> earlierAttempts;

    /**
     * Creates a result; public so that tests and listeners can build one.
     *
     * @param status the final status
     * @param message what happened, in words
     * @param events the events ACI reported
     * @param logTail the last lines of the container's output; empty if none could be read
     * @param cleanupOutcome what cleanup did
     * @param cleanupMessage details when cleanup failed, otherwise {@code null}
     */
    public ContainerJobResult(ContainerJobStatus status, String message, List<ContainerJobEvent> events,
        String logTail, CleanupOutcome cleanupOutcome, String cleanupMessage) {
        this(status, message, events, logTail, cleanupOutcome, cleanupMessage, List.of());
    }

    /**
     * Creates the result of a job that was retried.
     *
     * @param status the final status
     * @param message what happened, in words
     * @param events the events ACI reported during the last attempt
     * @param logTail the last lines of the container's output; empty if none could be read
     * @param cleanupOutcome what cleanup did
     * @param cleanupMessage details when cleanup failed, otherwise {@code null}
     * @param earlierAttempts the attempts before the last one, oldest first
     */
    public ContainerJobResult(ContainerJobStatus status, String message, List<ContainerJobEvent> events,
        String logTail, CleanupOutcome cleanupOutcome, String cleanupMessage,
        List<ContainerJobAttempt> earlierAttempts) {
        this.earlierAttempts = List.copyOf(earlierAttempts);
        this.status = Objects.requireNonNull(status, "'status' cannot be null.");
        this.message = message;
        this.events = List.copyOf(events);
        this.logTail = logTail == null ? "" : logTail;
        this.cleanupOutcome = Objects.requireNonNull(cleanupOutcome, "'cleanupOutcome' cannot be null.");
        this.cleanupMessage = cleanupMessage;
    }

    /**
     * @return every attempt, oldest first; the last one is this result's own (one element if the job was not
     *     retried)
     */
    public List<ContainerJobAttempt> getAttempts() {
        List<ContainerJobAttempt> all = new java.util.ArrayList<>(earlierAttempts);
        all.add(new ContainerJobAttempt(earlierAttempts.size() + 1, status, message, events));
        return List.copyOf(all);
    }

    /**
     * @return the attempts before the last one, oldest first (empty if the job was not retried)
     */
    public List<ContainerJobAttempt> getEarlierAttempts() {
        return earlierAttempts;
    }

    /**
     * @return {@code true} if the container exited with code 0
     */
    public boolean isSucceeded() {
        return status.getState() == ContainerJobState.SUCCEEDED;
    }

    /**
     * @return the final status
     */
    public ContainerJobStatus getStatus() {
        return status;
    }

    /**
     * @return the final state
     */
    public ContainerJobState getState() {
        return status.getState();
    }

    /**
     * @return why the job failed, or {@code null} if it succeeded
     */
    public ContainerJobFailureReason getFailureReason() {
        return status.getFailureReason();
    }

    /**
     * @return the container's exit code, or {@code null} if it never exited (not started, timed out, cancelled)
     */
    public Integer getExitCode() {
        return status.getExitCode();
    }

    /**
     * @return what happened, in words, such as "The container exited with code 3 (Error)."
     */
    public String getMessage() {
        return message;
    }

    /**
     * @return the events ACI reported for the group and its container
     */
    public List<ContainerJobEvent> getEvents() {
        return events;
    }

    /**
     * @return the last lines of the container's output, read before cleanup; empty if none could be read
     */
    public String getLogTail() {
        return logTail;
    }

    /**
     * @return the time from the container's start to its end, or {@code null} if either is unknown
     */
    public Duration getDuration() {
        OffsetDateTime start = status.getStartTime();
        OffsetDateTime finish = status.getFinishTime();
        return start == null || finish == null ? null : Duration.between(start, finish);
    }

    /**
     * @return what cleanup did
     */
    public CleanupOutcome getCleanupOutcome() {
        return cleanupOutcome;
    }

    /**
     * @return why cleanup failed and what to do, or {@code null} when it did not fail
     */
    public String getCleanupMessage() {
        return cleanupMessage;
    }

    @Override
    public String toString() {
        return "ContainerJobResult{" + status + ", cleanup=" + cleanupOutcome + ", message=" + message + '}';
    }
}
