package io.github.adfkit.pauserestart.implementation;

/**
 * What starting a run came to: a run id, or the reason there is none.
 */
public final class RunOutcome {
    private final String runId;
    private final String failureReason;

    private RunOutcome(String runId, String failureReason) {
        this.runId = runId;
        this.failureReason = failureReason;
    }

    static RunOutcome started(String runId) {
        return new RunOutcome(runId, null);
    }

    static RunOutcome notStarted(String reason) {
        return new RunOutcome(null, reason);
    }

    /**
     * @return whether a run exists
     */
    public boolean isStarted() {
        return runId != null;
    }

    /**
     * @return the run id, or {@code null}
     */
    public String runId() {
        return runId;
    }

    /**
     * @return why no run was started, or {@code null}
     */
    public String failureReason() {
        return failureReason;
    }
}
