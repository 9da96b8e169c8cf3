package io.github.adfkit.testing.callback;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One callback attempt as {@link AdfCallbackReceiver} saw it.
 *
 * @param id the callback id from the path {@code /callback/{id}}
 * @param headers the request headers; names are case-insensitive
 * @param rawBody the body as text (empty if there was none)
 * @param body the body parsed as JSON, or null if it was not valid JSON
 * @param status the status the receiver answered with
 * @param receivedAt when the receiver got it
 */
public record ReceivedCallback(String id, Map<String, List<String>> headers, String rawBody, JsonNode body,
    int status, Instant receivedAt) {

    /**
     * Whether the receiver accepted the callback (answered 2xx), as ADF would have completed the activity.
     *
     * @return true for a 2xx answer
     */
    public boolean accepted() {
        return status >= 200 && status < 300;
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, in any case
     * @return the first value, or null if the header was not sent
     */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
