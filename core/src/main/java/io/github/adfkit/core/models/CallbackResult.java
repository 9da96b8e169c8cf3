package io.github.adfkit.core.models;

import com.azure.core.annotation.Immutable;

import java.time.Duration;

/**
 * How a callback was delivered: the HTTP status ADF answered, after how many attempts, and how long it took.
 */
@Immutable
public final class CallbackResult {
    private final int statusCode;
    private final int attempts;
    private final Duration elapsed;
    private final String redactedCallbackUri;

    /**
     * @param statusCode the HTTP status of the successful attempt
     * @param attempts how many attempts were made, from 1
     * @param elapsed the time from the first attempt to the answer
     * @param redactedCallbackUri the callback URI with its secrets redacted
     */
    public CallbackResult(int statusCode, int attempts, Duration elapsed, String redactedCallbackUri) {
        this.statusCode = statusCode;
        this.attempts = attempts;
        this.elapsed = elapsed;
        this.redactedCallbackUri = redactedCallbackUri;
    }

    /**
     * @return the HTTP status ADF answered (2xx)
     */
    public int getStatusCode() {
        return statusCode;
    }

    /**
     * @return how many attempts were made
     */
    public int getAttempts() {
        return attempts;
    }

    /**
     * @return the time from the first attempt to the answer
     */
    public Duration getElapsed() {
        return elapsed;
    }

    /**
     * @return the callback URI with its secrets redacted
     */
    public String getRedactedCallbackUri() {
        return redactedCallbackUri;
    }

    @Override
    public String toString() {
        return "CallbackResult{status=" + statusCode + ", attempts=" + attempts + ", elapsed=" + elapsed
            + ", uri=" + redactedCallbackUri + '}';
    }
}
