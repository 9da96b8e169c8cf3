package io.github.adfkit.aci.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.CallbackDeliveryException;

/**
 * A callback ADF refused for good. ADF's documentation does not say what its {@code callBackUri} answers once the
 * WebHook activity has timed out or its pipeline run was cancelled; adfkit takes any refusal that retrying cannot
 * fix (a 4xx other than 408 and 429) to mean that the activity no longer waits, records it as such and does not
 * call again.
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
     * @param settings the job
     * @param error the refusal
     * @return the journal value
     */
    static String record(JobSettings settings, Throwable error) {
        int status = ((CallbackDeliveryException) error).getLastStatusCode();
        LOGGER.warning("ADF refused the callback of container job {} with HTTP {}: its WebHook activity has most "
            + "likely timed out or its pipeline run was cancelled. The job is finished and not reported again.",
            settings.ref().displayName(), status);
        return MARK + status;
    }
}
