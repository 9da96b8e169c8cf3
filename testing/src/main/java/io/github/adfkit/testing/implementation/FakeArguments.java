package io.github.adfkit.testing.implementation;

import com.azure.core.util.logging.ClientLogger;

import java.time.Duration;
import java.util.Objects;

/**
 * The argument checks the fakes and the fault proxy share; each logs through the caller's logger.
 */
public final class FakeArguments {
    private FakeArguments() {
    }

    /**
     * Checks a repeat count.
     *
     * @param times the count
     * @param logger the caller's logger
     * @return the count
     * @throws IllegalArgumentException if it is negative
     */
    public static int times(int times, ClientLogger logger) {
        if (times < 0) {
            throw logger.logExceptionAsError(new IllegalArgumentException(
                "'times' cannot be negative, was " + times + "."));
        }
        return times;
    }

    /**
     * Checks a delay.
     *
     * @param delay the delay
     * @param logger the caller's logger
     * @return the delay
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public static Duration positive(Duration delay, ClientLogger logger) {
        Objects.requireNonNull(delay, "'delay' cannot be null.");
        if (delay.isZero() || delay.isNegative()) {
            throw logger.logExceptionAsError(new IllegalArgumentException(
                "The delay must be positive, was " + delay + "."));
        }
        return delay;
    }

    /**
     * Checks an injected error status.
     *
     * @param status the status
     * @param logger the caller's logger
     * @return the status
     * @throws IllegalArgumentException if it is not a 4xx or 5xx
     */
    public static int errorStatus(int status, ClientLogger logger) {
        if (status < 400 || status > 599) {
            throw logger.logExceptionAsError(new IllegalArgumentException(
                "A fault status must be a 4xx or 5xx, was " + status + "."));
        }
        return status;
    }
}
