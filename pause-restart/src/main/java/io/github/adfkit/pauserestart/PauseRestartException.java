package io.github.adfkit.pauserestart;

import io.github.adfkit.core.AdfkitException;

/**
 * Table storage could not be read or written while pausing or restarting, so nothing was decided: the caller can
 * try again. A refused restart (unknown, expired or used token, Data Factory refusing the run) is not an exception
 * but a {@link io.github.adfkit.pauserestart.models.RestartResult}.
 */
public class PauseRestartException extends AdfkitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do about it
     * @param cause the storage failure
     */
    public PauseRestartException(String message, Throwable cause) {
        super(message, cause);
    }
}
