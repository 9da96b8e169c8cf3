package io.github.adfkit.durable.server.implementation;

import io.github.adfkit.core.host.PublicUrls;

import java.time.Duration;

/**
 * How {@link OperationEndpoints} answer.
 *
 * @param routePrefix the path before {@code /submit/{kind}} and {@code /status/{id}}, such as {@code /api}
 * @param retryAfter the polling interval suggested to callers
 * @param publicUrls how status URIs are written: from a configured base URL, or relative
 * @param maxBodyBytes the largest submit body accepted
 * @param acceptedWhileRunning whether the status endpoint answers 202 with {@code Location} (instead of 200) while
 * the operation has not finished, for pollers that follow 202 responses (ADF Web activity, Logic Apps)
 */
public record EndpointSettings(String routePrefix, Duration retryAfter, PublicUrls publicUrls,
    int maxBodyBytes, boolean acceptedWhileRunning) {
    /**
     * @return the {@code Retry-After} header value: whole seconds, at least 1
     */
    public String retryAfterSeconds() {
        return Long.toString(Math.max(1, retryAfter.toSeconds()));
    }
}
