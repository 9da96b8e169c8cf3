package io.github.adfkit.durable.server;

import io.github.adfkit.core.AdfkitException;

/**
 * Thrown by an {@link OperationWork} to fail the operation with a message the caller may read: the status endpoint
 * shows it as {@code "error"}. Any other exception fails the operation too, but callers then only see an incident
 * id that points into the host log, because exception messages can carry secrets.
 */
public class OperationFailedException extends AdfkitException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message why the operation failed, for the caller
     */
    public OperationFailedException(String message) {
        super(message);
    }

    /**
     * @param message why the operation failed, for the caller
     * @param cause the underlying failure, logged but not shown
     */
    public OperationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
