package io.github.adfkit.aci.implementation;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import io.github.adfkit.aci.models.ContainerJobStatus;

/**
 * Maps a job's status to the poll response azure-core's pollers carry.
 */
public final class PollResponses {
    private PollResponses() {
    }

    /**
     * @param status a job status
     * @return the poll response: in progress while pending or running, then completed, failed or cancelled
     */
    public static PollResponse<ContainerJobStatus> of(ContainerJobStatus status) {
        LongRunningOperationStatus operation = switch (status.getState()) {
            case PENDING, RUNNING -> LongRunningOperationStatus.IN_PROGRESS;
            case SUCCEEDED -> LongRunningOperationStatus.SUCCESSFULLY_COMPLETED;
            case FAILED -> LongRunningOperationStatus.FAILED;
            case CANCELLED -> LongRunningOperationStatus.USER_CANCELLED;
        };
        return new PollResponse<>(operation, status);
    }
}
