package io.github.adfkit.aci.models;

/**
 * Where a container job is in its life.
 */
public enum ContainerJobState {
    /** The group is being created, or the image is being pulled. */
    PENDING(false),
    /** The container is running. */
    RUNNING(false),
    /** The container exited with code 0. */
    SUCCEEDED(true),
    /** The job failed; {@link ContainerJobResult#getFailureReason()} says why. */
    FAILED(true),
    /** The job was cancelled. */
    CANCELLED(true);

    private final boolean terminal;

    ContainerJobState(boolean terminal) {
        this.terminal = terminal;
    }

    /**
     * @return {@code true} once the job has ended
     */
    public boolean isTerminal() {
        return terminal;
    }
}
