package io.github.adfkit.durable.server.implementation;

import java.time.Duration;

/**
 * How {@link OperationEndpoints} answer.
 *
 * @param routePrefix the path before {@code /submit/{kind}} and {@code /status/{id}}, such as {@code /api}
 * @param retryAfter the polling interval suggested to callers
 * @param trustForwardedHeaders whether status URIs follow {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}
 * @param maxBodyBytes the largest submit body accepted
 * @param acceptedWhileRunning whether the status endpoint answers 202 with {@code Location} (instead of 200) while
 * the operation has not finished, for pollers that follow 202 responses (ADF Web activity, Logic Apps)
 */
public record EndpointSettings(String routePrefix, Duration retryAfter, boolean trustForwardedHeaders,
    int maxBodyBytes, boolean acceptedWhileRunning) {
    /**
     * @return the {@code Retry-After} header value: whole seconds, at least 1
     */
    public String retryAfterSeconds() {
        return Long.toString(Math.max(1, retryAfter.toSeconds()));
    }
}
