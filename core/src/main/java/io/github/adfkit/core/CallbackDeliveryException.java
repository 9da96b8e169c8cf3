package io.github.adfkit.core;

/**
 * A callback that could not be delivered: ADF refused it (a 4xx other than 408 and 429, which are retried), or it
 * kept failing until the deadline passed. The message says which, with the last status, the number of attempts and
 * what to check; it never contains the {@code callBackUri}'s secret.
 */
public final class CallbackDeliveryException extends AdfkitException {
    private static final long serialVersionUID = 1L;

    /** Why the delivery ended. */
    public enum Reason {
        /** ADF answered a status that retrying cannot fix (400, 401, 403, 404, 415, ...). */
        REJECTED,
        /** Every attempt failed with a transient error until the deadline. */
        DEADLINE_EXCEEDED
    }

    /** Why the delivery ended. */
    private final Reason reason;
    /** The last HTTP status, or {@code null} if the last attempt got no response. */
    private final Integer lastStatusCode;
    /** How many attempts were made. */
    private final int attempts;

    /**
     * @param reason why the delivery ended
     * @param lastStatusCode the last HTTP status, or {@code null} if the last attempt got no response
     * @param attempts how many attempts were made
     * @param message the explanation
     * @param cause the last I/O failure, or {@code null}
     */
    public CallbackDeliveryException(Reason reason, Integer lastStatusCode, int attempts, String message,
        Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.lastStatusCode = lastStatusCode;
        this.attempts = attempts;
    }

    /**
     * @return why the delivery ended
     */
    public Reason getReason() {
        return reason;
    }

    /**
     * @return the last HTTP status, or {@code null} if the last attempt got no response
     */
    public Integer getLastStatusCode() {
        return lastStatusCode;
    }

    /**
     * @return how many attempts were made
     */
    public int getAttempts() {
        return attempts;
    }
}
