package io.github.adfkit.durable.server.implementation;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where an operation is in its life, as the status endpoint reports it ({@code "status": "Running"}). The names are
 * those of Durable Functions' {@code runtimeStatus} (without ContinuedAsNew and Suspended, which need orchestration
 * history), plus {@link #CONFLICT} for a single-flight operation that was refused because another one with the same
 * key was running.
 */
public enum OperationState {
    /** Accepted, not started yet (waiting for an executor thread or for its single-flight turn). */
    PENDING("Pending", false),
    /** The work is running on some host. */
    RUNNING("Running", false),
    /** The work finished; {@code result} holds what it returned. */
    COMPLETED("Completed", true),
    /** The work failed, or the host that ran it died; {@code error} says why. */
    FAILED("Failed", true),
    /** A caller cancelled the operation with {@code DELETE} on its status URI. */
    CANCELED("Canceled", true),
    /** The host shut down while the operation was pending or running. */
    TERMINATED("Terminated", true),
    /** A single-flight operation that was refused because another one with the same key was running. */
    CONFLICT("Conflict", true);

    private final String wireName;
    private final boolean terminal;

    OperationState(String wireName, boolean terminal) {
        this.wireName = wireName;
        this.terminal = terminal;
    }

    /**
     * Finds a status by its wire name, such as {@code "Running"}.
     *
     * @param wireName the name as it appears in the status body
     * @return the status, or empty if no status has that name
     */
    public static Optional<OperationState> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(status -> status.wireName.equals(wireName)).findFirst();
    }

    /**
     * Whether the operation has finished for good: its status will not change any more.
     *
     * @return {@code true} for Completed, Failed, Canceled, Terminated and Conflict
     */
    public boolean isTerminal() {
        return terminal;
    }

    /**
     * The name in the status body.
     *
     * @return the wire name, such as {@code "Completed"}
     */
    @Override
    public String toString() {
        return wireName;
    }
}
