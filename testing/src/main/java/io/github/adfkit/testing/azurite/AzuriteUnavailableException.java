package io.github.adfkit.testing.azurite;

/**
 * Thrown when Azurite cannot be installed or started: Node.js or npm is missing or too old, {@code npm ci} failed,
 * or the emulator did not come up in time. The message says what to do about it.
 */
public class AzuriteUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and how to fix it
     */
    public AzuriteUnavailableException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and how to fix it
     * @param cause the underlying failure
     */
    public AzuriteUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
