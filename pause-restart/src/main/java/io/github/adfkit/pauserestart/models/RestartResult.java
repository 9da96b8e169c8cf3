package io.github.adfkit.pauserestart.models;

import com.azure.core.annotation.Immutable;

import java.time.Instant;
import java.util.Objects;

/**
 * What a restart did (or, from a preview, would do): the status, and what is known about the pause. Fields that do
 * not apply to the status are {@code null}: an unknown token has no pause id, only a started or used pause has a
 * run id.
 */
@Immutable
public final class RestartResult {
    private final RestartStatus status;
    private final String pauseId;
    private final PipelineTarget target;
    private final Instant expiresAt;
    private final Instant usedAt;
    private final String runId;
    private final String failureReason;

    /**
     * Creates a result; {@code PauseRestartClient} is where results come from.
     *
     * @param status what happened
     * @param pauseId the pause id, or {@code null} when the token is unknown or malformed
     * @param target the pipeline, or {@code null} when the token is unknown or malformed
     * @param expiresAt when the link expires, or {@code null} when the token is unknown or malformed
     * @param usedAt when the token was used (or claimed by a restart under way), or {@code null}
     * @param runId the Data Factory run id, or {@code null} when no run is known
     * @param failureReason why Data Factory did not start the pipeline, or {@code null}
     */
    public RestartResult(RestartStatus status, String pauseId, PipelineTarget target, Instant expiresAt,
        Instant usedAt, String runId, String failureReason) {
        this.status = Objects.requireNonNull(status, "'status' cannot be null.");
        this.pauseId = pauseId;
        this.target = target;
        this.expiresAt = expiresAt;
        this.usedAt = usedAt;
        this.runId = runId;
        this.failureReason = failureReason;
    }

    /**
     * @return what happened
     */
    public RestartStatus getStatus() {
        return status;
    }

    /**
     * @return whether this restart started the pipeline
     */
    public boolean isStarted() {
        return status == RestartStatus.STARTED;
    }

    /**
     * @return the pause id, or {@code null} when the token is unknown or malformed
     */
    public String getPauseId() {
        return pauseId;
    }

    /**
     * @return the pipeline the token resumes, or {@code null} when the token is unknown or malformed
     */
    public PipelineTarget getTarget() {
        return target;
    }

    /**
     * @return when the link expires, or {@code null} when the token is unknown or malformed
     */
    public Instant getExpiresAt() {
        return expiresAt;
    }

    /**
     * @return when the token was used or claimed, or {@code null}
     */
    public Instant getUsedAt() {
        return usedAt;
    }

    /**
     * @return the Data Factory run id, or {@code null}
     */
    public String getRunId() {
        return runId;
    }

    /**
     * @return why Data Factory did not start the pipeline ({@link RestartStatus#NOT_STARTED}), or {@code null}
     */
    public String getFailureReason() {
        return failureReason;
    }

    @Override
    public String toString() {
        return "RestartResult{" + status + (pauseId == null ? "" : ", pauseId=" + pauseId)
            + (runId == null ? "" : ", runId=" + runId) + '}';
    }
}
