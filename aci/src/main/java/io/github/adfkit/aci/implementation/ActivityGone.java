package io.github.adfkit.aci.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.core.CallbackDeliveryException;

/**
 * A callback ADF refused for good. ADF's documentation does not say what its {@code callBackUri} answers once the
 * WebHook activity has timed out or its pipeline run was cancelled; adfkit takes any refusal that retrying cannot
 * fix (a 4xx other than 408 and 429) to mean that the activity no longer waits, records it as such in the job's
 * journal, does not call again, and ends the job {@link ContainerJobState#CANCELLED} with
 * {@link ContainerJobFailureReason#PIPELINE_ENDED}: the container's own outcome reached nobody.
 */
final class ActivityGone {
    private static final ClientLogger LOGGER = new ClientLogger(ActivityGone.class);
    /** The journal value's prefix. */
    static final String MARK = "ACTIVITY_GONE: HTTP ";

    private ActivityGone() {
    }

    /**
     * @param error why a callback was not delivered
     * @return whether ADF refused it for good
     */
    static boolean matches(Throwable error) {
        return error instanceof CallbackDeliveryException refused
            && refused.getReason() == CallbackDeliveryException.Reason.REJECTED
            && refused.getLastStatusCode() != null;
    }

    /**
     * @param job the job
     * @param error the refusal
     * @return the journal value
     */
    static String record(JobIdentity job, Throwable error) {
        int status = ((CallbackDeliveryException) error).getLastStatusCode();
        LOGGER.warning("ADF refused the callback of container job {} with HTTP {}: its WebHook activity has most "
            + "likely timed out or its pipeline run was cancelled. The job ends cancelled and is not reported again.",
            job.ref().displayName(), status);
        return MARK + status;
    }

    /**
     * @param finished the job's outcome as the container ended
     * @param callback the journal value of the job's callback step, or {@code null}
     * @return the job's result: {@code finished}, or, if ADF refused the callback for good, the job cancelled
     *     because its pipeline no longer waits, with the container's outcome in the message
     */
    static ContainerJobResult resultOf(ContainerJobResult finished, String callback) {
        if (callback == null || !callback.startsWith(MARK)) {
            return finished;
        }
        ContainerJobStatus ended = finished.getStatus();
        ContainerJobStatus cancelled = new ContainerJobStatus(ended.getResourceGroup(), ended.getGroupName(),
            ContainerJobState.CANCELLED, ContainerJobFailureReason.PIPELINE_ENDED, ended.getExitCode(),
            ended.getDetailStatus(), ended.getStartTime(), ended.getFinishTime());
        String outcome = ended.getFailureReason() == null ? ended.getState().name()
            : ended.getState() + " (" + ended.getFailureReason().getCode() + ")";
        String message = "ADF refused the callback with HTTP " + callback.substring(MARK.length()) + ": its WebHook "
            + "activity no longer waits for this job (it timed out, its pipeline run ended, or an earlier call "
            + "completed it). The container's outcome, not reported to ADF: " + outcome + "."
            + (finished.getMessage() == null ? "" : " " + finished.getMessage());
        return new ContainerJobResult(cancelled, message, finished.getEvents(), finished.getLogTail(),
            finished.getCleanupOutcome(), finished.getCleanupMessage(), finished.getEarlierAttempts());
    }
}
