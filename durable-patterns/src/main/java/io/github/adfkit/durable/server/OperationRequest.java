package io.github.adfkit.durable.server;

import com.azure.core.annotation.Immutable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import io.github.adfkit.core.implementation.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a caller submitted, as an {@link OperationValidator} sees it: the decoded query parameters and the body.
 * The server keeps these parameters with the operation (never showing them to callers) so that an operation can be
 * validated and run again on another host; the Azure Functions key parameter {@code code} is dropped first.
 *
 * <pre>{@code
 * OperationValidator<DateRange> validator = request -> {
 *     String start = request.getQueryParameter("s");
 *     if (start == null || start.isBlank()) {
 *         throw new InvalidOperationInputException("Empty start date.");
 *     }
 *     ...
 * };
 * }</pre>
 */
@Immutable
public final class OperationRequest {
    private static final String FUNCTIONS_KEY_PARAMETER = "code";

    private final Map<String, List<String>> query;
    private final String body;

    private OperationRequest(Map<String, List<String>> query, String body) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            if (!FUNCTIONS_KEY_PARAMETER.equals(name)) {
                copy.put(name, List.copyOf(values));
            }
        });
        this.query = Map.copyOf(copy);
        this.body = body;
    }

    /**
     * Creates a request, for example to unit-test a validator.
     *
     * @param query the decoded query parameters, each with all its values
     * @param body the body text; {@code null} for none
     * @return the request (without a {@code code} parameter)
     */
    public static OperationRequest of(Map<String, List<String>> query, String body) {
        return new OperationRequest(Objects.requireNonNull(query, "'query' cannot be null."),
            body == null ? "" : body);
    }

    /**
     * @param name a query parameter name
     * @return its first value, or {@code null} if absent
     */
    public String getQueryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * @return every query parameter with all its values
     */
    public Map<String, List<String>> getQueryParameters() {
        return query;
    }

    /**
     * @return the body text; empty if there was none
     */
    public String getBody() {
        return body;
    }

    /**
     * Reads the body as JSON into a type, strictly: unknown properties, duplicate keys and trailing text are errors.
     *
     * @param type the type to read
     * @param <T> the type
     * @return the value
     * @throws InvalidOperationInputException if the body is empty or is not valid JSON for the type; the message
     * says where, never repeats the input
     */
    public <T> T getBodyAs(Class<T> type) {
        if (body.isBlank()) {
            throw new InvalidOperationInputException("The request body is empty; a JSON object is expected.");
        }
        try {
            return Json.strictMapper().readValue(body, type);
        } catch (JsonProcessingException invalid) {
            JsonLocation where = invalid.getLocation();
            throw new InvalidOperationInputException("The request body is not valid JSON for this operation"
                + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")")
                + ".");
        }
    }
}
