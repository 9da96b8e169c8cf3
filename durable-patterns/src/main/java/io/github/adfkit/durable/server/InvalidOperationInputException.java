package io.github.adfkit.durable.server;

import io.github.adfkit.core.AdfkitException;

/**
 * Thrown by an {@link OperationValidator} when the submitted parameters are wrong. The server answers 400 with
 * {@code {"error": "<message>"}} and stores nothing, so the message is written for the caller: say what is wrong
 * ("Invalid date range."), never include a secret.
 */
public class InvalidOperationInputException extends AdfkitException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong with the input, for the caller
     */
    public InvalidOperationInputException(String message) {
        super(message);
    }
}
