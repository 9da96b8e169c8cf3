package io.github.adfkit.core.host;

import com.azure.core.annotation.Immutable;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.adfkit.core.implementation.Json;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP response from a {@link HostHandler}: status, headers and body bytes.
 *
 * <pre>{@code
 * return HostResponse.error(400, "Empty start date.");          // {"error": "Empty start date."}
 * return HostResponse.json(202, Map.of("id", id)).withHeader("Retry-After", "5");
 * }</pre>
 */
@Immutable
public final class HostResponse {
    /** The JSON content type. */
    public static final String JSON = "application/json; charset=utf-8";
    /** The HTML content type. */
    public static final String HTML = "text/html; charset=utf-8";

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;

    private HostResponse(int status, Map<String, String> headers, byte[] body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("'status' must be an HTTP status (100-599), was " + status + ".");
        }
        this.status = status;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body;
    }

    /**
     * A JSON response.
     *
     * @param status the HTTP status
     * @param value anything Jackson serializes
     * @return the response
     */
    public static HostResponse json(int status, Object value) {
        try {
            return new HostResponse(status, Map.of("Content-Type", JSON), Json.mapper().writeValueAsBytes(value));
        } catch (JsonProcessingException notSerializable) {
            throw new IllegalArgumentException("The response body could not be serialized to JSON.", notSerializable);
        }
    }

    /**
     * The error response of every adfkit endpoint: {@code {"error": "<message>"}}.
     *
     * @param status a 4xx or 5xx status
     * @param message what was wrong, for the caller; never a stack trace or a secret
     * @return the response
     */
    public static HostResponse error(int status, String message) {
        return json(status, Map.of("error", Objects.requireNonNull(message, "'message' cannot be null.")));
    }

    /**
     * An HTML page.
     *
     * @param status the HTTP status
     * @param html the page, already escaped
     * @return the response
     */
    public static HostResponse html(int status, String html) {
        return new HostResponse(status, Map.of("Content-Type", HTML), html.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A response without a body.
     *
     * @param status the HTTP status
     * @return the response
     */
    public static HostResponse empty(int status) {
        return new HostResponse(status, Map.of(), new byte[0]);
    }

    /**
     * @param name a header name
     * @param value its value
     * @return a copy with the header set (replacing one of the same name)
     */
    public HostResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        copy.put(name, value);
        return new HostResponse(status, copy, body);
    }

    /**
     * @return the HTTP status
     */
    public int getStatus() {
        return status;
    }

    /**
     * @return the headers
     */
    public Map<String, String> getHeaders() {
        return headers;
    }

    /**
     * @param name a header name, in any case
     * @return its value, or {@code null}
     */
    public String getHeader(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
            .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /**
     * @return the body bytes (a copy)
     */
    public byte[] getBody() {
        return body.clone();
    }

    /**
     * @return the body as UTF-8 text
     */
    public String getBodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "HostResponse{" + status + ", " + body.length + " bytes}";
    }
}
