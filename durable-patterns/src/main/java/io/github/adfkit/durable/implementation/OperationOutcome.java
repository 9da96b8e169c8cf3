package io.github.adfkit.durable.implementation;

import com.azure.core.util.BinaryData;
import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.durable.AsyncOperationException;
import io.github.adfkit.durable.AsyncOperationException.Reason;
import io.github.adfkit.durable.models.OperationStatus;

/**
 * Turns a terminal status into the caller's typed result, or into the exception that explains the failure.
 */
public final class OperationOutcome {
    private static final ClientLogger LOGGER = new ClientLogger(OperationOutcome.class);
    private static final int MAX_DETAIL = 500;

    private OperationOutcome() {
    }

    /**
     * @param status a terminal status
     * @param type the result type
     * @param <T> the result type
     * @return the result of a successful operation, or {@code null} when it has none
     * @throws AsyncOperationException if the operation failed, or its result cannot be read as {@code type}
     */
    public static <T> T result(OperationStatus status, Class<T> type) {
        if (!status.getStatus().isSuccess()) {
            throw LOGGER.logExceptionAsError(failure(status));
        }
        try {
            return status.getResult(type);
        } catch (IllegalArgumentException unreadable) {
            throw LOGGER.logExceptionAsError(new AsyncOperationException(Reason.MALFORMED_RESPONSE,
                status.getHttpStatusCode(), status, unreadable.getMessage(), unreadable));
        }
    }

    /**
     * @param status a terminal status that is not a success
     * @return the exception that explains it, with the output (failure details or termination reason) redacted
     */
    public static AsyncOperationException failure(OperationStatus status) {
        BinaryData output = status.getStatusMonitor() != null && status.getStatusMonitor().getError() != null
            ? status.getStatusMonitor().getError() : status.getResult();
        String detail = output == null ? "no details" : Redaction.text(output.toString());
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL) + "...";
        }
        return new AsyncOperationException(Reason.OPERATION_FAILED, status.getHttpStatusCode(), status,
            "The operation at " + Redaction.url(status.getStatusUrl()) + " ended " + status.getStatus() + " (HTTP "
                + status.getHttpStatusCode() + "): " + detail, null);
    }
}
