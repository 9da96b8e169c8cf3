package io.github.adfkit.durable;

import io.github.adfkit.core.AdfkitException;
import io.github.adfkit.durable.models.OperationStatus;

/**
 * An asynchronous operation that did not end with a result: it reported a failure, its status URL is unknown, the
 * server refused a request, it did not finish in time, or the server answered something unreadable. The message says
 * which and what to check; URLs in it are redacted, so it never shows a {@code code=} key.
 */
public final class AsyncOperationException extends AdfkitException {
    private static final long serialVersionUID = 1L;

    /** Why the operation gave no result. */
    public enum Reason {
        /** The operation finished as Failed, Canceled or Terminated; {@link #getLastStatus()} has its output. */
        OPERATION_FAILED,
        /** The status URL answered 404: no such operation (never existed, purged, or a wrong URL or key). */
        NOT_FOUND,
        /** The server refused the start request, a poll or a cancel with a status retrying cannot fix. */
        REJECTED,
        /** The operation did not finish within the timeout; it may still be running. */
        TIMED_OUT,
        /** The server answered something that cannot be read: a body that is not JSON, or no status URL. */
        MALFORMED_RESPONSE,
        /** The start request got no response, so whether the operation started is unknown. */
        NO_RESPONSE
    }

    /** Why the operation did not give a result. */
    private final Reason reason;
    /** The HTTP status that ended it, or {@code null} when there was none. */
    private final Integer httpStatusCode;
    private final transient OperationStatus lastStatus;

    /**
     * @param reason why the operation gave no result
     * @param httpStatusCode the last HTTP status, or {@code null} when there was no response
     * @param lastStatus the last status read, or {@code null}
     * @param message the explanation, with URLs redacted
     * @param cause the underlying failure, or {@code null}
     */
    public AsyncOperationException(Reason reason, Integer httpStatusCode, OperationStatus lastStatus, String message,
        Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.httpStatusCode = httpStatusCode;
        this.lastStatus = lastStatus;
    }

    /**
     * @return why the operation gave no result
     */
    public Reason getReason() {
        return reason;
    }

    /**
     * @return the last HTTP status, or {@code null} when there was no response
     */
    public Integer getHttpStatusCode() {
        return httpStatusCode;
    }

    /**
     * @return the last status read (for {@link Reason#OPERATION_FAILED}, the failed status with its output), or
     *     {@code null}
     */
    public OperationStatus getLastStatus() {
        return lastStatus;
    }
}
