package io.github.adfkit.core;

import com.azure.core.exception.AzureException;

/**
 * The root of every exception adfkit raises. It is unchecked, like every Azure SDK exception, and its message says
 * what was wrong and what to do about it. Messages never contain a secret: URLs in them are redacted with
 * {@link Redaction}.
 */
public class AdfkitException extends AzureException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what was wrong and what to do about it
     */
    public AdfkitException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the cause.
     *
     * @param message what was wrong and what to do about it
     * @param cause the underlying failure
     */
    public AdfkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
