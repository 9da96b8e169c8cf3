package io.github.adfkit.testing.implementation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import java.time.Duration;

/**
 * Error responses in the shape Azure services use: {@code {"error": {"code": "...", "message": "..."}}}.
 */
public final class JsonErrorResponses {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonErrorResponses() {
    }

    /**
     * Builds an error response.
     *
     * @param status the HTTP status
     * @param message the error message
     * @param retryAfter the {@code Retry-After} delay to send, or null for none
     * @return the response definition
     */
    public static ResponseDefinition error(int status, String message, Duration retryAfter) {
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition()
            .withStatus(status)
            .withHeader("Content-Type", "application/json; charset=utf-8")
            .withBody(body(status, message));
        if (retryAfter != null) {
            response.withHeader("Retry-After", Long.toString(retryAfterSeconds(retryAfter)));
        }
        return response.build();
    }

    /**
     * The JSON error body for a status.
     *
     * @param status the HTTP status
     * @param message the error message
     * @return {@code {"error":{"code":"...","message":"..."}}}
     */
    public static String body(int status, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("error").put("code", codeFor(status)).put("message", message);
        return body.toString();
    }

    /**
     * The service error code conventionally sent with a status.
     *
     * @param status the HTTP status
     * @return for example {@code TooManyRequests} for 429
     */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "AuthenticationFailed";
            case 403 -> "AuthorizationFailed";
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            case 415 -> "UnsupportedMediaType";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalServerError";
            case 502 -> "BadGateway";
            case 503 -> "ServiceUnavailable";
            case 504 -> "GatewayTimeout";
            default -> "HttpStatus" + status;
        };
    }

    /**
     * A {@code Retry-After} value in whole seconds, rounded up.
     *
     * @param retryAfter the delay
     * @return the seconds
     */
    public static long retryAfterSeconds(Duration retryAfter) {
        long seconds = retryAfter.getSeconds();
        return retryAfter.getNano() > 0 ? seconds + 1 : seconds;
    }
}
