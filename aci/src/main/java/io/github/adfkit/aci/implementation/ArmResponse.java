package io.github.adfkit.aci.implementation;

import com.azure.core.http.HttpHeaders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.core.implementation.RetryAfter;
import io.github.adfkit.core.implementation.TransientStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * One ARM answer: status, headers and the JSON body (a missing node when there was none or it was not JSON).
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the parsed body
 */
public record ArmResponse(int status, HttpHeaders headers, JsonNode body) {
    /**
     * @return {@code true} for a 2xx status
     */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * @return {@code true} for no answer, 408, 429 and 5xx: another attempt may succeed
     */
    public boolean isTransient() {
        return TransientStatus.isTransient(status);
    }

    /**
     * @param now the current instant, for an HTTP-date {@code Retry-After}
     * @return the delay the server asked for, or {@code null}
     */
    public Duration retryAfter(Instant now) {
        return RetryAfter.from(headers, now);
    }

    /**
     * @return ARM's {@code error.code}, or {@code "HttpStatus<n>"} when the body has none
     */
    public String errorCode() {
        String code = body.path("error").path("code").asText("");
        return code.isEmpty() ? "HttpStatus" + status : code;
    }

    /**
     * @return ARM's {@code error.message}, redacted for logs and messages; empty when the body has none
     */
    public String errorMessage() {
        return Redaction.text(body.path("error").path("message").asText(""));
    }

    /**
     * @return {@code code: message} for an error answer
     */
    public String describeError() {
        if (status == NO_RESPONSE) {
            return "no response (the connection failed or timed out)";
        }
        String message = errorMessage();
        return "HTTP " + status + " " + errorCode() + (message.isEmpty() ? "" : ": " + message);
    }

    /** The status of an attempt that got no answer (connection reset, timeout). */
    public static final int NO_RESPONSE = -1;

    /**
     * @return an attempt that got no answer; it counts as transient
     */
    public static ArmResponse noResponse() {
        return withoutBody(NO_RESPONSE, new HttpHeaders());
    }

    /**
     * @param status the HTTP status
     * @param headers the headers
     * @return a response without a body
     */
    public static ArmResponse withoutBody(int status, HttpHeaders headers) {
        return new ArmResponse(status, headers, MissingNode.getInstance());
    }
}
