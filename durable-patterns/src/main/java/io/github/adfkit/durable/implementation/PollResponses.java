package io.github.adfkit.durable.implementation;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import io.github.adfkit.durable.models.OperationRuntimeStatus;
import io.github.adfkit.durable.models.OperationStatus;

/**
 * Turns {@link PollStep}s into azure-core {@link PollResponse}s.
 */
final class PollResponses {
    private static final OperationRuntimeStatus UNKNOWN = OperationRuntimeStatus.fromString("Unknown");

    private PollResponses() {
    }

    /**
     * @param polling the operation
     * @return the response to show before any status was read: in progress, state Unknown, HTTP code 0
     */
    static PollResponse<OperationStatus> placeholder(OperationPolling polling) {
        return new PollResponse<>(LongRunningOperationStatus.IN_PROGRESS,
            new OperationStatus(UNKNOWN, 0, polling.statusUrl(), null));
    }

    /**
     * @param step a step that is not a failure
     * @param previous the response before it
     * @return the response for the step's status, or {@code previous} when the step read none (transient error)
     */
    static PollResponse<OperationStatus> from(PollStep step, PollResponse<OperationStatus> previous) {
        OperationStatus status = step.status();
        if (status == null) {
            return previous;
        }
        return new PollResponse<>(status.getStatus().toLongRunningOperationStatus(), status, step.delay());
    }
}
