package io.github.adfkit.durable.models;

import com.azure.core.annotation.Immutable;

import java.time.Instant;
import java.util.Objects;

/**
 * One run of an operation under a {@link ResubmitPolicy}: when it started and finished, its final status, and
 * whether its output was OK.
 */
@Immutable
public final class ResubmitAttempt {
    private final int attempt;
    private final Instant startedAt;
    private final Instant finishedAt;
    private final OperationStatus finalStatus;
    private final boolean ok;

    /**
     * Creates an attempt record; adfkit creates these, tests may create their own.
     *
     * @param attempt the attempt number, from 1
     * @param startedAt when the start request was sent
     * @param finishedAt when the final status was read
     * @param finalStatus the final status
     * @param ok whether the output was OK
     */
    public ResubmitAttempt(int attempt, Instant startedAt, Instant finishedAt, OperationStatus finalStatus,
        boolean ok) {
        this.attempt = attempt;
        this.startedAt = Objects.requireNonNull(startedAt, "'startedAt' cannot be null.");
        this.finishedAt = Objects.requireNonNull(finishedAt, "'finishedAt' cannot be null.");
        this.finalStatus = Objects.requireNonNull(finalStatus, "'finalStatus' cannot be null.");
        this.ok = ok;
    }

    /**
     * @return the attempt number, from 1
     */
    public int getAttempt() {
        return attempt;
    }

    /**
     * @return when the start request was sent
     */
    public Instant getStartedAt() {
        return startedAt;
    }

    /**
     * @return when the final status was read
     */
    public Instant getFinishedAt() {
        return finishedAt;
    }

    /**
     * @return the final status of this run
     */
    public OperationStatus getFinalStatus() {
        return finalStatus;
    }

    /**
     * @return {@code true} if the output was OK, {@code false} if the policy asked for another run
     */
    public boolean isOk() {
        return ok;
    }

    @Override
    public String toString() {
        return "ResubmitAttempt{attempt=" + attempt + ", startedAt=" + startedAt + ", finishedAt=" + finishedAt
            + ", ok=" + ok + ", finalStatus=" + finalStatus + '}';
    }
}
